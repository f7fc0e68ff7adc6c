"""A principle's figures for many people at once, added up question by question.

The method is :mod:`coprod.scoring.score`'s: weighted mean of the answered questions'
0-100 scores, 'not applicable' left out, coverage, and the median level for
``show: level``. The figures are added up in the principle's order of questions, with
the same additions as ``score_response``; people whose sums so far are equal share one
entry, so the Python-level work grows with the distinct sums (a few hundred), not with
the people. ``tests/test_groupstats.py`` checks the figures equal ``score_response``'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import add
from typing import NamedTuple, Protocol

from coprod.model import Status
from coprod.scoring.score import HIDDEN, NOT_ASKED, median_level, round1

NOT_APPLICABLE = Status.not_applicable.value
DONT_KNOW = Status.dont_know.value


class PResult(NamedTuple):
    """One person's result on one principle (the same figures as scoring.PrincipleScore)."""

    score: float | None
    coverage: float
    applicable: int
    answered: int
    not_applicable: int
    dont_know: int
    unanswered: int
    raw: float | None  # unrounded, for the overall mean
    weighted: float  # principle weight x raw when it counts towards the overall, else 0
    counted: float  # the principle weight when it counts towards the overall, else 0


class Result(Protocol):
    """What a principle reads of a question's result."""

    @property
    def status(self) -> str:
        """A Status value, or hidden / not asked."""

    @property
    def score(self) -> float | None:
        """The 0-100 score, None when not scored."""


#: What a principle's figures have added up after some of its questions: total, weights,
#: applicable, answered, not applicable, don't know, unanswered and (for a median level)
#: the scores so far.
Sums = tuple[float, float, int, int, int, int, int, tuple[float, ...]]
NOTHING: Sums = (0.0, 0.0, 0, 0, 0, 0, 0, ())
#: Codes up to this many fit in a byte: such steps are added and looked up as bytes.
BYTE = 256


class PrincipleScorer:
    """A principle's result from its questions' results, one question at a time."""

    def __init__(
        self, weights: list[float], min_coverage: float, weight: float, ordinal: bool = False
    ) -> None:
        self.ordinal = ordinal  # the median level, as scoring.score does for show: level
        self.weights = weights
        self.weight = weight
        self.min_coverage = min_coverage

    def step(self, sums: Sums, status: str, score: float | None, weight: float) -> Sums:
        """The sums after one more question's result (status and 0-100 score)."""
        if status in (HIDDEN, NOT_ASKED):
            return sums
        total, weights, applicable, answered, n_na, n_dk, n_un, scores = sums
        # as in scoring.score: a question answered 'not applicable' does not apply
        applicable += status != NOT_APPLICABLE
        if score is not None:
            answered += 1
            total += weight * score
            weights += weight
            if self.ordinal:
                scores = (*scores, score)
        elif status == NOT_APPLICABLE:
            n_na += 1
        elif status == DONT_KNOW:
            n_dk += 1
        else:
            n_un += 1
        return (total, weights, applicable, answered, n_na, n_dk, n_un, scores)

    def finish(self, sums: Sums) -> PResult:
        """The principle's result once every question has been added."""
        total, weights, applicable, answered, n_na, n_dk, n_un, scores = sums
        coverage = round1(answered / applicable * 100) if applicable else 0.0
        score = raw = None
        if weights > 0 and coverage >= self.min_coverage:
            raw = total / weights
            if self.ordinal:
                raw = median_level(list(scores))
            score = round1(raw)
        counts = raw is not None and self.weight > 0
        return PResult(
            score,
            coverage,
            applicable,
            answered,
            n_na,
            n_dk,
            n_un,
            raw,
            self.weight * raw if counts and raw is not None else 0.0,
            self.weight if counts else 0.0,
        )

    def fold(
        self, columns: Sequence[tuple[list[int], Sequence[Result]]], n: int
    ) -> tuple[list[int], list[PResult]]:
        """Everyone's results from the questions' results, each as (codes per row, table).

        Each row's sums so far are a code, held as code x the next table's size, so that
        (sums, result) is one addition; only each distinct pair is added up in Python.
        While every pair fits in a byte, rows are bytes: two columns are added as two
        big numbers (no carries) and the new codes looked up with ``bytes.translate``.
        """
        table: list[Sums] = [NOTHING]
        rows: list[int] | bytes = bytes(n)
        for k, ((codes, results), weight) in enumerate(zip(columns, self.weights, strict=True)):
            width = len(results)
            pairs: list[int] | bytes
            if isinstance(rows, bytes) and len(table) * width <= BYTE:
                pairs = bytes(codes)
                if k:
                    total = int.from_bytes(rows, "little") + int.from_bytes(pairs, "little")
                    pairs = total.to_bytes(n, "little")
                seen: Sequence[int] = [p for p in range(len(table) * width) if p in pairs]
            else:
                if k:
                    rows = list(rows) if isinstance(rows, bytes) else rows
                    pairs = list(map(add, rows, codes))
                else:
                    pairs = codes
                seen = list(set(pairs))
            after: dict[Sums, int] = {}
            moves = [0] * (len(table) * width)
            for pair in seen:
                before, code = divmod(pair, width)
                result = results[code]
                sums = self.step(table[before], result.status, result.score, weight)
                moves[pair] = after.setdefault(sums, len(after))
            following = len(columns[k + 1][1]) if k + 1 < len(columns) else 1
            scaled = [code * following for code in moves]
            if isinstance(pairs, bytes) and len(after) * following <= BYTE:
                rows = pairs.translate(bytes(scaled).ljust(BYTE, b"\0"))
            else:
                rows = list(map(scaled.__getitem__, pairs))
            table = list(after)
        return list(rows) if isinstance(rows, bytes) else rows, [self.finish(s) for s in table]
