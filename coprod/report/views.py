"""The report's view-model: plain frozen dataclasses, every text already in the report's language.

Built by :func:`coprod.report.single.build_report`; templates only lay them out. A text
field may hold a :class:`~coprod.i18n.phrases.Phrase` (a str that knows its language)
where the questionnaire had no wording in the report's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from coprod.report.progress import ProgressView


@dataclass(frozen=True)
class LevelView:
    """A scale level as the report shows it."""

    value: int
    label: str
    descriptor: str


@dataclass(frozen=True)
class QuestionView:
    """One question with its answer, score and, for scales, where next."""

    id: str
    number: str
    text: str
    answer: str
    status: str
    score: str
    weight: str
    scored: bool
    note: str | None
    reached: LevelView | None = None
    #: A grid's row: the grid, whose table its first row's section shows.
    grid: GridView | None = None
    next_level: LevelView | None = None
    score_value: float | None = None  # the 0-100 score behind ``score``, for ordering
    level_note: str = ""  # instead of "this is the top level", e.g. "you are at your target"
    gap: str = ""  # the target set, with the gap: "6 – Designing together (2 to go)"
    gap_label: str = ""  # the part of ``gap`` naming the level: " – Designing together"


@dataclass(frozen=True)
class PrincipleView:
    """A principle's section of the report."""

    id: str
    anchor: str
    number: int
    title: str
    description: str
    score: str
    band: str
    band_description: str
    coverage: str
    weight: str
    answered: int
    applicable: int
    not_applicable: int
    dont_know: int
    unanswered: int
    questions: list[QuestionView]
    chart: Markup
    chart_rows: list[tuple[str, str]]
    scored: bool = True  # False: its answers are reported, never scored
    out_of_100: bool = True  # a 0-100 number to show, followed by "out of 100"
    agreed: str = ""  # on an agreement scale: how many statements were agreed with
    gap: str = ""  # the target set for the principle's question(s), with the gap
    asked: bool = True  # False: none of its questions is for this perspective (``for:``)


@dataclass(frozen=True)
class Highlight:
    """A strength or priority, in words."""

    title: str
    anchor: str
    score: str
    band: str
    question: str
    answer: str
    out_of_100: bool = True  # the score is 0-100, followed by "out of 100"


@dataclass(frozen=True)
class SourceView:
    """A credited source; ``url`` only when it is a web address (never a local file)."""

    id: str
    anchor: str
    title: str
    author: str
    year: str
    url: str
    note: str
    questions: tuple[str, ...] = ()  # ids of the questions that name this source
    recommendations: tuple[str, ...] = ()  # ids of the recommendations that name it


@dataclass(frozen=True)
class Trigger:
    """One finding that led to a recommendation (several when the same actions were merged)."""

    title: str
    principle: str
    anchor: str
    why: str


@dataclass(frozen=True)
class RecommendationView:
    """One recommendation, in priority order."""

    number: int
    id: str
    title: str
    priority: str
    priority_text: str
    principle: str
    anchor: str
    why: str
    actions: list[str]
    sources: list[SourceView]
    #: Every finding behind it, when recommendations with the same actions were merged.
    triggers: list[Trigger] = field(default_factory=list)


@dataclass(frozen=True)
class BandView:
    """A score band and its thresholds."""

    label: str
    low: str
    high: str
    description: str


@dataclass(frozen=True)
class Exclusion:
    """A question left out of the score, and why."""

    number: str
    text: str
    reason: str


@dataclass(frozen=True)
class Method:
    """The scoring method made concrete for this questionnaire and response."""

    min_coverage: str
    principles: list[PrincipleView]
    equal_question_weights: bool
    question_weights: list[tuple[str, str, str]]
    bands: list[BandView]
    excluded: list[Exclusion]
    unscored: list[Exclusion]
    unscored_parts: list[str] = field(default_factory=list)  # principles only reported
    marks: str = ""  # with 'show: marks' or 'level', how scores are shown (one paragraph)


@dataclass(frozen=True)
class StartAction:
    """An action to start with, and the recommendation it comes from."""

    action: str
    recommendation: str
    anchor: str


@dataclass(frozen=True)
class SummaryView:
    """The first page after the cover."""

    score: str
    band: str
    band_description: str
    coverage: str
    answered: int
    applicable: int
    min_coverage: str
    chart: Markup
    chart_rows: list[tuple[str, ...]]
    strengths: list[Highlight]
    priorities: list[Highlight]
    #: The first action of each of the (up to) three most pressing recommendations.
    start: list[StartAction] = field(default_factory=list)
    has_overall: bool = True  # False when the questionnaire has no overall score
    agreed_column: bool = False  # an "Agreed with" column, for agreement scales
    target_column: bool = False  # a "Target" column, for questions with a target
    out_of_100: bool = True  # a 0-100 overall number to show, followed by "out of 100"


@dataclass(frozen=True)
class Cover:
    """Who and what the report is about. The respondent's name is never shown."""

    organisation: str
    service: str
    questionnaire: str
    version: str
    date: str
    role: str
    perspective: str
    group: str
    questionnaire_lang: str = ""
    #: The language of what the respondent typed (the answers file's language), when it
    #: is not the page's: organisation, service, role and group are marked with it.
    typed_lang: str = ""


@dataclass(frozen=True)
class FactsCover:
    """The cover of a report about many responses (group, compare): title and facts under it."""

    questionnaire: str
    version: str
    organisation: str
    facts: list[tuple[str, str]]
    #: Many people's answers may be in several languages: names are not marked.
    typed_lang: str = ""


@dataclass(frozen=True)
class Report:
    """Everything a report template needs, already in the report's language."""

    lang: str
    title: str
    description: str
    cover: Cover
    summary: SummaryView
    principles: list[PrincipleView]
    recommendations: list[RecommendationView]
    method: Method
    sources: list[SourceView]
    logo: str | None
    logo_alt: str
    generator: str
    t: dict[str, str]
    warnings: list[str] = field(default_factory=list)
    #: Put before every id and #link, so two reports can share one page.
    ids: str = ""
    #: Says the translation is a draft, when the questionnaire or coprod's labels say so.
    draft_note: str = ""
    #: Progress on an action plan (coprod report --plan), else None.
    progress: ProgressView | None = None
    #: Only the cover and the summary (``--summary``).
    summary_only: bool = False
    #: Notes and written answers left out for publication (``--no-notes``).
    no_notes: bool = False


@dataclass(frozen=True)
class GridView:
    """A grid question: its stem once, its rows as one table (on the first row; others empty)."""

    id: str
    number: str  # '1.1–1.4': the rows' numbers
    text: str
    help: str
    rows: list[QuestionView]


@dataclass(frozen=True)
class GridRowCells:
    """One row of a grid's table in the group report: the row, then its cells."""

    anchor: str
    number: str
    text: str
    contested: bool
    cells: list[str]


@dataclass(frozen=True)
class GridTable:
    """A table of a grid's rows in the group report: a column per figure, or per answer."""

    headers: list[str]
    rows: list[GridRowCells]
    wide: bool  # too many columns for the page: shown as cards in the PDF too


@dataclass(frozen=True)
class GroupGridView:
    """A grid in the group report, on its first row's view: its stem, figures and answers.

    The other rows' views carry it without tables (they are shown in the first's).
    """

    id: str
    anchor: str
    number: str
    text: str
    figures: GridTable
    answers: GridTable
    notes: list[str]  # per row, what it leaves out or why it has no figures
    first: bool = True  # False on the other rows' views: shown with the first
