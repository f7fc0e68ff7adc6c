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


@dataclass(frozen=True)
class FactsCover:
    """The cover of a report about many responses (group, compare): title and facts under it."""

    questionnaire: str
    version: str
    organisation: str
    facts: list[tuple[str, str]]


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
