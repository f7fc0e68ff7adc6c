"""Numbers within sense: weights, marks and thresholds have bounds; scoring never overflows."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from coprod.cli import app
from coprod.model import MAX_NUMBER, MAX_WEIGHT, Answer, Questionnaire, Response, Status
from coprod.questionnaire.checks import validate_file
from coprod.responses.answers import value_problem
from coprod.scoring.score import score_response
from tests.conftest import SMALL

Write = Callable[[str, str], Path]
runner = CliRunner()
BASE = yaml.safe_load(SMALL)
NUMBER_QUESTION = {
    "id": "n1",
    "type": "number",
    "text": "How many?",
    "min": 0,
    "max": 1000,
    "scoring": {"steps": [{"min": 0, "score": 0}, {"min": 10, "score": 100}]},
    "when": {"question": "p1", "at_least": 0},
}
BASE["principles"][1]["questions"].append(NUMBER_QUESTION)
BASE["principles"][1]["questions"].append(
    {
        "id": "c1",
        "type": "single_choice",
        "text": "Which?",
        "choices": [{"id": "a", "label": "A", "score": 0}, {"id": "b", "label": "B", "score": 100}],
    }
)
BASE["recommendations"].append(
    {"id": "q-rule", "when": {"question": "n1", "at_most": 5}, "title": "T", "actions": ["Act"]}
)
WEIGHT_HINT = "give a weight from 0 (not scored) to 1,000: how much this counts beside the others."
SCORE_HINT = "give a number from 0 to 100: scores and percentages run from 0 to 100."
NUMBER_HINT = "give a number from -1,000,000,000,000 to 1,000,000,000,000."


def with_value(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    """The questionnaire with one value changed."""
    data = copy.deepcopy(BASE)
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return data


def validate(write: Write, data: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(dotted path, message, hint) of every error validate finds (warnings left aside)."""
    path = write("q.yaml", yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    problems = validate_file(path).problems
    return [(p.path, p.message, p.hint) for p in problems if p.severity == "error"]


def test_the_base_is_valid(write: Write) -> None:
    """The questionnaire every case changes has no problem."""
    assert validate(write, BASE) == []


Q = ("principles", 0, "questions", 0)
N = ("principles", 1, "questions", 3)
CASES = [
    (
        ("principles", 1, "weight"),
        1001,
        "principles[1].weight",
        "at most 1,000, not 1001",
        WEIGHT_HINT,
    ),
    (
        (*Q, "weight"),
        1e308,
        "principles[0].questions[0].weight",
        "at most 1,000, not 1e+308",
        WEIGHT_HINT,
    ),
    ((*Q, "weight"), -1, "principles[0].questions[0].weight", "at least 0, not -1", WEIGHT_HINT),
    (
        ("scales", "five", "levels", 4, "value"),
        1001,
        "scales.five.levels[4].value",
        "at most 1,000, not 1001",
        "give a whole number from -1,000 to 1,000.",
    ),
    (
        ("scales", "five", "levels", 0, "value"),
        -1001,
        "scales.five.levels[0].value",
        "at least -1,000, not -1001",
        "give a whole number from -1,000 to 1,000.",
    ),
    (
        ("principles", 1, "questions", 4, "choices", 1, "score"),
        101,
        "principles[1].questions[4].choices[1].score",
        "at most 100, not 101",
        SCORE_HINT,
    ),
    (
        ("principles", 1, "questions", 0, "yes_score"),
        150,
        "principles[1].questions[0].yes_score",
        "at most 100, not 150",
        SCORE_HINT,
    ),
    (
        (*N, "scoring", "steps", 1, "score"),
        101,
        "principles[1].questions[3].scoring.steps[1].score",
        "at most 100, not 101",
        SCORE_HINT,
    ),
    (
        (*N, "scoring", "steps", 1, "min"),
        1e13,
        "principles[1].questions[3].scoring.steps[1].min",
        "at most 1,000,000,000,000, not 1e+13",
        NUMBER_HINT,
    ),
    (
        (*N, "max"),
        1e13,
        "principles[1].questions[3].max",
        "at most 1,000,000,000,000, not 1e+13",
        NUMBER_HINT,
    ),
    (
        (*N, "min"),
        -1e13,
        "principles[1].questions[3].min",
        "at least -1,000,000,000,000, not -1e+13",
        NUMBER_HINT,
    ),
    (
        (*N, "when", "at_least"),
        1e13,
        "principles[1].questions[3].when.at_least",
        "at most 1,000,000,000,000, not 1e+13",
        NUMBER_HINT,
    ),
    (
        ("recommendations", 2, "when", "at_most"),
        -1e13,
        "recommendations[2].when.at_most",
        "at least -1,000,000,000,000, not -1e+13",
        NUMBER_HINT,
    ),
    (
        ("scoring",),
        {"min_coverage": 101},
        "scoring.min_coverage",
        "at most 100, not 101",
        SCORE_HINT,
    ),
]


@pytest.mark.parametrize(("where", "value", "path", "words", "hint"), CASES)
def test_each_number_has_bounds_with_a_located_message(
    write: Write, where: tuple[Any, ...], value: Any, path: str, words: str, hint: str
) -> None:
    """A number beyond its bounds is one problem at its path, saying the bound and how to fix it."""
    assert validate(write, with_value(where, value)) == [(path, f"should be {words}.", hint)]


@pytest.mark.parametrize(
    ("where", "value"),
    [
        (("principles", 1, "weight"), MAX_WEIGHT),
        ((*Q, "weight"), 0),  # 0 means "not scored"
        ((*N, "max"), MAX_NUMBER),
        (("scales", "five", "levels", 0, "value"), -1000),
    ],
)
def test_the_bounds_themselves_are_allowed(
    write: Write, where: tuple[Any, ...], value: Any
) -> None:
    """Each bound is inside: weight 1,000, weight 0 (unscored), ±10^12, level -1,000."""
    problems = validate(write, with_value(where, value))
    assert [p for p in problems if "should be" in p[1]] == []


def test_bands_run_from_0_to_100(write: Write) -> None:
    """A band beyond 100 is out of bounds (and, as the last band, ends past 100)."""
    assert sorted(validate(write, with_value(("bands", 2, "max"), 101))) == [
        ("bands[2].max", "should be at most 100, not 101.", SCORE_HINT),
        ("bands[2].max", "the last band ends at 101, not 100.", ""),
    ]


@pytest.mark.parametrize(
    ("rule", "test"),
    [
        ({"principle": "assets", "below": 150}, "below"),
        ({"overall": True, "at_least": -5}, "at_least"),
    ],
)
def test_score_thresholds_run_from_0_to_100(write: Write, rule: dict[str, Any], test: str) -> None:
    """A rule on a principle or overall score outside 0-100 could never (or always) hold."""
    data = with_value(("recommendations", 0, "when"), rule)
    ((path, message, hint),) = validate(write, data)
    assert path == f"recommendations[0].when.{test}"
    assert message.startswith("should be from 0 to 100, not ")
    assert hint == "give a number from 0 to 100."


def test_question_score_thresholds_run_from_0_to_100(write: Write) -> None:
    """score_below on a question is a 0-100 score, so 101 is refused."""
    data = with_value(("recommendations", 1, "when"), {"question": "p1", "score_below": 101})
    assert validate(write, data) == [
        ("recommendations[1].when.score_below", "should be at most 100, not 101.", SCORE_HINT)
    ]


def test_a_weight_of_1e308_is_refused_by_score_not_a_traceback(write: Write) -> None:
    """score with a questionnaire weighing 1e308: exit 1, the located message, no traceback."""
    path = write("huge.yaml", SMALL.replace("    weight: 2\n", "    weight: 1e308\n"))
    response = write(
        "r.yaml",
        f"questionnaire: {{id: small, version: '1.0', path: {path}}}\n"
        "answers: {a1: {value: 2}}\n",
    )
    result = runner.invoke(app, ["score", str(response)])
    assert result.exit_code == 1
    assert "principles[1].weight: should be at most 1,000, not 1e+308." in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (10**400, "100000000000... is too far from 0"),  # too big for a float
        (2 * 10**12, "2000000000000 is too far from 0"),
        ("1e400", "too far from 0"),
    ],
)
def test_number_answers_beyond_the_bounds_are_refused(value: object, words: str) -> None:
    """An answer too big for any sum is refused with the bounds, not an OverflowError."""
    data = with_value((*N, "max"), None)
    q = Questionnaire.model_validate(data)
    problem = value_problem(q, q.question("n1"), Answer(value=value))  # type: ignore[arg-type]
    assert words in problem and "1,000,000,000,000" in problem


def test_a_5000_digit_number_is_a_located_error(write: Write) -> None:
    """A number too long for Python to read gives file:line, not a ValueError traceback."""
    path = write(
        "r.yaml",
        "format: 1\nquestionnaire: {id: starter, version: '1.0'}\nanswers:\n  members: {value: "
        + "9" * 5000
        + "}\n",
    )
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == 3
    assert f"{path}:4: a number 5,000 digits long is far beyond any" in result.stderr


weights = st.floats(min_value=0, max_value=MAX_WEIGHT)
statuses = st.sampled_from(
    [Status.answered, Status.not_applicable, Status.dont_know, Status.skipped]
)


@settings(max_examples=200, deadline=None)
@given(
    w=st.lists(weights, min_size=8, max_size=8),
    levels=st.lists(st.integers(1, 5), min_size=3, max_size=3),
    number=st.floats(min_value=-MAX_NUMBER, max_value=MAX_NUMBER),
    kinds=st.lists(statuses, min_size=4, max_size=4),
)
def test_scoring_never_overflows_or_raises(
    w: list[float], levels: list[int], number: float, kinds: list[Status]
) -> None:
    """With any weights within bounds and any answers, every score is a number 0-100 or none."""
    data = copy.deepcopy(BASE)
    data["principles"][0]["weight"], data["principles"][1]["weight"] = w[0], w[1]
    for question, weight in zip(
        [q for p in data["principles"] for q in p["questions"]], w[2:], strict=False
    ):
        question["weight"] = weight
    data["principles"][1]["questions"][3].pop("max")
    data["principles"][1]["questions"][3].pop("min")
    q = Questionnaire.model_validate(data)
    answers = {
        "a1": Answer(value=levels[0], status=kinds[0])
        if kinds[0] == Status.answered
        else Answer(status=kinds[0]),
        "a2": Answer(value=levels[1]),
        "p1": Answer(value="yes"),
        "p2": Answer(value=levels[2], status=kinds[1])
        if kinds[1] == Status.answered
        else Answer(status=kinds[1]),
        "n1": Answer(value=number),
        "c1": Answer(value="b"),
    }
    response = Response.model_validate(
        {"questionnaire": {"id": "small", "version": "1.0"}, "answers": answers}
    )
    scores = score_response(q, response)
    for score in [scores.overall, *(p.score for p in scores.principles)]:
        assert score is None or 0 <= score <= 100
