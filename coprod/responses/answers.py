"""Is one answer allowed by its question? Answers as numbers."""

from __future__ import annotations

import math
from typing import Any

from coprod.errors import Problem
from coprod.model import (
    MAX_NUMBER,
    Answer,
    MultipleChoiceQuestion,
    NumberQuestion,
    Questionnaire,
    Response,
    ScaleQuestion,
    SingleChoiceQuestion,
    Status,
    YesNoQuestion,
)


def numeric(value: Any) -> float | None:
    """A value as a number, if it is one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        try:
            number = float(value)
        except OverflowError:  # an integer too big for a float
            return None
    elif isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            return None
    else:
        return None
    # nan and inf are not answers; nor is a number beyond MAX_NUMBER, so sums stay finite
    return number if math.isfinite(number) and abs(number) <= MAX_NUMBER else None


def numeric_beyond(value: Any) -> bool:
    """True for a number too far from 0 to be an answer (beyond ±MAX_NUMBER)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return False
    try:
        number = float(value)
    except (ValueError, OverflowError):
        return isinstance(value, int)
    return math.isinf(number) or (math.isfinite(number) and abs(number) > MAX_NUMBER)


def check_answers(q: Questionnaire, response: Response, file: str) -> list[Problem]:
    """Problems with the answers' ids and values, one per bad answer."""
    problems: list[Problem] = []
    for qid, answer in response.answers.items():
        path = f"answers.{qid}"
        question = q.question(qid)
        if question is None:
            problems.append(Problem(file, f"question '{qid}' is not in '{q.id}'.", path=path))
            continue
        if answer.status != Status.answered or answer.value is None:
            if answer.status == Status.not_applicable and not question.not_applicable:
                problems.append(
                    Problem(file, "this question cannot be 'not applicable'.", path=path)
                )
            if answer.status == Status.dont_know and not question.dont_know:
                problems.append(Problem(file, "this question cannot be 'don't know'.", path=path))
            continue
        reason = value_problem(q, question, answer)
        if reason:
            problems.append(Problem(file, reason, path=f"{path}.value"))
    return problems


def value_problem(q: Questionnaire, question: Any, answer: Answer) -> str:
    """Why a value does not fit its question, or '' when it does."""
    value = answer.value
    if isinstance(question, ScaleQuestion):
        number = numeric(value)
        levels = [lv.value for lv in q.scales[question.scale].levels]
        if number is None or number != int(number) or int(number) not in levels:
            return f"{value!r} is not a level of scale '{question.scale}' ({levels})."
    elif isinstance(question, YesNoQuestion):
        if str(value).strip().lower() not in ("yes", "no") and not isinstance(value, bool):
            return f"{value!r} is not yes or no."
    elif isinstance(question, NumberQuestion):
        number = numeric(value)
        if number is None and numeric_beyond(value):
            shown = str(value) if len(str(value)) <= 24 else f"{str(value)[:12]}..."
            return (
                f"{shown} is too far from 0: coprod takes numbers from -{MAX_NUMBER:,.0f} "
                f"to {MAX_NUMBER:,.0f}."
            )
        if number is None:
            return f"{value!r} is not a number."
        if question.integer and number != int(number):
            return f"{value} is not a whole number."
        if question.min is not None and number < question.min:
            return f"{value} is below the minimum {question.min:g}."
        if question.max is not None and number > question.max:
            return f"{value} is above the maximum {question.max:g}."
    elif isinstance(question, SingleChoiceQuestion):
        ids = [c.id for c in question.choices]
        if value not in ids:
            return f"{value!r} is not one of the choices ({', '.join(ids)})."
    elif isinstance(question, MultipleChoiceQuestion):
        ids = [c.id for c in question.choices]
        if not isinstance(value, list) or any(v not in ids for v in value):
            return f"{value!r} should be a list of choices from ({', '.join(ids)})."
    return ""
