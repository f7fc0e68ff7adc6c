"""Which groups a workshop's figures are shown for: small groups combined, never quietly dropped.

A group of fewer than ``MIN_GROUP`` people could be picked out, and so could it
through subtraction (everyone's figures minus every other group's). Rather than
hide it, and then hide a bigger group as well to stop the subtraction, it is
counted with others:

1. what the trainer asked for (``--combine carer=lived_experience``) first;
2. a small group with a natural home in the room joins it (carers join people
   with lived experience, whom they usually speak alongside);
3. then every group still under the minimum, together as "other", when that
   reaches the minimum;
4. else each joins the smallest group that is shown;
5. only when no group reaches the minimum at all is anything held back.

Every step is recorded, so the terminal and the report can say which group went
where, why, and the option that changes it. Pure functions: no files, no printing.
"""

from __future__ import annotations

import shlex
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from coprod.errors import SheetError
from coprod.scoring.spread import MIN_GROUP

#: Where small groups go together when, together, they reach the minimum.
OTHER = "other"
#: A small perspective's first home: carers usually sit with people with lived experience.
NATURAL_HOME = {"carer": "lived_experience"}


@dataclass(frozen=True)
class Combined:
    """Groups counted in another, and why: ``requested`` by --combine, else too small alone."""

    members: tuple[str, ...]
    into: str
    requested: bool


@dataclass(frozen=True)
class HeldBack:
    """A group whose figures are not shown, and how many people it holds."""

    name: str
    people: int


@dataclass(frozen=True)
class GroupPlan:
    """Each group as given -> the group it is shown in; what was combined; what is held back."""

    assign: dict[str, str]
    combined: list[Combined] = field(default_factory=list)
    held_back: list[HeldBack] = field(default_factory=list)

    def members(self, shown: str) -> tuple[str, ...]:
        """The groups as given that are counted in ``shown`` besides itself."""
        return tuple(g for g, to in self.assign.items() if to == shown and g != shown)


def plan_groups(people: Mapping[str, int], combine: Mapping[str, str] | None = None) -> GroupPlan:
    """Decide where each group's people are counted (see the module's steps)."""
    assign = {g: g for g in people}
    combined: list[Combined] = []
    for source, target in (combine or {}).items():
        if source not in people:
            known = ", ".join(sorted(people)) or "none"
            raise SheetError(
                f"--combine {source}={target}: no group is called '{source}'; "
                f"the groups are: {known}.",
                "Use one of those names before the '='.",
            )
        for g, to in assign.items():
            if to == source:
                assign[g] = target
        combined.append(Combined((source,), target, requested=True))

    def sizes() -> Counter[str]:
        out: Counter[str] = Counter()
        for g, to in assign.items():
            out[to] += people[g]
        return out

    size = sizes()
    for g in sorted(size):
        home = NATURAL_HOME.get(g)
        if home is not None and size[g] < MIN_GROUP and home in size:
            _fold(assign, [g], home)
            combined.append(Combined((g,), home, requested=False))
    size = sizes()
    small = sorted(g for g, n in size.items() if n < MIN_GROUP)
    if not small:
        return GroupPlan(assign, combined)
    if len(small) >= 2 and sum(size[g] for g in small) >= MIN_GROUP:
        _fold(assign, small, OTHER)
        combined.append(Combined(tuple(g for g in small if g != OTHER), OTHER, requested=False))
        return GroupPlan(assign, combined)
    shown = sorted((n, g) for g, n in size.items() if n >= MIN_GROUP)
    if not shown:
        held = [HeldBack(g, size[g]) for g in small]
        return GroupPlan(assign, combined, held)
    for g in small:
        into = shown[0][1]
        _fold(assign, [g], into)
        combined.append(Combined((g,), into, requested=False))
    return GroupPlan(assign, combined)


def _fold(assign: dict[str, str], groups: list[str], into: str) -> None:
    for g, to in assign.items():
        if to in groups:
            assign[g] = into


#: Why a group is held back: it can only happen when no group reaches the minimum.
HELD_BACK_REASON = (
    f"held back: fewer than {MIN_GROUP} people, and no group of {MIN_GROUP} or more "
    "to count them with"
)


def explain(plan: GroupPlan) -> list[str]:
    """A sentence per combined or held-back group: which, why, and the option to change it."""
    lines = []
    for c in plan.combined:
        names = ", ".join(c.members)
        if c.requested:
            lines.append(f"{names}: counted with {c.into}, as --combine asked.")
            continue
        each = " each" if len(c.members) > 1 else ""
        others = sorted({to for to in plan.assign.values()} - {c.into, *c.members})
        other = others[0] if others else "GROUP"
        lines.append(
            f"{names}: fewer than {MIN_GROUP} people{each}, so counted with {c.into}, "
            f"to keep their answers from being picked out. To count them elsewhere, "
            f"use --combine {shlex.quote(c.members[0] + '=' + other)}."
        )
    for h in plan.held_back:
        lines.append(
            f"{h.name}: {HELD_BACK_REASON}; everyone's figures include them. "
            f"Each group needs {MIN_GROUP} people to be shown."
        )
    return lines
