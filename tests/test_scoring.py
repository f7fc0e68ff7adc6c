"""The scoring method: per-answer 0-100, weighted means, N/A left out, coverage, bands, rules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coprod.files.yamlio import parse_yaml
from coprod.model import Answer, Questionnaire, QuestionnaireRef, Response, Status
from coprod.questionnaire.load import load_questionnaire
from coprod.scoring.score import score_response
from coprod.scoring.scored import score_file
from tests.conftest import SMALL

SMALL_Q = Questionnaire.model_validate(parse_yaml(SMALL, "small.yaml").data)


@pytest.fixture
def q(small: Path) -> Questionnaire:
    """The small questionnaire, loaded."""
    return load_questionnaire(small).questionnaire


def respond(answers: dict[str, Any]) -> Response:
    """A response from {question id: value or Status}."""
    built = {
        k: Answer(status=v) if isinstance(v, Status) else Answer(value=v)
        for k, v in answers.items()
    }
    return Response(questionnaire=QuestionnaireRef(id="small", version="1.0"), answers=built)


def test_worked_by_hand(q: Questionnaire) -> None:
    """Scale positions, weights and principle weights combine as the docs say."""
    s = score_response(q, respond({"a1": 2, "a2": 4, "p1": "yes", "p2": 5, "p3": "More time"}))
    # a1: (2-1)/4 = 25, a2: 75 with weight 2 -> (25 + 150) / 3 = 58.3
    assert s.principle("assets").score == 58.3
    assert s.principle("assets").band is not None
    # p1 yes = 100, p2 = 100; p3 is text and unscored
    assert s.principle("power").score == 100.0
    # overall: (58.33 * 1 + 100 * 2) / 3 = 86.1
    assert s.overall == 86.1
    assert s.band is not None and s.band.label == {"*": "Going strong"}
    assert s.coverage == 100.0


def test_not_applicable_is_left_out_not_zero(q: Questionnaire) -> None:
    """N/A leaves the score and the coverage as if the question were absent (it does not apply)."""
    base = score_response(q, respond({"a1": 4, "a2": 4, "p1": "yes", "p2": 3}))
    with_na = score_response(
        q, respond({"a1": 4, "a2": Status.not_applicable, "p1": "yes", "p2": 3})
    )
    assert base.principle("assets").score == with_na.principle("assets").score == 75.0
    assert with_na.principle("assets").coverage == 100.0
    assert (with_na.principle("assets").answered, with_na.principle("assets").applicable) == (1, 1)
    assert with_na.principle("assets").not_applicable == 1
    with_dk = score_response(q, respond({"a1": 4, "a2": Status.dont_know, "p1": "yes", "p2": 3}))
    assert with_dk.principle("assets").coverage == 50.0  # don't know applies, unscored
    as_zero = score_response(q, respond({"a1": 4, "a2": 1, "p1": "yes", "p2": 3}))
    assert (as_zero.principle("assets").score or 0) < 75.0


def test_too_few_answers_gives_no_score(q: Questionnaire) -> None:
    """Below min_coverage a principle reads 'not enough answers' (None), not a number."""
    s = score_response(q, respond({"a1": Status.dont_know, "a2": Status.skipped, "p1": "no"}))
    assert s.principle("assets").score is None
    assert s.principle("assets").dont_know == 1
    assert s.principle("power").score == 0.0
    assert s.overall is None  # 1 of 3 applicable questions answered: coverage 33% < 50%


def test_hidden_question_does_not_count(q: Questionnaire) -> None:
    """A conditional question whose condition fails is neither asked nor counted."""
    s = score_response(q, respond({"a1": 5, "a2": 5, "p1": "no", "p2": 5}))
    assert s.question("p2").status == "hidden"
    assert s.principle("power").applicable == 1
    assert s.principle("power").score == 0.0


def test_recommendations_follow_rules_in_priority_order(q: Questionnaire) -> None:
    """Triggered recommendations come high priority first; untriggered ones are absent."""
    s = score_response(q, respond({"a1": 1, "a2": 2, "p1": "no"}))
    assert [r.id for r in s.recommendations] == ["assets-low", "power-board"]
    s = score_response(q, respond({"a1": 5, "a2": 5, "p1": "yes", "p2": 4}))
    assert s.recommendations == []


levels = st.integers(min_value=1, max_value=5)
maybe = st.one_of(levels, st.sampled_from([Status.not_applicable, Status.dont_know]))


@settings(max_examples=200, deadline=None)
@given(a1=maybe, a2=maybe, p2=maybe, yes=st.booleans())
def test_every_score_is_within_0_and_100(a1: Any, a2: Any, p2: Any, yes: bool) -> None:
    """Whatever the answers, every score present lies in 0-100."""
    q = SMALL_Q
    s = score_response(q, respond({"a1": a1, "a2": a2, "p1": "yes" if yes else "no", "p2": p2}))
    for value in [s.overall] + [p.score for p in s.principles]:
        assert value is None or 0 <= value <= 100


@settings(max_examples=200, deadline=None)
@given(a1=levels, a2=levels, up=st.integers(min_value=0, max_value=4))
def test_raising_an_answer_never_lowers_its_principle(a1: int, a2: int, up: int) -> None:
    """Moving one answer up the scale never lowers its principle's score."""
    q = SMALL_Q
    before = score_response(q, respond({"a1": a1, "a2": a2})).principle("assets").score
    after = score_response(q, respond({"a1": min(5, a1 + up), "a2": a2}))
    assert (after.principle("assets").score or 0) >= (before or 0)


@settings(max_examples=100, deadline=None)
@given(a1=levels, a2=levels)
def test_weight_two_equals_counting_twice(a1: int, a2: int) -> None:
    """A question with weight 2 scores the same as the same answer asked twice."""
    q = SMALL_Q
    weighted = score_response(q, respond({"a1": a1, "a2": a2})).principle("assets").score
    # the same principle written with the weight-2 question duplicated at weight 1
    twice = q.model_copy(deep=True)
    p = twice.principles[0]
    second = p.questions[1].model_copy(update={"weight": 1.0})
    third = p.questions[1].model_copy(update={"weight": 1.0, "id": "a2b"})
    twice = twice.model_copy(
        update={
            "principles": [
                p.model_copy(update={"questions": [p.questions[0], second, third]}),
                *twice.principles[1:],
            ]
        }
    )
    unweighted = score_response(twice, respond({"a1": a1, "a2": a2, "a2b": a2})).principle("assets")
    assert unweighted.score == weighted


@settings(max_examples=100, deadline=None)
@given(a1=levels)
def test_na_never_acts_like_zero(a1: int) -> None:
    """Marking a question N/A gives the score of the other answers alone."""
    q = SMALL_Q
    alone = score_response(q, respond({"a1": a1, "a2": Status.not_applicable}))
    expected = (a1 - 1) / 4 * 100
    assert alone.principle("assets").score == round(expected, 1)


def test_score_rule_on_a_share_of_members() -> None:
    """A score_below rule reads the 0-100 score of a number scored as a share."""
    q = load_questionnaire("starter").questionnaire
    base = {"has_membership": "yes", "members": 200}
    few = score_response(q, respond({**base, "active_members": 20}))
    many = score_response(q, respond({**base, "active_members": 120}))
    assert few.question("active_members").score == 25.0  # 10% active
    assert many.question("active_members").score == 75.0  # 60% active
    assert "membership-low-activity" in [r.id for r in few.recommendations]
    assert "membership-low-activity" not in [r.id for r in many.recommendations]


def test_yes_no_condition_accepts_true_for_yes(small: Path, write: Any) -> None:
    """A condition written `equals: true` shows the question after a 'yes'."""
    from tests.conftest import SMALL as TEXT

    path = write(
        "q.yaml", TEXT.replace('{question: p1, equals: "yes"}', "{question: p1, equals: true}")
    )
    q = load_questionnaire(path).questionnaire
    s = score_response(q, respond({"p1": "yes", "p2": 3}))
    assert s.question("p2").status == "answered"


@pytest.mark.parametrize("value", ["nan", "inf", float("nan"), float("inf")])
def test_non_finite_number_answers_are_not_scored(value: Any) -> None:
    """nan or infinity as a number answer counts as no answer rather than crashing."""
    from coprod.responses.answers import numeric

    assert numeric(value) is None


@pytest.mark.parametrize(
    ("value", "shown"),
    [(93.75, "93.8%"), (93.5, "93.5%"), (100.0, "100%"), (66.666, "66.7%"), (0.05, "0.1%")],
)
def test_one_rule_for_every_percentage(value: float, shown: str) -> None:
    """Percentages are shown as scores are rounded: one decimal, halves up, no '.0'."""
    from coprod.scoring.score import percent

    assert percent(value) == shown


def test_screen_and_report_show_the_same_coverage(tmp_path: Path) -> None:
    """The terminal and the HTML report print one coverage figure, N/A left out of both."""
    from typer.testing import CliRunner

    from coprod.cli import app

    root = Path(__file__).parent.parent
    # The first-edition example: its coverage figures (5 of 6, 1/2) are pinned here.
    text = (root / "examples" / "starter-1.0-response.yaml").read_text(encoding="utf-8")
    text = text.replace("  wider_circle: {value: 2}", "  wider_circle: {status: dont_know}")
    text = text.replace(
        "  helping_others: {value: 3}", "  helping_others: {status: not_applicable}"
    )
    response = tmp_path / "r.yaml"
    response.write_text(text, encoding="utf-8")
    runner = CliRunner()
    screen = runner.invoke(app, ["score", str(response)], env={"COLUMNS": "100"}).stdout
    assert "Coverage: 83.3% of the questions that apply" in screen  # 5 of 6: N/A left out
    assert "1/2" in screen  # People are assets: helping_others does not apply
    runner.invoke(app, ["report", str(response), "-f", "html", "--out", f"{tmp_path}/"])
    html = (tmp_path / "r-report.html").read_text(encoding="utf-8")
    assert "83.3%" in html and "94%" not in html


def test_unscored_parts_have_no_score_and_are_never_ranked(parts_response: Path) -> None:
    """'scored: false' and weight 0 parts get no score, no coverage, and no strength or priority."""
    s = score_file(parts_response).scores
    figures = [(p.id, p.scored, p.score, p.applicable) for p in s.principles]
    assert figures == [
        ("event", True, 75.0, 2),
        ("about", False, None, 0),
        ("final", False, None, 0),
    ]
    assert [p.id for p in s.strengths()] == [p.id for p in s.priorities()] == ["event"]
    assert (s.coverage, s.band) == (100.0, None)


def test_without_overall_there_is_no_overall_score(parts_response: Path) -> None:
    """'scoring: overall: false' leaves the overall score out, coverage still worked out."""
    s = score_file(parts_response).scores
    assert (s.has_overall, s.overall, s.coverage) == (False, None, 100.0)


@pytest.mark.parametrize(
    ("policy", "score", "coverage"),
    [
        ("left_out", 25.0, 50.0),  # only a1 (2 of 5 = 25) counts
        ("lowest", 8.3, 100.0),  # a2's don't know counts as level 1 (0), weight 2
    ],
)
def test_dont_know_policy(write: Any, policy: str, score: float, coverage: float) -> None:
    """'dont_know_as: lowest' counts a don't know as the lowest answer; the default: left out."""
    text = SMALL.replace(
        'text: "Do you value lived experience?", weight: 2}',
        f'text: "Do you value lived experience?", weight: 2, dont_know_as: {policy}}}',
    )
    q = load_questionnaire(write("q.yaml", text)).questionnaire
    answers = {"a1": Answer(value=2), "a2": Answer(status=Status.dont_know)}
    response = Response(questionnaire=QuestionnaireRef(id="small", version="1.0"), answers=answers)
    assets = score_response(q, response).principle("assets")
    assert (assets.score, assets.coverage) == (score, coverage)


@pytest.mark.parametrize(("level", "score"), [(1, 100.0), (2, 75.0), (5, 0.0)])
def test_reverse_scored_question(write: Any, level: int, score: float) -> None:
    """'reverse: true' scores the lowest level 100, the highest 0; the answer stays as given."""
    text = SMALL.replace(
        '{id: a1, type: scale, scale: five, text: "Do you ask what people can offer?"}',
        '{id: a1, type: scale, scale: five, reverse: true, text: "Do we decide for people?"}',
    )
    q = load_questionnaire(write("q.yaml", text)).questionnaire
    response = Response(
        questionnaire=QuestionnaireRef(id="small", version="1.0"),
        answers={"a1": Answer(value=level)},
    )
    item = score_response(q, response).question("a1")
    assert (item.value, item.score) == (level, score)


@pytest.mark.parametrize(
    ("perspective", "statuses", "voice", "policy"),
    [
        ("staff", ["answered", "answered", "answered"], 37.5, 50.0),
        ("lived_experience", ["answered", "not_asked", "not_asked"], 50.0, None),
        (None, ["answered", "answered", "answered"], 37.5, 50.0),  # no perspective: all asked
    ],
)
def test_questions_for_other_perspectives_are_not_asked(
    audience: Path, perspective: str | None, statuses: list[str], voice: float, policy: Any
) -> None:
    """'for: [staff]' questions are 'not asked' of others and count nowhere in their scores."""
    q = load_questionnaire(audience).questionnaire
    response = Response(
        questionnaire=QuestionnaireRef(id="audience", version="1.0"),
        respondent={"perspective": perspective},
        answers={"heard": Answer(value=3), "budget": Answer(value=2), "written": Answer(value=3)},
    )
    s = score_response(q, response)
    assert [s.question(x).status for x in ("heard", "budget", "written")] == statuses
    assert (s.principle("voice").score, s.principle("policy").score) == (voice, policy)
    assert s.principle("policy").applicable == (0 if policy is None else 1)


def test_an_answer_to_a_question_not_asked_is_kept_and_said(
    audience: Path, write: Any, tmp_path: Path
) -> None:
    """A lived-experience file answering staff-only questions: a warning naming them, no score."""
    from typer.testing import CliRunner

    from coprod.cli import app

    path = write(
        "r.yaml",
        f"format: 1\nquestionnaire: {{id: audience, version: '1.0', path: {audience}}}\n"
        "respondent: {perspective: lived_experience}\n"
        "answers:\n  heard: {value: 3}\n  budget: {value: 2}\n  written: {value: 4}\n",
    )
    scored = score_file(path)
    assert not scored.scores.principle("policy").asked
    warned = [w for w in scored.warnings if "not asked of lived_experience" in w]
    assert len(warned) == 1 and warned[0].startswith(f"{path}: budget, written: answered")
    result = CliRunner().invoke(app, ["score", str(path)])
    assert "not asked of this perspective" in result.stdout
    assert "not enough answers" not in result.stdout
    out = tmp_path / "r.html"
    assert CliRunner().invoke(app, ["report", str(path), "--out", str(out)]).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "Not asked of this perspective" in page and "Policy: Not enough answers" not in page
