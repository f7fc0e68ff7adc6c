"""Scores shown as marks ('6 of 15', '36 of 75'), as a group marks an audit by hand."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from coprod.api import validate_file
from coprod.model import Answer, QuestionnaireRef, Response
from coprod.questionnaire.load import load_questionnaire
from coprod.scoring.marks import ScoreShown
from coprod.scoring.score import score_response


def audit_scores(marks: dict[str, Any]) -> tuple[list[str], str]:
    """The built-in audit's principle and overall scores as shown, for these answers."""
    q = load_questionnaire("audit").questionnaire
    answers = {
        qn.id: Answer(**({"status": v} if isinstance(v, str) else {"value": v}))
        for qn in q.questions
        if (v := marks.get(qn.id, marks.get("*"))) is not None and qn.type == "scale"
    }
    response = Response(questionnaire=QuestionnaireRef(id="audit", version="1.0"), answers=answers)
    s = score_response(q, response)
    shown = ScoreShown(q)
    return [shown.principle(p.id, p.score) for p in s.principles], shown.overall(s.overall)


@pytest.mark.parametrize(
    ("marks", "principles", "overall"),
    [
        ({"*": 2}, ["6 of 15"] * 5, "30 of 75"),
        ({"*": 1}, ["3 of 15"] * 5, "15 of 75"),  # the lowest total is 15, not 0
        ({"*": 5}, ["15 of 15"] * 5, "75 of 75"),
        # A don't know is left out and the other two marks scaled up: (2 + 1) x 3/2.
        (
            {"*": 3, "outcomes_define": 2, "outcomes_measure": 1, "outcomes_judge": "dont_know"},
            ["9 of 15", "9 of 15", "4.5 of 15", "9 of 15", "9 of 15"],
            "40.5 of 75",
        ),
    ],
)
def test_marks_are_the_levels_added_up(
    marks: dict[str, Any], principles: list[str], overall: str
) -> None:
    """Each principle's marks out of 15 and the total out of 75, worked out by hand."""
    assert audit_scores(marks) == (principles, overall)


def test_percent_questionnaires_show_one_decimal(small: Path) -> None:
    """Without 'show: marks' a score is shown as it always was: 0-100 with one decimal."""
    q = load_questionnaire(small).questionnaire
    assert ScoreShown(q).principle("assets", 33.333) == "33.3"


def test_marks_need_scale_questions(write: Any) -> None:
    """With 'show: marks' a scored yes/no question is an error that says why and what to do."""
    from tests.conftest import SMALL

    text = SMALL.replace("title: Small test questionnaire", "title: Small\nscoring: {show: marks}")
    problems = [p for p in validate_file(write("q.yaml", text)).problems if p.severity == "error"]
    assert [(p.path, p.message) for p in problems] == [
        (
            "principles[1].questions[0].type",
            "with 'show: marks' a scored question must be a scale question, not yes_no: "
            "marks are the levels' values.",
        )
    ]


def ladder_scores(answers: dict[str, int]) -> Any:
    """The built-in ladder scored for these answers."""
    q = load_questionnaire("ladder").questionnaire
    response = Response(
        questionnaire=QuestionnaireRef(id="ladder", version="1.0"),
        answers={k: Answer(value=v) for k, v in answers.items()},
    )
    return q, score_response(q, response)


def test_ladder_shows_the_rung_never_a_mean() -> None:
    """A ladder's stage reads as its rung, e.g. '4 – Asking', and has no overall score."""
    q, s = ladder_scores({"defining_now": 4, "defining_target": 6})
    assert ScoreShown(q).principle("defining", s.principle("defining").score) == "4 – Asking"
    assert (s.has_overall, s.overall) == (False, None)


@pytest.mark.parametrize(
    ("now", "target", "fires"),
    [(4, 6, True), (5, 6, True), (6, 6, False), (7, 6, False)],
)
def test_gap_rule_fires_only_below_the_target(now: int, target: int, fires: bool) -> None:
    """'gap_at_least: 1' holds while the target is above the answer, never at or below it."""
    _, s = ladder_scores({"defining_now": now, "defining_target": target})
    assert ("defining-step-up" in [r.id for r in s.recommendations]) is fires


def test_target_is_not_scored() -> None:
    """A target says where people want to be: it never counts in the score."""
    _, s = ladder_scores({"defining_now": 2, "defining_target": 7})
    assert [(x.id, x.scored) for x in s.principle("defining").questions][:2] == [
        ("defining_now", True),
        ("defining_target", False),
    ]
    assert s.principle("defining").score == round(1 / 6 * 100, 1)


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("a9", "'a9' is not an earlier scale question."),
        ("p1", "'p1' is not an earlier scale question."),
    ],
)
def test_target_for_names_an_earlier_scale_question(write: Any, target: str, message: str) -> None:
    """'target_for' must name a scale question that comes before it."""
    from tests.conftest import SMALL

    text = SMALL.replace(
        '        when: {question: p1, equals: "yes"}\n',
        f'        when: {{question: p1, equals: "yes"}}\n        target_for: {target}\n',
    )
    problems = [p for p in validate_file(write("q.yaml", text)).problems if p.severity == "error"]
    assert [p.message for p in problems] == [message]
