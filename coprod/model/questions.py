"""The parts of a questionnaire a person answers: sources, scales, bands and question types.

A grid (a question with ``rows:``) is loaded as one question per row, each remembering
its place in the grid (:class:`GridPlace`); see :mod:`coprod.questionnaire.grids`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal, Self

from pydantic import (
    ConfigDict,
    Field,
    PrivateAttr,
    computed_field,
)

from coprod.model.base import (
    MAX_LEVEL,
    MAX_NUMBER,
    MAX_WEIGHT,
    FrozenModel,
    Identifier,
    Text,
    has_language,
    pick,
)


class Source(FrozenModel):
    """A document or framework the questionnaire's content draws on."""

    id: Identifier
    title: Text
    author: Text | None = None
    year: int | None = None
    url: str | None = None
    note: Text | None = None


class Level(FrozenModel):
    """One level of a rating scale."""

    value: int = Field(ge=-MAX_LEVEL, le=MAX_LEVEL)
    label: Text
    descriptor: Text | None = None


class Scale(FrozenModel):
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


class Band(FrozenModel):
    """A named score range: ``min`` <= score < ``max`` (the top band includes 100)."""

    min: float = Field(ge=0, le=100)
    max: float = Field(ge=0, le=100)
    label: Text
    description: Text | None = None


class Condition(FrozenModel):
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


class Step(FrozenModel):
    """A number at or above ``min`` (and below the next step's min) scores ``score``."""

    min: float = Field(ge=-MAX_NUMBER, le=MAX_NUMBER)
    score: float = Field(ge=0, le=100)


class NumberScoring(FrozenModel):
    """How a number answer is scored.

    With ``divide_by`` the answer is first turned into a percentage of another
    (earlier) number answer, e.g. active members as a share of all members.
    """

    divide_by: Identifier | None = None
    steps: list[Step] = Field(min_length=1)


class Choice(FrozenModel):
    """One option of a single- or multiple-choice question."""

    id: Identifier
    label: Text
    score: float | None = Field(default=None, ge=0, le=100)


class GridRow(FrozenModel):
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


class InGrid(FrozenModel):
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


class QuestionBase(InGrid):
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


class ScaleQuestion(QuestionBase):
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


class YesNoQuestion(QuestionBase):
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


class NumberQuestion(QuestionBase):
    """Answered with a number; scored only when it has ``scoring``."""

    type: Literal["number"]
    min: float | None = Field(default=None, ge=-MAX_NUMBER, le=MAX_NUMBER)
    max: float | None = Field(default=None, ge=-MAX_NUMBER, le=MAX_NUMBER)
    integer: bool = True
    unit: Text | None = None
    scoring: NumberScoring | None = None


class SingleChoiceQuestion(QuestionBase):
    """One of several choices; scored by the chosen choice's ``score``."""

    type: Literal["single_choice"]
    choices: list[Choice] = Field(min_length=2)


class MultipleChoiceQuestion(QuestionBase):
    """Any of several choices; scored by the sum of chosen scores, capped at 100."""

    type: Literal["multiple_choice"]
    choices: list[Choice] = Field(min_length=2)


class TextQuestion(QuestionBase):
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
