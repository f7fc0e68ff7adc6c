"""The comparison report's view classes: every figure already in words, for the templates.

Built by :mod:`coprod.compare.report`; the templates in ``report_templates/compare/``
only lay them out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from coprod.report.charts.compare import HeatStyle
from coprod.report.progress import ProgressView
from coprod.report.views import FactsCover


@dataclass(frozen=True)
class HeatCell:
    """One cell of the heatmap or change table: the figure, the small print and its shade."""

    text: str
    detail: str
    style: HeatStyle
    flag: bool = False  # wide spread (heatmap) or a change beyond the noise (change table)
    muted: bool = False  # suppressed or no score: hatched, and says so in words


@dataclass(frozen=True)
class HeatRow:
    """A unit's row of the heatmap or change table."""

    label: str
    cells: list[HeatCell]


@dataclass(frozen=True)
class RankRow:
    """A unit's line in the ranking table."""

    rank: str
    label: str
    mean: str
    n: str
    median: str
    sd: str
    iqr: str
    strongest: str
    weakest: str
    note: str
    #: The strongest and weakest principles by number ('3, 5'), for the printed one-line rows.
    strongest_numbers: str = ""
    weakest_numbers: str = ""


@dataclass(frozen=True)
class UnitChange:
    """A unit's change since the baseline: arrow chart and the table beside it."""

    label: str
    anchor: str
    chart: Markup
    rows: list[tuple[str, str, str, str, str]]


@dataclass(frozen=True)
class ComparisonSummary:
    """What the base template reads from the summary, and the headline figures."""

    score: str
    units: int
    shown: int
    suppressed: int
    responses: int
    left_out: int
    wide: list[str]
    verdicts: list[tuple[str, int, int, int, int]]
    #: Highest, lowest and most changed units (with n), and the widest-spread principle.
    lines: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class CompareReport:
    """Everything the comparison templates need, already in words."""

    lang: str
    title: str
    generator: str
    cover: FactsCover
    summary: ComparisonSummary
    principles: list[str]
    #: The heatmap's and change table's columns: "Overall" (when there is one), then principles.
    columns: list[str]
    ranking: list[RankRow]
    heatmap: list[HeatRow]
    legend: list[tuple[str, HeatStyle]]
    over_time: bool
    baseline: str
    latest: str
    changes: list[HeatRow]
    unit_changes: list[UnitChange]
    method: list[str]
    left_out: list[tuple[str, str, str]]
    warnings: list[str]
    t: dict[str, str]
    logo: str | None = None
    logo_alt: str = ""
    unit_noun: str = "unit"
    min_group: int = 3
    anonymised: bool = False
    #: Progress on an action plan (coprod compare --over-time --plan), else None.
    progress: ProgressView | None = None
    each_unit: bool = False
    versions: str = ""  # across versions: what was compared; empty when one version
    versions_left_out: list[tuple[str, str, str, str]] = field(default_factory=list)
    draft_note: str = ""
