"""A response file's content: who answered, which questionnaire, and each answer."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import (
    Field,
)

from coprod.model.base import (
    FrozenModel,
)


class Status(StrEnum):
    """What kind of answer a question got."""

    answered = "answered"
    not_applicable = "not_applicable"
    dont_know = "dont_know"
    skipped = "skipped"


AnswerValue = str | int | float | bool | list[str] | None


class Answer(FrozenModel):
    """One answer: a value, or a status saying why there is none, and an optional note."""

    value: AnswerValue = None
    status: Status = Status.answered
    note: str | None = None
    answered_at: str | None = None


class QuestionnaireRef(FrozenModel):
    """Which questionnaire a response answers."""

    id: str
    version: str
    hash: str | None = None
    path: str | None = Field(default=None, description="File it was loaded from, if not built in.")


class Respondent(FrozenModel):
    """Who answered; a name only if they chose to give one."""

    organisation: str | None = None
    service: str | None = None
    role: str | None = None
    perspective: str | None = None
    name: str | None = None
    group: str | None = Field(default=None, description="Free label, e.g. a workshop or round.")


class Response(FrozenModel):
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
