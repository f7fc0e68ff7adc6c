"""`coprod plan`, `report --plan` and `compare --over-time --plan` on the command line:
files written, messages a person reads, exit codes, tagged PDFs and axe."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from typer.testing import CliRunner

from coprod.cli import app
from tests.axecheck import assert_accessible
from tests.planfixtures import write_rounds
from tests.test_plan import EXAMPLE, edit_like_a_person, put

runner = CliRunner()


@pytest.fixture
def cycle(tmp_path: Path) -> tuple[Path, Path, Path]:
    """The worked example: baseline folder, follow-up folder, and the plan edited by a person."""
    _, baseline, follow_up = write_rounds(tmp_path)
    plan = tmp_path / "plan.xlsx"
    result = runner.invoke(app, ["plan", str(baseline), "--out", str(plan)])
    assert result.exit_code == 0, result.output
    edited = tmp_path / "edited.xlsx"
    edit_like_a_person(plan, edited)
    return baseline, follow_up, edited


def test_help_has_an_example() -> None:
    """`coprod plan --help` lists its options and ends with an example."""
    result = runner.invoke(app, ["plan", "--help"])
    assert result.exit_code == 0
    for option in ("--out", "--lang", "--check", "--you-said-we-did", "--format"):
        assert option in result.output
    assert "Example: coprod plan" in result.output


def test_plan_from_a_response_names_the_file_and_says_what_is_in_it(tmp_path: Path) -> None:
    """The path on stdout, one line on stderr saying how many actions and targets."""
    out = tmp_path / "plan.xlsx"
    result = runner.invoke(app, ["plan", str(EXAMPLE), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out)
    # the example is written by hand, so it has no check line: one warning says so
    assert result.stderr.strip().splitlines() == [
        f"warning: {EXAMPLE}: has no check line (it was written by hand), so coprod cannot tell "
        "whether it is complete; scored as it stands.",
        "Plan: 9 actions, from 1 response (round 2026-11-02); "
        "suggested targets for 2 of 2 principles.",
    ]
    assert load_workbook(out).sheetnames == ["Actions", "Targets", "How to use", "coprod"]


def test_plan_from_a_workshop_folder(tmp_path: Path) -> None:
    """A batch output folder gives actions and the items to discuss."""
    _, baseline, _ = write_rounds(tmp_path)
    result = runner.invoke(app, ["plan", str(baseline), "--out", str(tmp_path / "p.csv")])
    assert result.exit_code == 0, result.output
    assert "Plan: 3 actions and 3 items to discuss, from 3 responses (round Baseline)" in (
        result.stderr
    )
    text = (tmp_path / "p.csv").read_text(encoding="utf-8-sig")
    assert text.startswith("Ref,Type,Principle,Recommendation,Priority,Action,Owner,Due date")
    assert "\nAction plan: Tiny planning questionnaire · Housing · Baseline\n" in text


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["plan", "nowhere.yaml"], 3, "nowhere.yaml: no such response file"),
        (["plan", "{tmp}"], 3, "is a folder, but not a coprod batch output folder"),
        (
            ["plan", str(EXAMPLE), "--out", "{tmp}/plan.docx"],
            5,
            "a plan is written as .xlsx or .csv",
        ),
        (["plan", str(EXAMPLE), "--lang", "fr"], 1, "plans are written in en, cy or en+cy"),
        (["plan", "--check", "--you-said-we-did", "x.xlsx"], 2, "not both"),
        (["plan", "--check", "x.xlsx", "--lang", "cy"], 2, "does not apply here"),
        (["plan", str(EXAMPLE), "--format", "pdf"], 2, "does not apply here"),
        (["plan", str(EXAMPLE), "-q", "starter"], 2, "does not apply here"),
        (["plan", "--you-said-we-did", "x.xlsx", "--format", "docx"], 2, "'docx' is not one of"),
    ],
)
def test_errors_say_what_and_how_to_fix(
    tmp_path: Path, args: list[str], code: int, message: str
) -> None:
    """Each refusal is one line on stderr with its documented exit code, never a traceback."""
    result = runner.invoke(app, [a.replace("{tmp}", str(tmp_path)) for a in args])
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_check_lists_each_problem_with_row_and_column(cycle: tuple[Path, Path, Path]) -> None:
    """--check: every bad cell with its sheet, row, column and fix, a summary, exit code 10."""
    plan = cycle[2]
    put(plan, "Targets", "share", "Target score", "lots")
    result = runner.invoke(app, ["plan", "--check", str(plan)])
    assert result.exit_code == 10, result.output
    lines = result.stderr.splitlines()
    assert lines[0] == (
        "error: edited.xlsx, sheet 'Targets', row 3, column F (Target score): 'lots' is not a "
        "number; a target is a score from 0 to 100. Fix: Type a number such as 50, or leave it "
        "empty."
    )
    assert lines[1].startswith(
        "warning: edited.xlsx, sheet 'Actions': 'D2' is no longer in the plan"
    )
    assert lines[-1] == (
        "6 rows (1 not started, 2 under way, 2 done, 1 dropped); targets for 1 of 2 principles; "
        "1 problem to fix, 1 warning."
    )


def test_check_of_a_clean_plan_exits_0(cycle: tuple[Path, Path, Path]) -> None:
    """A plan with only warnings can be used: exit code 0."""
    result = runner.invoke(app, ["plan", "--check", str(cycle[2])])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1].endswith("0 problems to fix, 1 warning.")


def test_compare_over_time_with_a_plan(cycle: tuple[Path, Path, Path], tmp_path: Path) -> None:
    """The comparison report carries the plan's progress section; axe finds nothing."""
    baseline, follow_up, plan = cycle
    out = tmp_path / "change.html"
    args = ["compare", str(baseline), str(follow_up), "--over-time", "--plan", str(plan)]
    result = runner.invoke(app, [*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "'D2' is no longer in the plan" in result.stderr
    html = out.read_text(encoding="utf-8")
    assert "Progress on the action plan" in html
    assert "cannot show that the actions caused the change" in html
    assert "Sam Jones" not in html and "No budget for expenses" not in html  # owners and notes
    table = html.split('class="progress-table')[1].split("</table>")[0]
    shown = [
        re.findall(r"<t[hd][^>]*>(?:<a [^>]*>)?([^<]*)", row)[:6] for row in table.split("<tr>")[2:]
    ]
    doc = (Path(__file__).parent.parent / "docs" / "plan.md").read_text(encoding="utf-8")
    worked = doc.split("<!-- plan-worked-example -->")[1].split("\n\n")[0].splitlines()[3:]
    for line, cells in zip(worked, shown, strict=True):
        c = [x.strip() for x in line.strip().strip("|").split("|")]
        verdict = c[5] + (f"; {c[6]}" if c[6] else "")
        assert [x.strip() for x in cells] == [*c[:5], verdict]
    assert_accessible(out)


@pytest.mark.parametrize(
    ("extra", "message"),
    [(["--format", "csv"], "goes with --format html or pdf"), ([], "goes with --over-time")],
)
def test_compare_plan_needs_over_time_and_a_report(
    cycle: tuple[Path, Path, Path], extra: list[str], message: str
) -> None:
    """--plan without --over-time, or with a table format, is a usage error (exit code 2)."""
    baseline, follow_up, plan = cycle
    over = ["--over-time"] if extra else []
    result = runner.invoke(
        app, ["compare", str(baseline), str(follow_up), *over, *extra, "--plan", str(plan)]
    )
    assert result.exit_code == 2 and message in result.output


def test_report_with_a_plan_bad_cells_stop_it(
    cycle: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """report --plan with a cell to fix lists it and stops with exit code 10, writing nothing."""
    _, follow_up, plan = cycle
    put(plan, "Actions", "A1", "Due date", "31/02/2027")
    response = sorted((follow_up / "responses").iterdir())[0]
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", str(response), "--plan", str(plan), "--out", str(out)])
    assert result.exit_code == 10, result.output
    assert "row 8, column I (Due date): '31/02/2027' is not a date on the calendar" in result.stderr
    assert "1 cell in the plan must be fixed first." in result.stderr
    assert not out.exists()


def test_report_with_a_plan_shows_its_progress(
    cycle: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """A single follow-up report gets the section, in Welsh too, with no owners or notes."""
    _, follow_up, plan = cycle
    response = sorted((follow_up / "responses").iterdir())[2]
    out = tmp_path / "r.html"
    result = runner.invoke(
        app, ["report", str(response), "--plan", str(plan), "--out", str(out), "--lang", "en+cy"]
    )
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "Cynnydd ar y cynllun gweithredu" in html and "Progress on the action plan" in html
    assert 'id="cy-plan-progress"' in html and 'id="en-plan-progress"' in html
    assert "Sam Jones" not in html
    assert_accessible(out)


def test_report_with_another_questionnaire_plan_is_a_mismatch(
    cycle: tuple[Path, Path, Path],
) -> None:
    """A plan for another questionnaire: exit code 4 and what it was made for."""
    result = runner.invoke(app, ["report", str(EXAMPLE), "--plan", str(cycle[2])])
    assert result.exit_code == 4
    assert "the plan is for 'tiny' version 1.0; the follow-up answers 'starter' version 1.0." in (
        result.stderr
    )


@pytest.mark.parametrize("lang", ["en", "cy", "en+cy"])
def test_you_said_we_did_page(cycle: tuple[Path, Path, Path], tmp_path: Path, lang: str) -> None:
    """The page says what the room said, what was done and what is next; names no one; axe-clean."""
    out = tmp_path / "ysw.html"
    result = runner.invoke(
        app, ["plan", "--you-said-we-did", str(cycle[2]), "--lang", lang, "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out)
    html = out.read_text(encoding="utf-8")
    if lang != "cy":
        for text in (
            "You said, we did",
            "In January 2026, 3 people gave their time",
            "Sharing power (on average 25 out of 100)",
            "Do people share real decisions?",
            "Ask people what matters to them at every first meeting.",
            "(by April 2026)",
            "What we decided not to do",
        ):
            assert text in html
    if lang != "en":
        assert "Dywedoch chi, gwnaethom ni" in html and "Ym mis Ionawr 2026" in html
        assert '<span lang="en">Do people share real decisions?</span>' in html
        assert "Cyfieithiad drafft" in html
    assert "Sam Jones" not in html and "No budget" not in html
    assert_accessible(out)


def test_you_said_we_did_pdf_is_tagged_one_per_language(
    cycle: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """Bilingual PDF: one tagged file per language, each with its /Lang, at most two pages."""
    out = tmp_path / "ysw"
    result = runner.invoke(
        app,
        [
            "plan",
            "--you-said-we-did",
            str(cycle[2]),
            "--format",
            "pdf",
            "--lang",
            "en+cy",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    for code in ("cy", "en"):
        reader = PdfReader(BytesIO((tmp_path / f"ysw-{code}.pdf").read_bytes()))
        root = reader.trailer["/Root"]
        assert root["/Lang"] == code and "/StructTreeRoot" in root
        assert len(reader.pages) <= 2


def test_csv_plan_without_its_link_line_is_refused(tmp_path: Path) -> None:
    """A CSV plan without its link line cannot be tied to a round: exit code 10, how to fix."""
    _, baseline, _ = write_rounds(tmp_path)
    plan = tmp_path / "p.csv"
    runner.invoke(app, ["plan", str(baseline), "--out", str(plan)])
    lines = plan.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    plan.write_text("".join(line for line in lines if not line.startswith("coprod plan")))
    result = runner.invoke(app, ["plan", "--check", str(plan)])
    assert result.exit_code == 10
    assert "the plan has lost its link to its questionnaire and round" in result.stderr
    assert "Traceback" not in result.output
