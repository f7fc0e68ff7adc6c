"""Over time across editions: a 1.0 baseline beside a 2.0 follow-up, on the questions they share."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from coprod.cli import app
from coprod.compare.gather import run_compare
from coprod.compare.results import Options
from coprod.compare.versions import shared_questionnaire
from coprod.model import EarlierVersion
from coprod.questionnaire.load import load_questionnaire

EXAMPLES = Path(__file__).parent.parent / "examples"
BASELINE = EXAMPLES / "coproduction-1.0-response.yaml"
FOLLOW_UP = EXAMPLES / "coproduction-response.yaml"
runner = CliRunner()


def test_a_1_0_baseline_and_a_2_0_follow_up_are_compared_on_shared_questions() -> None:
    """Both responses are rescored on the 23 shared questions; both rounds are kept."""
    c = run_compare([BASELINE, FOLLOW_UP], Options(over_time=True))
    assert c.skipped == []
    assert c.bridge is not None
    assert c.bridge.versions == ["1.0", "2.0"]
    assert len(c.bridge.shared) == 23
    assert c.questionnaire.version == "1.0 and 2.0"
    assert c.rounds == ["Baseline workshop, November 2026", "Follow-up workshop, November 2027"]
    # Principles with no shared question (leadership, looking ahead, set-up) are not compared.
    ids = [p.id for p in c.questionnaire.principles]
    assert "leadership" not in ids and "organisation" not in ids and len(ids) == 9
    change = {x.id: (x.baseline, x.latest, x.change) for x in c.units[0].changes}
    assert change["overall"] == (44.5, 58.7, 14.2)
    assert change["assets"] == (50.0, 75.0, 25.0)


def test_what_is_left_out_is_said_with_the_reason() -> None:
    """Every question one version asks and the other does not, or asks differently, is listed."""
    c = run_compare([BASELINE, FOLLOW_UP], Options(over_time=True))
    assert c.bridge is not None
    why = {(x.version, x.id): x.why for x in c.bridge.left_out}
    assert why[("1.0", "assets_offer")] == "split into assets_asked and assets_offer_used"
    assert why[("1.0", "meas_last_review")].startswith('gains "this is our first review"')
    assert why[("2.0", "incl_own_language")] == "new in this version"
    assert ("2.0", "assets_strengths") not in why
    assert len(why) == 42


def test_without_over_time_the_versions_are_still_not_mixed() -> None:
    """Pooling a 1.0 and a 2.0 response is refused as before: one is left out, with the reason."""
    c = run_compare([BASELINE, FOLLOW_UP], Options())
    assert c.bridge is None
    assert len(c.skipped) == 1
    assert "the comparison is of version" in c.skipped[0].reason


def test_the_terminal_and_the_json_say_which_versions_and_what_was_left_out(
    tmp_path: Path,
) -> None:
    """`coprod compare --over-time` prints the versions line; the JSON lists every left-out id."""
    out = tmp_path / "c.json"
    args = ["compare", str(BASELINE), str(FOLLOW_UP), "--over-time", "--format", "json"]
    result = runner.invoke(app, [*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (
        "across versions: versions 1.0 and 2.0 compared on the 23 questions they ask in the "
        "same way; 42 other questions left out (listed in the report)."
    ) in " ".join(result.output.split())
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["versions"]["compared"] == ["1.0", "2.0"]
    assert "power_from_start" in data["versions"]["shared_questions"]
    left = {x["id"]: x for x in data["versions"]["left_out_questions"]}
    assert left["part_money"]["why"] == "split into org_aligned_budgets and org_commissioning"


def test_the_report_has_an_across_versions_section(tmp_path: Path) -> None:
    """The HTML report explains the comparison and tables each question left out."""
    out = tmp_path / "c.html"
    args = ["compare", str(BASELINE), str(FOLLOW_UP), "--over-time", "--out", str(out)]
    assert runner.invoke(app, args).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert '<h2 id="versions-heading">Across versions</h2>' in html
    assert "They are compared on the 23 questions" in html
    assert '<span class="qid">res_budget</span>' in html


def test_a_question_that_needs_a_left_out_question_is_left_out_too() -> None:
    """If the member count is not shared, the active share (divided by it) cannot be either."""
    q = load_questionnaire("coproduction").questionnaire
    entry = EarlierVersion(version="1.0", same=["net_membership", "net_active_members"])
    shared = shared_questionnaire(q, [entry])
    assert [x.id for x in shared.questions] == ["net_membership"]
    assert shared.recommendations == []


def test_the_xlsx_has_a_sheet_of_the_questions_left_out(tmp_path: Path) -> None:
    """Across versions, the workbook lists every left-out question on a sheet of its own."""
    from openpyxl import load_workbook

    out = tmp_path / "c.xlsx"
    args = ["compare", str(BASELINE), str(FOLLOW_UP), "--over-time", "--format", "xlsx"]
    assert runner.invoke(app, [*args, "--out", str(out)]).exit_code == 0
    sheet = load_workbook(out)["Questions left out"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("version", "question", "text", "why")
    assert ("1.0", "res_budget") in {(r[0], r[1]) for r in rows[1:]}
    assert len(rows) == 1 + 42


def test_the_across_versions_report_passes_axe_and_reflows(tmp_path: Path) -> None:
    """The report with its across-versions table has no axe violations and fits 320 px."""
    from tests.axecheck import run_axe

    out = tmp_path / "c.html"
    args = ["compare", str(BASELINE), str(FOLLOW_UP), "--over-time", "--out", str(out)]
    assert runner.invoke(app, args).exit_code == 0
    found = run_axe(out)
    assert found["violations"] == []
    assert found["reflow"]["scrollWidth"] <= found["reflow"]["width"]
