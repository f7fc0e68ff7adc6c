"""Group figures: spread, consensus, contested items, perspective gaps, small-group suppression."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coprod.batch.columns import QResult, score_columns
from coprod.batch.stats import GroupStats, batch_stats, perspective_gaps, question_stats
from coprod.errors import SheetError
from coprod.model import (
    Answer,
    MultipleChoiceQuestion,
    NumberQuestion,
    Questionnaire,
    QuestionnaireRef,
    Response,
    ScaleQuestion,
    SingleChoiceQuestion,
    Status,
    TextQuestion,
    YesNoQuestion,
)
from coprod.questionnaire.load import load_questionnaire
from coprod.scoring.score import round1, score_response
from coprod.scoring.spread import ItemStats, ScoreSpread, round1_all, summarise
from coprod.sheets.cells import DONT_KNOW_CELL, NOT_APPLICABLE_CELL, Cell, Parsed


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([50.0], ScoreSpread(1, 50.0, 50.0, 0.0, 50.0, 50.0, 50.0, 50.0)),
        ([0.0, 25.0, 50.0, 75.0, 100.0], ScoreSpread(5, 50.0, 50.0, 39.5, 25.0, 75.0, 0.0, 100.0)),
        # 56.25 and 81.25 round halves up, as docs/scoring.md says (not to even).
        ([25.0, 25.0, 75.0, 100.0], ScoreSpread(4, 56.3, 50.0, 37.5, 25.0, 81.3, 25.0, 100.0)),
        ([], ScoreSpread(0)),
    ],
)
def test_summarise(values: list[float], expected: ScoreSpread) -> None:
    """Mean, median, sample SD and Excel-style quartiles, worked out by hand."""
    counts: dict[float, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    assert summarise(counts) == expected


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([43.75, 93.75, 0.05, 66.666, 2.675], [43.8, 93.8, 0.1, 66.7, 2.7]),  # halves up
        ([0.0, 100.0, 5, 999999.95], [0.0, 100.0, 5.0, 1000000.0]),
        ([-0.05, -0.04, 1e7, 12.25], [-0.1, -0.0, 1e7, 12.3]),  # some go through round1 itself
        ([], []),
    ],
)
def test_round1_all_rounds_as_round1(values: list[float], expected: list[float]) -> None:
    """Many scores rounded at once come out as round1 rounds each, halves up."""
    assert round1_all(values) == expected == [round1(v) for v in values]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(min_value=0, max_value=2e6, allow_nan=False), max_size=50))
def test_round1_all_equals_round1_for_any_scores(values: list[float]) -> None:
    """For any non-negative scores, round1_all gives round1's figure for each, exactly."""
    assert [repr(v) for v in round1_all(values)] == [repr(round1(v)) for v in values]


def _scale_results(levels: list[int]) -> list[QResult]:
    return [QResult("answered", (v - 1) * 25.0, v) for v in levels]


@pytest.mark.parametrize(
    ("levels", "consensus"),
    [
        ([3, 3, 3, 3], 100.0),
        ([2, 3, 4, 3], 100.0),
        ([1, 1, 5, 5], 0.0),  # median 3: nobody within one level: the room is split
        ([1, 2, 3, 4, 5], 60.0),
        ([1, 1, 1, 5], 75.0),
    ],
)
def test_consensus_is_share_within_one_level_of_median(
    small: Path, levels: list[int], consensus: float
) -> None:
    """Consensus counts answers within one level of the median, as docs/batch.md says."""
    q = load_questionnaire(small).questionnaire
    item = question_stats(q, q.questions[0], _scale_results(levels))
    assert item.consensus == consensus


def test_yes_no_consensus_is_the_most_common_answer(small: Path) -> None:
    """For yes/no, consensus is the share giving the most common answer."""
    q = load_questionnaire(small).questionnaire
    results = [QResult("answered", 100.0, "yes")] * 3 + [QResult("answered", 0.0, "no")]
    item = question_stats(q, q.question("p1"), results)  # type: ignore[arg-type]
    assert (item.consensus, item.distribution) == (75.0, [("Yes", 3), ("No", 1)])


def _cells(q: Questionnaire, people: list[dict[str, Parsed]]) -> dict[str, list[Parsed]]:
    return {qn.id: [p.get(qn.id) for p in people] for qn in q.questions}


def test_small_groups_are_counted_together(small: Path) -> None:
    """2 carers and 1 partner make 3: shown together as 'other'; everyone's figures include all."""
    q = load_questionnaire(small).questionnaire
    people = [{"a1": Cell("answered", v), "a2": Cell("answered", v)} for v in (1, 2, 3, 4, 5, 5)]
    scores = score_columns(q, _cells(q, people))
    labels = ["staff", "staff", "staff", "carer", "carer", "partner"]
    stats = batch_stats(scores, labels, "perspective")
    assert [(g.name, g.people, g.suppressed) for g in stats.groups] == [
        ("staff", 3, False),
        ("other", 3, False),
    ]
    assert stats.groups[1].principles[0].summary.mean == pytest.approx(91.7, abs=0.1)
    assert stats.plan is not None and stats.plan.members("other") == ("carer", "partner")
    assert stats.everyone.principles[0].summary.n == 6


@pytest.mark.parametrize(
    ("sizes", "combine", "shown", "held"),
    [
        # The 12-person workshop: the carer joins lived experience, both groups stay.
        (
            {"staff": 6, "lived_experience": 5, "carer": 1},
            None,
            {"staff": 6, "lived_experience": 6},
            set(),
        ),
        # No natural home shown: the carer joins the smallest shown group.
        ({"staff": 5, "partner": 4, "carer": 1}, None, {"staff": 5, "partner": 5}, set()),
        ({"staff": 5, "carer": 1}, None, {"staff": 6}, set()),
        ({"staff": 5, "carer": 1, "partner": 2}, None, {"staff": 5, "other": 3}, set()),
        ({"staff": 5, "lived_experience": 4}, None, {"staff": 5, "lived_experience": 4}, set()),
        # What the trainer asks for comes first.
        (
            {"staff": 6, "lived_experience": 5, "carer": 1},
            {"carer": "staff"},
            {"staff": 7, "lived_experience": 5},
            set(),
        ),
        # Only when no group reaches 3 is anything held back.
        ({"staff": 1, "carer": 1}, None, {}, {"staff", "carer"}),
    ],
)
def test_a_small_group_is_counted_with_another_never_dropped(
    small: Path,
    sizes: dict[str, int],
    combine: dict[str, str] | None,
    shown: dict[str, int],
    held: set[str],
) -> None:
    """No group of fewer than 3 is shown alone, and no bigger group is hidden to cover it."""
    q = load_questionnaire(small).questionnaire
    labels = [name for name, size in sizes.items() for _ in range(size)]
    people = [{"a1": Cell("answered", 1 + k % 5)} for k in range(len(labels))]
    stats = batch_stats(score_columns(q, _cells(q, people)), labels, "perspective", combine=combine)
    assert {g.name: g.people for g in stats.groups if not g.suppressed} == shown
    assert {g.name for g in stats.groups if g.suppressed} == held
    assert all(g.overall is None for g in stats.groups if g.suppressed)
    assert stats.everyone.people == len(labels)


def test_combine_naming_a_missing_group_says_which_groups_there_are(small: Path) -> None:
    """--combine with a group nobody is in: the message lists the groups found."""
    q = load_questionnaire(small).questionnaire
    people = [{"a1": Cell("answered", 3)} for _ in range(4)]
    with pytest.raises(SheetError, match=r"no group is called 'carers'; the groups are: staff"):
        batch_stats(score_columns(q, _cells(q, people)), ["staff"] * 4, combine={"carers": "x"})


def test_contested_items_are_the_least_agreed(small: Path) -> None:
    """Questions with consensus below 70% are flagged, lowest first."""
    q = load_questionnaire(small).questionnaire
    people = [
        {"a1": Cell("answered", a1), "a2": Cell("answered", a2)}
        for a1, a2 in [(1, 3), (1, 3), (5, 3), (5, 4), (3, 2)]
    ]
    stats = batch_stats(score_columns(q, _cells(q, people)))
    assert [c.id for c in stats.everyone.contested] == ["a1"]


def _group(name: str, mean: float) -> GroupStats:
    item = ItemStats("a1", "question", "A1", "assets", ScoreSpread(3, mean), 100.0)
    overall = ItemStats("overall", "overall", "Overall", None, ScoreSpread(3, mean), 100.0)
    return GroupStats(name, 3, False, overall, [], [item])


@pytest.mark.parametrize(
    ("staff", "lived", "flagged"), [(40.0, 55.0, True), (40.0, 54.9, False), (70.0, 50.0, True)]
)
def test_perspective_gaps_of_15_points(staff: float, lived: float, flagged: bool) -> None:
    """A gap of 15 points or more between staff and lived experience is flagged, either way."""
    gaps = perspective_gaps([_group("staff", staff), _group("lived_experience", lived)])
    assert bool(gaps) is flagged
    if flagged:
        assert gaps[0].gap == round(lived - staff, 1)


def test_gaps_need_both_groups_unsuppressed() -> None:
    """No gap is reported when either perspective is missing or suppressed."""
    small_group = GroupStats("lived_experience", 2, True, None, [], [])
    assert perspective_gaps([_group("staff", 10.0), small_group]) == []


# --- the fast batch scorer equals score_response -----------------------------


def _answer_strategy(q: Questionnaire, question: Any) -> st.SearchStrategy[Parsed]:
    options: list[st.SearchStrategy[Parsed]] = [st.none()]
    if question.not_applicable:
        options.append(st.just(NOT_APPLICABLE_CELL))
    if question.dont_know:
        options.append(st.just(DONT_KNOW_CELL))
    if isinstance(question, ScaleQuestion):
        values = [lv.value for lv in q.scales[question.scale].levels]
        options.append(st.sampled_from(values).map(lambda v: Cell("answered", v)))
    elif isinstance(question, YesNoQuestion):
        options.append(st.sampled_from(["yes", "no"]).map(lambda v: Cell("answered", v)))
    elif isinstance(question, NumberQuestion):
        options.append(st.integers(0, 500).map(lambda v: Cell("answered", v)))
    elif isinstance(question, SingleChoiceQuestion):
        ids = [c.id for c in question.choices]
        options.append(st.sampled_from(ids).map(lambda v: Cell("answered", v)))
    elif isinstance(question, MultipleChoiceQuestion):
        ids = [c.id for c in question.choices]
        options.append(
            st.sets(st.sampled_from(ids)).map(
                lambda s: Cell("answered", tuple(i for i in ids if i in s))
            )
        )
    elif isinstance(question, TextQuestion):
        options.append(st.just(Cell("answered", "a note")))
    return st.one_of(options)


def _people(q: Questionnaire) -> st.SearchStrategy[list[dict[str, Parsed]]]:
    person = st.fixed_dictionaries({qn.id: _answer_strategy(q, qn) for qn in q.questions})
    return st.lists(person, min_size=1, max_size=4)


def _response(q: Questionnaire, person: dict[str, Parsed]) -> Response:
    answers = {}
    for qid, cell in person.items():
        if isinstance(cell, Cell):
            value = list(cell.value) if isinstance(cell.value, tuple) else cell.value
            answers[qid] = Answer(value=value, status=Status(cell.status))
    return Response(questionnaire=QuestionnaireRef(id=q.id, version=q.version), answers=answers)


@pytest.mark.parametrize("name", ["coproduction", "starter"])
def test_batch_scorer_equals_score_response(name: str) -> None:
    """For any answers, the column-wise batch scorer gives exactly score_response's figures."""
    q = load_questionnaire(name).questionnaire

    @settings(max_examples=40, deadline=None)
    @given(_people(q))
    def check(people: list[dict[str, Parsed]]) -> None:
        scores = score_columns(q, _cells(q, people))
        for k, person in enumerate(people):
            expected = score_response(q, _response(q, person))
            assert scores.overall[k].score == expected.overall
            assert scores.overall[k].coverage == expected.coverage
            for p in expected.principles:
                got = scores.principles[p.id][k]
                assert (got.score, got.coverage, got.applicable, got.answered) == (
                    p.score,
                    p.coverage,
                    p.applicable,
                    p.answered,
                )
                assert (got.not_applicable, got.dont_know, got.unanswered) == (
                    p.not_applicable,
                    p.dont_know,
                    p.unanswered,
                )
                for item in p.questions:
                    assert scores.questions[item.id][k].score == item.score

    check()


def test_group_figures_come_from_unrounded_person_scores(small: Path, tmp_path: Path) -> None:
    """Ann's 66.67 and Fay's 0 average to 33.3; from the rounded 66.7 it would be 33.4."""
    from tests.sheetfixtures import google_forms_csv

    lines = google_forms_csv(tmp_path).read_text(encoding="utf-8").splitlines()
    sheet = tmp_path / "two.csv"
    sheet.write_text("\n".join([lines[0], lines[1], lines[6]]) + "\n", encoding="utf-8")
    from coprod.batch.run import run_batch

    result = run_batch([sheet], small)
    assert [p.score for p in result.scores.principles["assets"]] == [66.7, 0.0]
    assert result.stats.everyone.principles[0].summary.mean == 33.3


AGREEMENT = """\
format: 1
id: views
version: "1.0"
title: Views
scales:
  agree5:
    agree: [4, 5]
    disagree: [1, 2]
    levels:
      - {value: 1, label: Strongly disagree}
      - {value: 2, label: Disagree}
      - {value: 3, label: Neither}
      - {value: 4, label: Agree}
      - {value: 5, label: Strongly agree}
principles:
  - id: p
    title: P
    questions:
      - {id: s1, type: scale, scale: agree5, text: It was worth it.}
"""


@pytest.mark.parametrize(
    ("levels", "shares", "consensus"),
    [
        # 2 of 5 agree; consensus (within one level of the median, 3) is 20%: not "% agree".
        ([5, 5, 1, 1, 3], (40.0, 20.0, 40.0), 20.0),
        ([4, 4, 4, 2], (75.0, 0.0, 25.0), 75.0),
        ([3, 3], (0.0, 100.0, 0.0), 100.0),
    ],
)
def test_agreement_scale_shows_share_agreeing_apart_from_consensus(
    write: Any, levels: list[int], shares: tuple[float, float, float], consensus: float
) -> None:
    """On an agreement scale, % agree / neither / disagree are counted from the levels named."""
    q = load_questionnaire(write("views.yaml", AGREEMENT)).questionnaire
    results = [*_scale_results(levels), QResult("dont_know", None, None)]
    item = question_stats(q, q.questions[0], results)
    assert (item.shares, item.consensus) == (shares, consensus)


def test_other_scales_have_no_agreement_shares(small: Path) -> None:
    """A scale that names no agreeing levels has no % agree."""
    q = load_questionnaire(small).questionnaire
    assert question_stats(q, q.questions[0], _scale_results([4, 5])).shares is None


def test_batch_counts_dont_know_as_lowest_like_one_response(write: Any) -> None:
    """A sheet's 'Don't know' under 'dont_know_as: lowest' scores as score_response does."""
    from tests.conftest import SMALL

    text = SMALL.replace(
        'text: "Do you value lived experience?", weight: 2}',
        'text: "Do you value lived experience?", weight: 2, dont_know_as: lowest}',
    )
    q = load_questionnaire(write("q.yaml", text)).questionnaire
    scores = score_columns(q, _cells(q, [{"a1": Cell("answered", 2), "a2": DONT_KNOW_CELL}]))
    assert scores.principles["assets"][0].score == 8.3
