"""A whole questionnaire: its principles, rules and recommendations, scoring settings, versions."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import (
    ConfigDict,
    Field,
)

from coprod.model.base import (
    MAX_NUMBER,
    MAX_WEIGHT,
    FrozenModel,
    Identifier,
    Text,
)
from coprod.model.questions import (
    Band,
    Level,
    Question,
    Scale,
    ScaleQuestion,
    Source,
)


class Principle(FrozenModel):
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


class Rule(FrozenModel):
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


class Recommendation(FrozenModel):
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


class EarlierVersion(FrozenModel):
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


class ScoringSettings(FrozenModel):
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


class Questionnaire(FrozenModel):
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
