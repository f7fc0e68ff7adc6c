"""The questionnaire and response models: what a YAML file means once it is valid.

Models are frozen pydantic classes with ``extra="forbid"`` so that a typo such as
``wieght`` is an error rather than a silently ignored key. Cross-references
(a question's scale exists, a rule names a real principle, ...) are checked by
:mod:`coprod.questionnaire.checks`, which can run even when the structure is broken.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any, Literal, Self

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    WithJsonSchema,
    computed_field,
)

FORMAT_VERSION = 1

#: The bounds on numbers (docs/questionnaire-format.md, "Numbers coprod accepts"): they keep
#: every sum in scoring finite and exact enough, so no file can make scoring overflow.
MAX_WEIGHT = 1000
MAX_LEVEL = 1000  # a level value (a mark) is a whole number from -1,000 to 1,000
MAX_NUMBER = 1e12  # number answers, their min/max/steps, and rules on them: ±a million million

#: The code a plain (non-mapping) text is stored under: "the same in every language".
ANY_LANGUAGE = "*"
#: The key in a text map that lists the languages a person has reviewed in it
#: (``{en: ..., cy: ..., reviewed: cy}``); every other key is a language code.
REVIEWED = "reviewed"


def _to_text(value: Any) -> Any:
    """Accept a plain string as text in every language; leave anything else to pydantic."""
    if isinstance(value, str):
        return {ANY_LANGUAGE: value}
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # A label such as 2020 is text, not a number.
        return {ANY_LANGUAGE: str(value)}
    return value


Text = Annotated[
    dict[str, str],
    BeforeValidator(_to_text),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string"},
                {
                    "type": "object",
                    "additionalProperties": {"type": "string"},
                    "description": "Language code to text, e.g. {en: ..., cy: ...}",
                },
            ]
        }
    ),
]

Identifier = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z][A-Za-z0-9_.-]*$",
        max_length=64,
        description="Letters, digits, '_', '-', '.', starting with a letter.",
    ),
]


def wordings(text: dict[str, str] | None) -> dict[str, str]:
    """A text's wording in each language, without its review marker."""
    return {code: words for code, words in (text or {}).items() if code != REVIEWED}


def reviewed_languages(text: dict[str, str] | None) -> set[str]:
    """The languages a person has reviewed in this text (its ``reviewed:`` codes)."""
    return set((text or {}).get(REVIEWED, "").replace(",", " ").split())


def pick(text: dict[str, str] | None, lang: str, fallback: str = "en") -> str:
    """Return the text for ``lang``, falling back to ``fallback`` then any language."""
    if not text:
        return ""
    for code in (lang, ANY_LANGUAGE, fallback):
        if code in text and code != REVIEWED:
            return text[code]
    return next(iter(wordings(text).values()), "")


def has_language(text: dict[str, str] | None, lang: str) -> bool:
    """True when ``text`` has its own wording for ``lang`` (plain strings count)."""
    if lang == REVIEWED:
        return False
    return bool(text) and (lang in text or ANY_LANGUAGE in text)  # type: ignore[operator]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Source(_Model):
    """A document or framework the questionnaire's content draws on."""

    id: Identifier
    title: Text
    author: Text | None = None
    year: int | None = None
    url: str | None = None
    note: Text | None = None


class Level(_Model):
    """One level of a rating scale."""

    value: int = Field(ge=-MAX_LEVEL, le=MAX_LEVEL)
    label: Text
    descriptor: Text | None = None


class Scale(_Model):
    """A reusable rating scale: a level scores 0 (lowest value) to 100 (highest value)."""

    title: Text | None = None
    levels: list[Level] = Field(min_length=2)
    agree: list[int] = Field(
        default_factory=list,
        description="Level values that count as agreeing, e.g. [4, 5]: reports show '% agree'.",
    )
    disagree: list[int] = Field(
        default_factory=list,
        description="Level values that count as disagreeing, e.g. [1, 2]; the rest are neutral.",
    )

    @property
    def is_agreement(self) -> bool:
        """True for an agreement scale: one that names the levels that count as agreeing."""
        return bool(self.agree or self.disagree)

    def side(self, value: int) -> str | None:
        """'agree', 'disagree' or 'neutral' for a level of an agreement scale; else None."""
        if not self.is_agreement or self.level(value) is None:
            return None
        if value in self.agree:
            return "agree"
        return "disagree" if value in self.disagree else "neutral"

    def score(self, value: int) -> float:
        """Score a level value 0-100 by its position on the scale."""
        values = sorted(level.value for level in self.levels)
        low, high = values[0], values[-1]
        return (value - low) / (high - low) * 100.0

    def level(self, value: int) -> Level | None:
        """The level with this value, if there is one."""
        return next((lv for lv in self.levels if lv.value == value), None)


class Band(_Model):
    """A named score range: ``min`` <= score < ``max`` (the top band includes 100)."""

    min: float = Field(ge=0, le=100)
    max: float = Field(ge=0, le=100)
    label: Text
    description: Text | None = None


class Condition(_Model):
    """Show a question only when an earlier answer matches.

    Exactly one test besides ``question``: equals, not_equals, in, at_least,
    at_most, includes (a multiple-choice answer contains it) or answered.
    """

    question: Identifier
    equals: str | int | float | bool | None = None
    not_equals: str | int | float | bool | None = None
    in_: list[str | int] | None = Field(default=None, alias="in")
    at_least: float | None = Field(default=None, ge=-MAX_NUMBER, le=MAX_NUMBER)
    at_most: float | None = Field(default=None, ge=-MAX_NUMBER, le=MAX_NUMBER)
    includes: str | None = None
    answered: bool | None = None

    model_config = ConfigDict(
        extra="forbid", frozen=True, allow_inf_nan=False, populate_by_name=True
    )


class Step(_Model):
    """A number at or above ``min`` (and below the next step's min) scores ``score``."""

    min: float = Field(ge=-MAX_NUMBER, le=MAX_NUMBER)
    score: float = Field(ge=0, le=100)


class NumberScoring(_Model):
    """How a number answer is scored.

    With ``divide_by`` the answer is first turned into a percentage of another
    (earlier) number answer, e.g. active members as a share of all members.
    """

    divide_by: Identifier | None = None
    steps: list[Step] = Field(min_length=1)


class Choice(_Model):
    """One option of a single- or multiple-choice question."""

    id: Identifier
    label: Text
    score: float | None = Field(default=None, ge=0, le=100)


class GridRow(_Model):
    """One row of a grid question: its own id and statement; the grid gives everything else."""

    id: Identifier
    text: Text
    help: Text | None = None
    guidance: Text | None = None


@dataclass(frozen=True)
class GridPlace:
    """Where a question asked as a row of a grid sits: the grid's id, stem and help, its row.

    Set by coprod when it loads a grid, never written in a file (so not a model of its own).
    """

    id: str  # the grid's own id; the row's question id is '<grid>.<row>'
    text: dict[str, str]  # the stem, asked once above every row
    help: dict[str, str] | None  # the grid's own help
    row: int  # the row's position in the grid, from 1
    rows: int  # how many rows the grid has


class _InGrid(_Model):
    """What makes a question a grid in the file (``rows``) and a grid's row once loaded."""

    rows: list[GridRow] | None = Field(
        default=None,
        json_schema_extra={"minItems": 2},
        description="A grid: one stem (this question's text), asked row by row on the same "
        "scale or choices; each row becomes the question '<id>.<row id>'.",
    )
    # Set by coprod.questionnaire.grids when a grid is expanded, never read from a file.
    _grid: GridPlace | None = PrivateAttr(default=None)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def grid(self) -> GridPlace | None:
        """The grid this question is a row of, or None for a question of its own."""
        return self._grid

    def as_row(self, place: GridPlace, **update: Any) -> Self:
        """A copy of this question with ``update`` applied, asked as a row of ``place``."""
        row = self.model_copy(update={"rows": None, **update})
        row._grid = place
        return row


class _QuestionBase(_InGrid):
    id: Identifier
    text: Text
    help: Text | None = None
    guidance: Text | None = Field(
        default=None, description="Longer help shown on request ('?' in coprod assess)."
    )
    weight: float = Field(default=1.0, ge=0, le=MAX_WEIGHT)
    scored: bool = Field(
        default=True,
        description="false: asked and reported, never scored (weight 0 means the same).",
    )
    required: bool = False
    when: Condition | None = None
    audience: list[str] | None = Field(
        default=None,
        alias="for",
        description="Asked only of these perspectives, e.g. [staff]; others are not asked it.",
    )
    not_applicable: bool = Field(default=True, description="Offer 'not applicable'.")
    dont_know: bool = Field(default=True, description="Offer 'don't know'.")
    sources: list[Identifier] = Field(
        default_factory=list,
        description="Ids of the sources (under 'sources:') the question's idea comes from.",
    )
    dont_know_as: Literal["left_out", "lowest"] = Field(
        default="left_out",
        description="left_out: a 'don't know' is left out of the score; lowest: it counts "
        "as the lowest answer (for what a service ought to know).",
    )


class ScaleQuestion(_QuestionBase):
    """Answered with a level of a named scale."""

    type: Literal["scale"]
    scale: Identifier
    descriptors: dict[int, Text] = Field(
        default_factory=dict,
        description="Level value -> what that level looks like for this question, "
        "instead of the scale's descriptor.",
    )
    reverse: bool = Field(
        default=False,
        description="true: the lowest level scores 100 and the highest 0 (e.g. 'We decide "
        "for people'); answers keep their level's meaning in files and sheets.",
    )
    target_for: Identifier | None = Field(
        default=None,
        description="This question asks where you want to be on an earlier question "
        "(its id): it is not scored; reports show the gap and point at this target.",
    )


class YesNoQuestion(_QuestionBase):
    """Answered yes or no; scored ``yes_score`` / ``no_score`` unless ``scored`` is false."""

    type: Literal["yes_no"]
    yes_score: float = Field(default=100, ge=0, le=100)
    no_score: float = Field(default=0, ge=0, le=100)
    yes_label: Text | None = Field(
        default=None,
        description="This question's word for yes, e.g. {en: Yes, cy: Oes}: a Welsh answer "
        "echoes the question's verb (Oes? Oes / Nac oes).",
    )
    no_label: Text | None = Field(
        default=None, description="This question's word for no, e.g. {en: No, cy: Nac oes}."
    )

    def label(self, yes: bool, lang: str) -> str | None:
        """This question's own word for yes (or no) in ``lang``; None when it has none there."""
        text = self.yes_label if yes else self.no_label
        return pick(text, lang) if has_language(text, lang) else None


class NumberQuestion(_QuestionBase):
    """Answered with a number; scored only when it has ``scoring``."""

    type: Literal["number"]
    min: float | None = Field(default=None, ge=-MAX_NUMBER, le=MAX_NUMBER)
    max: float | None = Field(default=None, ge=-MAX_NUMBER, le=MAX_NUMBER)
    integer: bool = True
    unit: Text | None = None
    scoring: NumberScoring | None = None


class SingleChoiceQuestion(_QuestionBase):
    """One of several choices; scored by the chosen choice's ``score``."""

    type: Literal["single_choice"]
    choices: list[Choice] = Field(min_length=2)


class MultipleChoiceQuestion(_QuestionBase):
    """Any of several choices; scored by the sum of chosen scores, capped at 100."""

    type: Literal["multiple_choice"]
    choices: list[Choice] = Field(min_length=2)


class TextQuestion(_QuestionBase):
    """Free text; never scored."""

    type: Literal["text"]
    weight: float = Field(default=0, ge=0, le=MAX_WEIGHT)
    share_answers: bool = Field(
        default=False,
        description="true: the group report lists the written answers (they may carry "
        "personal details, so only for questions asked to be shared).",
    )


Question = Annotated[
    ScaleQuestion
    | YesNoQuestion
    | NumberQuestion
    | SingleChoiceQuestion
    | MultipleChoiceQuestion
    | TextQuestion,
    Field(discriminator="type"),
]


class Principle(_Model):
    """A principle of co-production and the questions that assess it."""

    id: Identifier
    title: Text
    description: Text | None = None
    weight: float = Field(default=1.0, ge=0, le=MAX_WEIGHT)
    scored: bool = Field(
        default=True,
        description="false: its questions are asked and reported, never scored "
        "(weight 0 means the same).",
    )
    audience: list[str] | None = Field(
        default=None,
        alias="for",
        description="Asked only of these perspectives, e.g. [staff]; others are not asked it.",
    )
    questions: list[Question] = Field(min_length=1)


class Rule(_Model):
    """When a recommendation applies: structured data, never an expression.

    Exactly one subject: ``principle``, ``question``, ``overall: true``, ``all`` or
    ``any``. A score subject takes ``below`` and/or ``at_least``; a question
    subject takes ``at_most``, ``at_least``, ``below`` (on the answer as given),
    ``score_below``, ``score_at_least`` (on its 0-100 score), ``equals``, ``in``,
    ``includes`` or ``status``.
    """

    principle: Identifier | None = None
    question: Identifier | None = None
    overall: bool | None = None
    all: list[Rule] | None = Field(default=None, min_length=1)
    any: list[Rule] | None = Field(default=None, min_length=1)
    below: float | None = Field(default=None, ge=-MAX_NUMBER, le=MAX_NUMBER)
    at_least: float | None = Field(default=None, ge=-MAX_NUMBER, le=MAX_NUMBER)
    at_most: float | None = Field(default=None, ge=-MAX_NUMBER, le=MAX_NUMBER)
    equals: str | int | float | bool | None = None
    in_: list[str | int] | None = Field(default=None, alias="in")
    includes: str | None = None
    status: Literal["answered", "not_applicable", "dont_know", "skipped", "unanswered"] | None = (
        None
    )
    score_below: float | None = Field(
        default=None, ge=0, le=100, description="A question's 0-100 score is below this."
    )
    score_at_least: float | None = Field(
        default=None, ge=0, le=100, description="A question's 0-100 score is at least this."
    )
    gap_at_least: float | None = Field(
        default=None,
        description="The target (a question with target_for) is at least this many "
        "levels above the answer.",
    )

    model_config = ConfigDict(
        extra="forbid", frozen=True, allow_inf_nan=False, populate_by_name=True
    )


class Priority(StrEnum):
    """How soon a recommendation should be acted on."""

    high = "high"
    medium = "medium"
    low = "low"


class Recommendation(_Model):
    """Advice given when its rule holds."""

    id: Identifier
    principle: Identifier | None = Field(
        default=None, description="The principle this advice belongs to (for grouping)."
    )
    priority: Priority = Priority.medium
    when: Rule
    title: Text
    why: Text | None = None
    actions: list[Text] = Field(min_length=1)
    sources: list[Identifier] = Field(default_factory=list)


class EarlierVersion(_Model):
    """How an earlier version's questions relate to this one, for comparing over time."""

    version: str = Field(description="The earlier version, e.g. '1.0'.")
    same: list[Identifier] = Field(
        default_factory=list,
        description="Questions asked, answered and scored as in that version (same ids).",
    )
    changed: dict[Identifier, str] = Field(
        default_factory=dict,
        description="That version's questions asked differently now, each with a note why; "
        "they are left out of comparisons across the versions.",
    )


class ScoringSettings(_Model):
    """Questionnaire-wide scoring settings."""

    min_coverage: float = Field(
        default=50,
        ge=0,
        le=100,
        description="Percent of a principle's questions that must have a scored answer "
        "before its score is shown; below it the score reads 'not enough answers'.",
    )
    overall: bool = Field(
        default=True, description="false: no overall score, only each principle's."
    )
    show: Literal["percent", "marks", "level"] = Field(
        default="percent",
        description="percent: scores 0-100; marks: the levels' values added up, "
        "e.g. '6 of 15'; level: the median level of an ordinal scale such as a ladder, "
        "never a mean (every scored question must then be a scale question).",
    )


class Questionnaire(_Model):
    """A whole questionnaire file."""

    format: Literal[1] = Field(description="Version of the coprod questionnaire format.")
    id: Identifier
    version: str
    title: Text
    description: Text | None = None
    introduction: Text | None = Field(
        default=None,
        description="What coprod assess says first, instead of its general words on "
        "co-production (e.g. for feedback on an event).",
    )
    answer_for: Text | None = Field(
        default=None,
        description="The sentence telling people what to answer for, instead of "
        "'Answer for the service as it is today.'",
    )
    report_title: Text | None = Field(
        default=None,
        description="What the report is called, instead of 'Co-production self-assessment "
        "report' (e.g. 'Feedback report' for feedback on an event).",
    )
    languages: list[str] = Field(default_factory=lambda: ["en"], min_length=1)
    translation_status: dict[str, str] = Field(
        default_factory=dict,
        description="Per language code, a note on the translation, e.g. 'draft'.",
    )
    sources: list[Source] = Field(default_factory=list)
    earlier_versions: list[EarlierVersion] = Field(
        default_factory=list,
        description="Earlier versions whose responses can be compared with this one.",
    )
    scoring: ScoringSettings = Field(default_factory=ScoringSettings)
    scales: dict[Identifier, Scale] = Field(default_factory=dict)
    bands: list[Band] = Field(
        default_factory=list, description="Names for score ranges; none: scores go unnamed."
    )
    principles: list[Principle] = Field(min_length=1)
    recommendations: list[Recommendation] = Field(default_factory=list)

    @property
    def questions(self) -> list[Question]:
        """Every question, in order."""
        return [q for p in self.principles for q in p.questions]

    def numbers(self) -> dict[str, str]:
        """Each question's number in the questionnaire's structure: '5.1' is part 5, question 1.

        The one numbering the screen, the review, reports, answer sheets and the paper
        form all use.
        """
        return {
            question.id: f"{i}.{k}"
            for i, principle in enumerate(self.principles, 1)
            for k, question in enumerate(principle.questions, 1)
        }

    def question(self, qid: str) -> Question | None:
        """The question with this id, if any."""
        return next((q for q in self.questions if q.id == qid), None)

    def levels_for(self, question: ScaleQuestion) -> list[Level]:
        """A scale question's levels, with its own descriptors where it gives them."""
        return [
            lv.model_copy(update={"descriptor": question.descriptors[lv.value]})
            if lv.value in question.descriptors
            else lv
            for lv in self.scales[question.scale].levels
        ]

    def target_of(self, qid: str) -> ScaleQuestion | None:
        """The question asking for the target of question ``qid``, if there is one."""
        return next(
            (q for q in self.questions if isinstance(q, ScaleQuestion) and q.target_for == qid),
            None,
        )

    def principle_of(self, qid: str) -> Principle | None:
        """The principle a question belongs to."""
        return next((p for p in self.principles if any(q.id == qid for q in p.questions)), None)

    def earlier(self, version: str) -> EarlierVersion | None:
        """What this questionnaire says about an earlier version, if anything."""
        return next((e for e in self.earlier_versions if e.version == version), None)

    def band_for(self, score: float) -> Band | None:
        """The band a score falls in; None when the questionnaire names no bands."""
        for band in self.bands:
            if band.min <= score < band.max:
                return band
        return self.bands[-1] if self.bands else None

    def band_label(self, score: float | None) -> dict[str, str] | None:
        """The label of the band a score falls in; None without a score or without bands."""
        band = None if score is None else self.band_for(score)
        return band.label if band else None

    @property
    def default_language(self) -> str:
        """The first listed language."""
        return self.languages[0]


# --- responses -------------------------------------------------------------


class Status(StrEnum):
    """What kind of answer a question got."""

    answered = "answered"
    not_applicable = "not_applicable"
    dont_know = "dont_know"
    skipped = "skipped"


AnswerValue = str | int | float | bool | list[str] | None


class Answer(_Model):
    """One answer: a value, or a status saying why there is none, and an optional note."""

    value: AnswerValue = None
    status: Status = Status.answered
    note: str | None = None
    answered_at: str | None = None


class QuestionnaireRef(_Model):
    """Which questionnaire a response answers."""

    id: str
    version: str
    hash: str | None = None
    path: str | None = Field(default=None, description="File it was loaded from, if not built in.")


class Respondent(_Model):
    """Who answered; a name only if they chose to give one."""

    organisation: str | None = None
    service: str | None = None
    role: str | None = None
    perspective: str | None = None
    name: str | None = None
    group: str | None = Field(default=None, description="Free label, e.g. a workshop or round.")


class Response(_Model):
    """A completed or partial assessment."""

    format: Literal[1] = 1
    questionnaire: QuestionnaireRef
    respondent: Respondent = Field(default_factory=Respondent)
    language: str = "en"
    started: str | None = None
    updated: str | None = None
    completed: str | None = None
    answers: dict[str, Answer] = Field(default_factory=dict)


PERSPECTIVES = ("staff", "lived_experience", "carer", "partner", "other")
