"""What a comparison is made of: its inputs, options, units, rounds and verdicts.

Plain frozen dataclasses; :mod:`coprod.compare.core` builds them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from coprod.errors import CompareError
from coprod.model import Questionnaire, Text
from coprod.scoring.scored import Scored
from coprod.scoring.spread import CONTESTED_BELOW, MIN_GROUP, ItemStats

#: Respondent fields ``--by`` accepts; a name is never a unit.
BY_FIELDS = ("organisation", "service", "role", "perspective", "group")
ALL_ROUNDS = "all responses"

IMPROVED = "improved"
DECLINED = "declined"
NOISE = "within the noise"
UNKNOWN_SPREAD = "cannot tell: no spread to compare with"
NOT_COMPARABLE = "not comparable"


@dataclass(frozen=True)
class Input:
    """One scored response, its input number and where it came from."""

    number: int
    source: str
    scored: Scored
    people_level: bool = False  # one person's answers (from a `coprod batch` folder)
    described: str = ""  # how outputs name it when its path may carry a person's name

    @property
    def where(self) -> str:
        """How reports and data outputs name this input: ``described``, else its path."""
        return self.described or self.source


@dataclass(frozen=True)
class Skipped:
    """An input left out of the comparison, and why.

    ``reason`` may quote the file; ``kind`` never does, so anonymised outputs use it.
    ``source`` is the path, for the terminal; outputs name the input by ``where``.
    """

    number: int
    source: str
    kind: str
    reason: str
    described: str = ""  # e.g. "batch folder workshop, response 12", instead of the path

    @property
    def where(self) -> str:
        """How reports and data outputs name this input: ``described``, else its path."""
        return self.described or self.source


class NothingToCompareError(CompareError):
    """Raised when no input could be used; ``skipped`` lists every input with its reason."""

    def __init__(self, skipped: Sequence[Skipped]) -> None:
        super().__init__(
            f"nothing to compare: none of the {len(skipped)} inputs could be used.",
            "Give response files, folders of them, or coprod batch output folders.",
        )
        self.skipped = list(skipped)


@dataclass(frozen=True)
class Options:
    """How to compare: the grouping field, rounds, suppression and anonymisation."""

    by: str = "service"
    over_time: bool = False
    baseline: str | None = None
    min_group: int | None = None
    anonymise: bool = False
    lang: str = "en"


@dataclass(frozen=True)
class UnitFigures:
    """One unit's figures on one principle (or overall) in one round."""

    id: str
    title: str
    stats: ItemStats | None  # None when suppressed or nothing to show
    suppressed: bool = False
    #: On agreement scales: the percent of the unit's answers that agree (None: none asked)
    agree: float | None = None

    @property
    def mean(self) -> float | None:
        """The mean score, if it may be shown."""
        return None if self.stats is None else self.stats.summary.mean

    @property
    def n(self) -> int:
        """How many scores the figures rest on."""
        return 0 if self.stats is None else self.stats.summary.n

    @property
    def sd(self) -> float | None:
        """The standard deviation, if it may be shown."""
        return None if self.stats is None else self.stats.summary.sd

    @property
    def wide_spread(self) -> bool:
        """True when fewer than CONTESTED_BELOW % of scores are within 25 points of the median."""
        s = self.stats
        return (
            s is not None
            and s.summary.n >= MIN_GROUP
            and s.consensus is not None
            and s.consensus < CONTESTED_BELOW
        )


@dataclass(frozen=True)
class UnitRound:
    """A unit's figures in one round."""

    round: str
    responses: int
    suppressed: bool
    overall: UnitFigures
    principles: list[UnitFigures]


@dataclass(frozen=True)
class Change:
    """A unit's change on one principle (or overall) from the baseline to a later round."""

    id: str
    title: str
    round: str
    baseline: float | None
    latest: float | None
    change: float | None
    spread: float | None
    verdict: str


@dataclass(frozen=True)
class Unit:
    """A service, organisation or other group, with its figures in each round."""

    key: str
    label: str
    rounds: dict[str, UnitRound]
    rank: str = ""
    strongest: list[str] = field(default_factory=list)
    weakest: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)

    def latest(self, round_label: str) -> UnitRound | None:
        """The unit's figures in this round, if it took part."""
        return self.rounds.get(round_label)


@dataclass(frozen=True)
class LeftOutQuestion:
    """A question one of the versions asks that the comparison leaves out, and why."""

    version: str
    id: str
    text: Text
    why: str


@dataclass(frozen=True)
class Bridge:
    """How a comparison across versions was made: the versions, shared questions, left out."""

    versions: list[str]  # oldest first
    shared: list[str]
    left_out: list[LeftOutQuestion]

    def summary(self) -> str:
        """One sentence for the terminal: which versions, on how many questions, how many not."""
        return (
            f"versions {' and '.join(self.versions)} compared on the {len(self.shared)} "
            f"questions they ask in the same way; {len(self.left_out)} other questions "
            "left out (listed in the report)."
        )


@dataclass(frozen=True)
class Comparison:
    """Everything a comparison found: units, rounds, what was left out, and why."""

    questionnaire: Questionnaire
    questionnaire_hash: str
    by: str
    over_time: bool
    rounds: list[str]
    baseline: str | None
    min_group: int
    people_level: bool
    anonymised: bool
    units: list[Unit]
    responses: int
    skipped: list[Skipped]
    warnings: list[str] = field(default_factory=list)
    lang: str = "en"
    organisation: str = ""  # the one organisation every response is from, unless anonymised
    bridge: Bridge | None = None  # set when versions were compared on their shared questions

    @property
    def latest(self) -> str:
        """The round the across-units figures are for (the last one)."""
        return self.rounds[-1]

    @property
    def exit_code(self) -> int:
        """0 when every input was compared, 8 when some were left out (each listed)."""
        return 8 if self.skipped else 0

    def held_back(self) -> list[tuple[str, str, int]]:
        """(unit, round, responses) for each unit's round held back as too small to show."""
        return [
            (u.label, r.round, r.responses)
            for u in self.units
            for r in u.rounds.values()
            if r.suppressed
        ]
