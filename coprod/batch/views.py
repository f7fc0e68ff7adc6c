"""The group report's view classes: each section's figures, already in words.

Built by :mod:`coprod.batch.sections` and :mod:`coprod.batch.report`; the templates
in ``report_templates/group/`` only lay them out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from coprod.report.views import BandView, GroupGridView


@dataclass(frozen=True)
class GroupSummary:
    """The headline figures ('score' is what the base template puts in its description)."""

    score: str
    band: str
    median: str
    consensus: str
    lines: list[str]
    has_overall: bool = True  # False when the questionnaire has no overall score


@dataclass(frozen=True)
class Participation:
    """Rows read and people scored, and each group shown with its size."""

    rows: list[tuple[str, str]]
    by: str
    groups: list[tuple[str, str]]
    #: Which groups were counted with others or held back, and why.
    notes: list[str]


@dataclass(frozen=True)
class GroupTable:
    """Each shown group's mean per principle: a dot chart (few groups) and the table."""

    heading: str
    chart: Markup
    headers: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class GroupQuestionView:
    """One question's answers: the figures, the distribution chart and its table."""

    id: str
    anchor: str
    number: str
    text: str
    scored: bool
    contested: bool
    figures: list[tuple[str, str]]
    excluded: str
    chart: Markup
    rows: list[tuple[str, str, str]]
    note: str
    #: Written answers shown with --show-text, participants' names taken out.
    texts: list[str] = field(default_factory=list)
    #: Many or long answer labels: the table goes under the chart, not beside it.
    long_labels: bool = False
    #: A grid's row: the grid, shown (with its tables) where its first row would be.
    grid: GroupGridView | None = None


@dataclass(frozen=True)
class GroupPrincipleView:
    """A principle's questions in the distribution section."""

    id: str
    anchor: str
    number: int
    title: str
    questions: list[GroupQuestionView]


@dataclass(frozen=True)
class Prompt:
    """A contested question or a perspective gap, with a question to discuss."""

    anchor: str
    title: str
    figures: list[tuple[str, str]]
    ask: str


@dataclass(frozen=True)
class GroupMethod:
    """The method, in words, with the principle weights and the bands."""

    paragraphs: list[str]
    weights: list[tuple[str, str, str]]
    bands: list[BandView]
