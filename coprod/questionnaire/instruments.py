"""Cross-checks for what published instruments need: audiences, agreement scales, marks.

``for:`` names known perspectives; an agreement scale's ``agree``/``disagree`` name
its own levels; ``show: marks`` needs scale questions (marks are level values); and
the parts that are not scored, which no rule may test. Each ``add`` call is one
located problem, as in :mod:`coprod.questionnaire.checks`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from coprod.files.yamlio import Path_
from coprod.model import PERSPECTIVES


def check_audience(audience: Any, path: Path_, add: Any) -> None:
    """``for:`` names perspectives coprod knows, so nobody is left unasked by a typo."""
    for i, name in enumerate(audience if isinstance(audience, list) else []):
        if name not in PERSPECTIVES:
            add(
                (*path, i),
                f"'{name}' is not a perspective.",
                f"use one of: {', '.join(PERSPECTIVES)}.",
            )


def level_values(scale: Any) -> list[Any]:
    """The level values of a scale as written (empty for anything that is not one)."""
    levels = scale.get("levels") if isinstance(scale, dict) else None
    return (
        [lv.get("value") for lv in levels if isinstance(lv, dict)]
        if isinstance(levels, list)
        else []
    )


def check_sides(scale: dict[str, Any], sid: str, values: list[Any], add: Any) -> None:
    """An agreement scale's 'agree' and 'disagree' name its own levels, none of them twice."""
    seen: set[Any] = set()
    for side in ("agree", "disagree"):
        listed = scale.get(side)
        for i, value in enumerate(listed if isinstance(listed, list) else []):
            if value not in values:
                add(
                    ("scales", sid, side, i),
                    f"{value!r} is not a level value of this scale.",
                    f"use level values: {', '.join(map(str, values))}.",
                )
            elif value in seen:
                add(
                    ("scales", sid, side, i),
                    f"level {value} is listed twice in agree and disagree.",
                    "a level agrees, disagrees, or (listed in neither) is neutral.",
                )
            seen.add(value)


def check_marks(data: dict[str, Any], principles: list[Any], add: Any) -> None:
    """With ``show: marks`` every scored question is a scale question: marks are level values."""
    scoring = data.get("scoring")
    if not isinstance(scoring, dict) or scoring.get("show") != "marks":
        return
    for pi, principle in enumerate(principles):
        if not isinstance(principle, dict) or principle.get("scored") is False:
            continue
        if principle.get("weight") == 0:
            continue
        listed = principle.get("questions")
        for qi, question in enumerate(listed if isinstance(listed, list) else []):
            if not isinstance(question, dict) or question.get("type") in ("scale", "text"):
                continue
            if question.get("scored") is False or question.get("weight") == 0:
                continue
            if question.get("type") == "number" and "scoring" not in question:
                continue
            choices = question.get("choices")
            if isinstance(choices, list) and not any(
                isinstance(c, dict) and "score" in c for c in choices
            ):
                continue
            add(
                ("principles", pi, "questions", qi, "type"),
                f"with 'show: marks' a scored question must be a scale question, "
                f"not {question.get('type')}: marks are the levels' values.",
                "make it a scale question, or set 'scored: false' on it.",
            )


def unscored_parts(data: dict[str, Any], principles: list[Any]) -> Iterator[str]:
    """Ids of principles with ``scored: false`` or weight 0, and "overall" when it is off."""
    for principle in principles:
        if isinstance(principle, dict) and (
            principle.get("scored") is False or principle.get("weight") == 0
        ):
            yield str(principle.get("id"))
    scoring = data.get("scoring")
    if isinstance(scoring, dict) and scoring.get("overall") is False:
        yield "overall"
