"""The built-in questionnaires: 2.0 as the issue asks, and 1.0 kept for old responses."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coprod.cli import app
from coprod.model import MultipleChoiceQuestion, Questionnaire, SingleChoiceQuestion, pick
from coprod.questionnaire.builtin import list_builtin
from coprod.questionnaire.load import (
    builtin_dir,
    builtin_paths,
    builtin_version,
    load_questionnaire,
    older_builtin_paths,
)
from coprod.scoring.scored import score_file

ROOT = Path(__file__).parent.parent
runner = CliRunner()
#: sha256 of the 1.0 files as they were on main before 2.0: they must never change.
FIRST_EDITION = {
    "coproduction@1.0": "fe71430c6a95ca34d609d3204a0b395e6ce95163bdf9e6e6742a8b9c7b0a1430",
    "starter@1.0": "999e9893b2be2adf9ebef6144233fc0b02dc6d1d130b47b2d5daa2158e5bb2e7",
}
CURRENT = [load_questionnaire(p).questionnaire for p in builtin_paths()]


@pytest.mark.parametrize(("stem", "digest"), FIRST_EDITION.items())
def test_the_first_edition_is_kept_byte_for_byte(stem: str, digest: str) -> None:
    """questionnaires/<id>@1.0.yaml is the 1.0 file exactly as it shipped."""
    data = (builtin_dir() / f"{stem}.yaml").read_bytes()
    assert hashlib.sha256(data).hexdigest() == digest


def test_list_shows_current_versions_and_older_ones_stay_loadable() -> None:
    """`coprod list` shows 2.0 of each; 1.0 is kept beside it, by id@version."""
    listed = {(i.id, i.version) for i in list_builtin()}
    assert {("coproduction", "2.0"), ("starter", "2.0")} <= listed
    assert not any("@" in qid for qid, _ in listed)
    assert [p.stem for p in older_builtin_paths()] == list(FIRST_EDITION)
    assert builtin_version("coproduction", "1.0") == builtin_dir() / "coproduction@1.0.yaml"
    assert builtin_version("coproduction", "9.9") is None


def test_show_an_older_version_by_id_at_version() -> None:
    """`coprod show coproduction@1.0` shows the first edition."""
    result = runner.invoke(app, ["show", "coproduction@1.0"])
    assert result.exit_code == 0, result.output
    assert "(id coproduction, version 1.0)" in result.output
    assert "[part_shared_picture]" in result.output


def test_an_unknown_version_names_every_builtin() -> None:
    """An id@version coprod does not keep is refused, listing what is built in."""
    result = runner.invoke(app, ["show", "coproduction@9.9"])
    assert result.exit_code == 3
    assert "no built-in questionnaire has this id" in result.output
    assert "coproduction@1.0" in result.output and "id@version" in result.output


@pytest.mark.parametrize(
    ("example", "version", "overall"),
    [
        ("coproduction-1.0-response.yaml", "1.0", 43.1),
        ("starter-1.0-response.yaml", "1.0", 38.5),
        ("coproduction-response.yaml", "2.0", 51.8),
        ("starter-response.yaml", "2.0", 38.8),
    ],
)
def test_a_response_is_scored_with_the_version_it_answers(
    example: str, version: str, overall: float
) -> None:
    """A 1.0 response is scored with the 1.0 file automatically, with no version warning."""
    scored = score_file(ROOT / "examples" / example)
    assert scored.loaded.questionnaire.version == version
    assert scored.scores.overall == overall
    # The examples are written by hand, so the only notice is the missing check line.
    assert [w for w in scored.warnings if "has no check line" not in w] == []


# --- the second edition's rules --------------------------------------------
# They are design rules of the two self-assessments; the instruments (audit, feedback,
# ladder) follow the published shapes they carry instead (tests/test_instruments.py).
SELF_ASSESSMENTS = [q for q in CURRENT if q.id in ("coproduction", "starter")]


def band_edges(q: Questionnaire) -> list[tuple[float | None, float | None]]:
    """(at_least, below) for each band, as a recommendation rule for it would say."""
    return [(b.min or None, None if b.max == 100 else b.max) for b in q.bands]


@pytest.mark.parametrize("q", SELF_ASSESSMENTS, ids=lambda q: q.id)
def test_every_principle_has_advice_for_every_band(q: Questionnaire) -> None:
    """Each principle's score rules are exactly the bands: one rule per band, the top one too."""
    for principle in q.principles:
        rules = [
            (r.when.at_least, r.when.below)
            for r in q.recommendations
            if r.when.principle == principle.id
        ]
        assert sorted(rules, key=lambda x: x[0] or 0) == band_edges(q), principle.id


@pytest.mark.parametrize("q", SELF_ASSESSMENTS, ids=lambda q: q.id)
def test_no_question_is_a_scored_yes_or_no(q: Questionnaire) -> None:
    """Graded choices, not a yes/no cliff: every yes/no question only opens others."""
    for question in q.questions:
        if question.type == "yes_no":
            assert not question.scored, question.id


@pytest.mark.parametrize("q", SELF_ASSESSMENTS, ids=lambda q: q.id)
def test_one_answer_moves_a_principle_by_at_most_a_third(q: Questionnaire) -> None:
    """No single question carries more than a third of its principle's weight."""
    for principle in q.principles:
        scored = [x for x in principle.questions if x.weight > 0 and x.type != "text"]
        scored = [x for x in scored if not (x.type == "yes_no" and not x.scored)]
        total = sum(x.weight for x in scored)
        assert all(x.weight / total <= 1 / 3 + 1e-9 for x in scored), principle.id


def test_the_review_question_lets_a_first_review_say_so() -> None:
    """'This is our first review' is a choice, and it is not scored (it counts as n/a)."""
    q = load_questionnaire("coproduction").questionnaire
    review = q.question("meas_last_review")
    assert isinstance(review, SingleChoiceQuestion)
    first = next(c for c in review.choices if c.id == "first_review")
    assert (pick(first.label, "en"), first.score) == ("This is our first review", None)


def test_the_practice_scale_levels_differ_in_how_widely_only() -> None:
    """The practice scale's descriptors speak of reach, not money, owners or review."""
    q = load_questionnaire("coproduction").questionnaire
    words = " ".join(pick(lv.descriptor, "en") or "" for lv in q.scales["practice"].levels)
    for bundled in ("money", "responsible", "review", "written down"):
        assert bundled not in words.lower()


@pytest.mark.parametrize(
    ("qid", "named"),
    [
        ("fut_long_term", "Well-being of Future Generations (Wales) Act 2015"),
        ("fut_integration", "2015 Act"),
        ("power_from_start", "Well-being of Future Generations (Wales) Act 2015"),
        ("lead_system", "system leadership"),
        ("power_voice_control", "Social Services and Well-being (Wales) Act 2014"),
        ("part_joined_up", "Social Services and Well-being (Wales) Act 2014"),
        ("fut_prevention", "Social Services and Well-being (Wales) Act 2014"),
        ("incl_own_language", "Welsh Language Standards"),
        ("org_info_agreement", "Wales Accord on the Sharing of Personal Information"),
        ("org_innovation_broker", "local innovation brokers"),
        ("org_community_dividend", "community dividend"),
    ],
)
def test_the_wales_and_young_foundation_items_name_their_source_in_help(
    qid: str, named: str
) -> None:
    """Each such item is asked in words that fit anywhere and names the law or idea in its help."""
    q = load_questionnaire("coproduction").questionnaire
    question = q.question(qid)
    assert question is not None and question.help is not None
    assert named in pick(question.help, "en")
    assert "Wales" not in pick(question.text, "en")


def test_the_staff_only_section_says_so_and_people_can_skip_it() -> None:
    """Budget, policy and agreement questions sit in one section that says who it is for."""
    q = load_questionnaire("coproduction").questionnaire
    organisation = next(p for p in q.principles if p.id == "organisation")
    assert "for staff and partners" in pick(organisation.title, "en")
    assert "welcome to skip this section" in pick(organisation.description, "en")
    gate = organisation.questions[0]
    assert gate.id == "org_role" and gate.type == "yes_no" and not gate.scored
    for question in organisation.questions[1:]:
        assert question.when is not None and question.when.question == "org_role", question.id
    staff_only = {"org_budget", "org_payment_terms", "org_info_agreement", "org_commissioning"}
    assert staff_only <= {x.id for x in organisation.questions}


def test_a_person_with_lived_experience_who_skips_the_staff_section_still_gets_a_score(
    tmp_path: Path,
) -> None:
    """Answering "no" to the staff gate hides the section; the other eleven principles score."""
    text = (ROOT / "examples" / "coproduction-response.yaml").read_text(encoding="utf-8")
    text = text.replace("perspective: staff", "perspective: lived_experience")
    text = text.split("  # How the service is set up")[0] + '  org_role: {value: "no"}\n'
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["score", "--json", str(path)])
    data = json.loads(result.stdout)
    by_id = {p["id"]: p for p in data["principles"]}
    assert by_id["organisation"]["score"] is None
    assert by_id["organisation"]["applicable"] == 0  # hidden, so not counted against coverage
    assert data["overall"]["score"] == 52.9
    assert data["overall"]["coverage"] == 100.0


def test_multiple_choice_scores_still_add_up_to_100() -> None:
    """With language moved to its own question, the access checklist still reaches 100."""
    q = load_questionnaire("coproduction").questionnaire
    barriers = q.question("incl_barriers")
    assert isinstance(barriers, MultipleChoiceQuestion)
    assert sum(c.score or 0 for c in barriers.choices) == 100


def test_list_names_the_older_versions_it_keeps() -> None:
    """`coprod list` shows 'also coproduction@1.0'; --json gives older_versions."""
    result = runner.invoke(app, ["list"])
    assert result.exit_code == 0
    assert "also coproduction@1.0" in result.output and "also starter@1.0" in result.output
    items = {i["id"]: i for i in json.loads(runner.invoke(app, ["list", "--json"]).output)}
    assert items["coproduction"]["older_versions"] == ["1.0"]
