"""The "Progress on the action plan" section that follow-up reports can carry.

A view-model only, already in words: :mod:`coprod.plan.progress` builds it from a
plan and the follow-up's figures, and ``report_templates/_progress.html.j2``
lays it out, in the single report and in the comparison report alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ProgressAction:
    """One action as the section lists it: what, its status and when it is due."""

    text: str
    kind: str
    status: str
    status_key: str  # not_started, under_way, done or dropped (for the style)
    due: str


@dataclass(frozen=True)
class ProgressRow:
    """One principle: its target, scores then and now, the judgement, and its actions."""

    anchor: str
    principle: str
    target: str
    baseline: str
    now: str
    change: str
    verdict: str
    against_target: str
    counts: str
    actions: list[ProgressAction]


@dataclass(frozen=True)
class ProgressView:
    """The whole section: headings and notes in the report's language, one row per principle."""

    ids: str
    lang: str
    heading: str
    intro: str
    caution: str
    unit: str
    counts: str
    rows: list[ProgressRow]
    method: str
    t: dict[str, str]


#: Builds the section for one report: (language, id prefix) -> the view.
ProgressBuilder = Callable[[str, str], ProgressView]
