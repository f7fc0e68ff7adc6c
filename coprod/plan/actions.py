"""An action plan as coprod holds it: its link to a questionnaire and round, the baseline
figures, the actions and discussion items, and a target per principle.

Plain frozen dataclasses, no I/O: :mod:`coprod.plan.build` makes a plan from
recommendations, :mod:`coprod.plan.write` writes it for a spreadsheet and
:mod:`coprod.plan.read` reads it back after people have edited it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

#: Where an action stands, in the order people work through them.
STATUSES = ("not_started", "under_way", "done", "dropped")
NOT_STARTED, UNDER_WAY, DONE, DROPPED = STATUSES

#: A row is an action to take, or an item for the group to talk through.
KINDS = ("action", "discussion")
ACTION, DISCUSSION = KINDS

#: How soon, as in the questionnaire's recommendations.
PRIORITIES = ("high", "medium", "low")

#: The version of the plan layout, written into every plan.
PLAN_FORMAT = 1

#: The row of figures that stands for the overall score.
OVERALL = "overall"


@dataclass(frozen=True)
class Link:
    """What a plan was made from: questionnaire id, version, content hash, round and service.

    ``source`` names the input without a person's name ("batch folder workshop",
    or the response file's name); ``people`` is how many responses it rests on.
    """

    questionnaire: str
    version: str
    hash: str
    round: str
    made: str  # ISO date the plan was written
    service: str = ""
    organisation: str = ""
    source: str = ""
    people: int = 1
    lang: str = "en"
    path: str = ""  # the questionnaire file, when it is not a built-in one
    held: str = ""  # ISO date of the baseline's answers (the earliest, for a workshop)


@dataclass(frozen=True)
class Baseline:
    """One principle's (or the overall) score at the baseline: n, mean and spread."""

    principle: str
    n: int
    mean: float | None
    sd: float | None


@dataclass(frozen=True)
class Action:
    """One row of the plan: an action, or an item for discussion.

    ``ref`` is coprod's reference (A1, D1); a row people added has none.
    ``row`` is the spreadsheet row it was read from (0 for a plan just built).
    """

    ref: str
    kind: str
    principle: str  # a principle id, or '' for the whole service
    recommendation: str
    priority: str  # high, medium, low, or '' (discussion items, rows people added)
    text: str
    owner: str = ""
    due: date | None = None
    status: str = NOT_STARTED
    notes: str = ""
    row: int = 0


@dataclass(frozen=True)
class Target:
    """The score a principle is aimed at by the next round (None: no target set)."""

    principle: str
    target: float | None
    notes: str = ""
    row: int = 0


@dataclass(frozen=True)
class Plan:
    """An action plan: its link, the baseline, the rows and the targets.

    ``original`` maps each reference coprod wrote to its action text, so that a
    row someone deleted can be named when the plan is read back. ``differed``
    keeps which question each "where views differed" item is about, for the
    "You said, we did" page.
    """

    link: Link
    baseline: list[Baseline]
    actions: list[Action]
    targets: list[Target]
    original: dict[str, str] = field(default_factory=dict)
    #: For a workshop: each "where views differed" item's reference -> its question id.
    differed: dict[str, str] = field(default_factory=dict)

    def baseline_for(self, principle: str) -> Baseline | None:
        """The baseline figures of a principle (or 'overall'), if the plan has them."""
        return next((b for b in self.baseline if b.principle == principle), None)

    def target_for(self, principle: str) -> float | None:
        """A principle's target score, if one is set."""
        return next((t.target for t in self.targets if t.principle == principle), None)

    def actions_for(self, principle: str) -> list[Action]:
        """The rows about one principle, in plan order."""
        return [a for a in self.actions if a.principle == principle]
