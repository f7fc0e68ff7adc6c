"""The spread of a set of 0-100 scores, and the thresholds batch and compare share.

n, mean, median, standard deviation (sample, n - 1), quartiles and IQR (linear
interpolation between data points, as Excel's QUARTILE.INC), min and max, and
**consensus**: the share of scores within ``CONSENSUS_POINTS`` of the median (one
level of a five-level scale). Items with consensus below ``CONTESTED_BELOW``
percent are *contested*; figures resting on fewer than ``MIN_GROUP`` answers are
suppressed. Many scores are rounded at once by :func:`round1_all`. Pure functions: no
files, no printing.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, compress, repeat
from operator import add, gt, mul, sub, truediv
from typing import Any

from coprod.model import Scale
from coprod.scoring.score import round1

MIN_GROUP = 3
CONTESTED_BELOW = 70.0
CONSENSUS_POINTS = 25.0
#: The group of people who left the grouping field blank, in batch and compare alike.
NOT_GIVEN = "(not given)"


#: The spread figures every group table carries, in this order (batch and compare alike).
SPREAD_COLUMNS = ("n", "mean", "median", "sd", "q1", "q3", "iqr", "min", "max", "consensus")
#: On an agreement scale, the percent of answers on each side, in this order.
SHARE_COLUMNS = ("agree", "neutral", "disagree")


@dataclass(frozen=True)
class ScoreSpread:
    """n and the spread of a set of 0-100 scores; figures are None when there are none."""

    n: int
    mean: float | None = None
    median: float | None = None
    sd: float | None = None
    q1: float | None = None
    q3: float | None = None
    min: float | None = None
    max: float | None = None
    #: The mean and IQR before rounding, so that differences are rounded once, at the end.
    exact_mean: float | None = field(default=None, compare=False, repr=False)
    exact_iqr: float | None = field(default=None, compare=False, repr=False)

    @property
    def iqr(self) -> float | None:
        """The interquartile range, Q3 - Q1 (from the unrounded quartiles)."""
        if self.exact_iqr is not None:
            return round1(self.exact_iqr)
        return None if self.q1 is None or self.q3 is None else round1(self.q3 - self.q1)


@dataclass(frozen=True)
class ItemStats:
    """One question, principle or the overall score, for one group of people."""

    id: str
    kind: str  # question, principle or overall
    title: str
    principle: str | None
    summary: ScoreSpread
    consensus: float | None
    distribution: list[tuple[str, int]] = field(default_factory=list)
    not_applicable: int = 0
    dont_know: int = 0
    unanswered: int = 0
    suppressed: bool = False
    #: People who gave an answer (for a multiple-choice question: not the ticks).
    answered: int = 0
    scored: bool = True  # False for a part that is only reported (never in tables or charts)
    #: On an agreement scale: the percent of answers agreeing, neutral and disagreeing.
    shares: tuple[float, float, float] | None = None
    not_asked: int = 0  # people whose perspective is not asked this question (``for:``)


def summarise(counts: dict[float, int]) -> ScoreSpread:
    """Spread figures from a value -> how-many table (exact; no list of every value needed)."""
    # The values alone are sorted (each is a key once): sorting numbers is quicker than pairs.
    values = sorted(v for v, c in counts.items() if c > 0)
    if not values:
        return ScoreSpread(0)
    weights = list(map(counts.__getitem__, values))
    # Running totals of the counts: the value at a position is found by bisection. The
    # sums below make the same additions, in the same order, as a loop over the items.
    seen = list(accumulate(weights))
    n = seen[-1]
    mean = sum(map(mul, values, weights)) / n
    spread = map(mul, weights, map(pow, map(sub, values, repeat(mean)), repeat(2)))
    sd = math.sqrt(sum(spread) / (n - 1)) if n > 1 else 0.0

    def at(position: int) -> float:
        found = bisect_right(seen, position)
        return values[found] if found < len(values) else values[-1]

    def quantile(p: float) -> float:
        h = (n - 1) * p
        low = math.floor(h)
        a = at(low)
        b = at(min(low + 1, n - 1))
        return a + (h - low) * (b - a)

    # Every figure from the unrounded scores, rounded once here, halves up (docs/scoring.md).
    q1, q3 = quantile(0.25), quantile(0.75)
    return ScoreSpread(
        n,
        round1(mean),
        round1(quantile(0.5)),
        round1(sd),
        round1(q1),
        round1(q3),
        round1(values[0]),
        round1(values[-1]),
        exact_mean=mean,
        exact_iqr=q3 - q1,
    )


def round1_all(values: Sequence[float]) -> list[float]:
    """``[round1(v) for v in values]``, the same figures, for many values at once.

    For 0 <= v < 1e6 the tenths are read from v x 10 in C: v x 10 is within a few
    billionths of the decimal that round1 rounds, so unless its fraction is within a
    millionth of a half the rounding is settled; any value that is not, or is outside
    that range, goes through round1 itself.
    """
    if not all(map(_SAFE.__contains__, values)):
        return [round1(v) for v in values]
    tens = list(map(mul, values, repeat(10.0)))
    halves = map(abs, map(sub, map(sub, tens, map(math.floor, tens)), repeat(0.5)))
    tenths = list(map(math.floor, map(add, tens, repeat(0.5))))
    out = list(map(truediv, tenths, repeat(10)))
    for i in compress(range(len(out)), map(gt, repeat(1e-6), halves)):
        out[i] = round1(values[i])
    return out


class _Range:
    # 'in' for 0 <= v < 1e6, from C; nan and infinities are not in it.
    def __contains__(self, value: float) -> bool:
        return 0.0 <= value < 1e6


_SAFE = _Range()


def within(counts: dict[float, int], centre: float, width: float) -> float | None:
    n = sum(counts.values())
    if not n:
        return None
    near = sum(c for v, c in counts.items() if abs(v - centre) <= width + 1e-9)
    return round1(near / n * 100)


def score_stats(
    item_id: str,
    kind: str,
    title: str,
    scores: Iterable[float | None] | Mapping[float | None, int],
) -> ItemStats:
    """Figures for principle or overall scores (or a score -> count table); None is unanswered."""
    counts: Counter[float | None] = Counter(scores)
    missing = counts.pop(None, 0)
    numbers: dict[float, int] = {k: v for k, v in counts.items() if k is not None}
    summary = summarise(numbers)
    consensus = (
        within(numbers, summary.median, CONSENSUS_POINTS) if summary.median is not None else None
    )
    return ItemStats(item_id, kind, title, None, summary, consensus, unanswered=missing)


def agreement_shares(scale: Scale, values: Mapping[Any, int]) -> tuple[float, float, float] | None:
    """Percent agreeing, neutral and disagreeing among the answers on an agreement scale."""
    if not scale.is_agreement:
        return None
    sides: Counter[str | None] = Counter()
    for value, count in values.items():
        sides[scale.side(int(value)) if isinstance(value, (int, float)) else None] += count
    n = sides["agree"] + sides["neutral"] + sides["disagree"]
    if not n:
        return None
    return (
        round(sides["agree"] / n * 100, 1),
        round(sides["neutral"] / n * 100, 1),
        round(sides["disagree"] / n * 100, 1),
    )
