"""`coprod template` and `coprod batch` as a trainer meets them: files, messages and exit codes."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coprod.api import score_file
from coprod.cli import app
from coprod.errors import EXIT_CODES
from coprod.responses.checkline import State
from coprod.responses.files import read_response
from tests.sheetfixtures import google_forms_csv
from tests.test_sheets import EXPECTED_OVERALL, MESSY

runner = CliRunner()


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_clean_batch_exits_0_and_writes_every_output(small: Path, tmp_path: Path) -> None:
    """A clean sheet: exit 0, scores, stats and problems in CSV, XLSX and JSON, response files."""
    sheet = google_forms_csv(tmp_path)
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["batch", str(sheet), "-q", str(small), "--by", "perspective", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "Read 6 rows from 1 sheet: 6 clean, 0 with problems" in result.output
    names = {p.name for p in out.iterdir()}
    assert {
        "scores.csv",
        "group-stats.csv",
        "problems.csv",
        "perspective-gaps.csv",
        "batch.xlsx",
        "batch.json",
        "responses",
    } <= names
    scores = _rows(out / "scores.csv")
    assert [float(r["overall"]) for r in scores] == EXPECTED_OVERALL
    assert [r["perspective"] for r in scores][:3] == ["staff", "staff", "lived_experience"]
    gaps = _rows(out / "perspective-gaps.csv")
    assert {g["id"] for g in gaps} == {"assets", "overall", "power", "p1"}
    data = json.loads((out / "batch.json").read_text(encoding="utf-8"))
    assert data["counts"]["read"] == 6
    assert _rows(out / "problems.csv") == []


def test_response_files_score_like_the_batch(small: Path, tmp_path: Path) -> None:
    """Each person's response file, numbered and never named after them, scores like the batch."""
    sheet = google_forms_csv(tmp_path)
    out = tmp_path / "out"
    runner.invoke(app, ["batch", str(sheet), "-q", str(small), "--out", str(out), "-f", "csv"])
    files = sorted((out / "responses").glob("*.yaml"))
    assert [f.name for f in files][:2] == ["participant-0001.yaml", "participant-0002.yaml"]
    assert not any(name in f.name.casefold() for f in files for name in ("ann", "bob", "fay"))
    assert [score_file(f).scores.overall for f in files] == EXPECTED_OVERALL
    assert score_file(files[0]).response.respondent.perspective == "staff"
    # each file ends with its check line, so a copy cut short later is refused
    assert {read_response(f).check.state for f in files} == {State.whole}


def test_problems_exit_7_and_are_listed(small: Path, tmp_path: Path) -> None:
    """Bad cells: exit 7 (documented), problems on stderr and in problems.csv, the rest scored."""
    assert 7 in EXIT_CODES
    sheet = tmp_path / "messy.csv"
    sheet.write_text(MESSY, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["batch", str(sheet), "-q", str(small), "--out", str(out), "-f", "csv"]
    )
    assert result.exit_code == 7
    assert (
        "messy.csv, row 3, column C (a1): '7' is not a level of this scale (1 to 5)"
        in result.output
    )
    assert (
        "Read 6 rows from 1 sheet: 1 clean, 4 with problems (scored with their good answers), "
        "1 with no readable answers; 5 people scored." in result.output
    )
    problems = _rows(out / "problems.csv")
    assert {(p["row"], p["column"]) for p in problems} >= {("3", "C (a1)"), ("5", "E (p1)")}
    assert len(_rows(out / "scores.csv")) == 5


def test_nothing_usable_exits_1(small: Path, tmp_path: Path) -> None:
    """No column matching a question: exit 1 and a message that says how to fix it."""
    sheet = tmp_path / "other.csv"
    sheet.write_text("colour\nred\n", encoding="utf-8")
    result = runner.invoke(
        app, ["batch", str(sheet), "-q", str(small), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 1
    assert "no column matches a question of 'small'" in result.output


def test_missing_sheet_exits_3(small: Path, tmp_path: Path) -> None:
    """A sheet that does not exist is a file error (exit 3)."""
    result = runner.invoke(app, ["batch", str(tmp_path / "nope.csv"), "-q", str(small)])
    assert result.exit_code == 3
    assert "nope.csv: no such file" in result.output


def test_no_spinner_when_not_a_terminal(small: Path, tmp_path: Path) -> None:
    """When stderr is not a terminal, nothing but messages is printed there."""
    sheet = google_forms_csv(tmp_path)
    result = runner.invoke(
        app, ["batch", str(sheet), "-q", str(small), "--out", str(tmp_path / "o"), "--json"]
    )
    assert "Reading" not in result.output
    assert '"everyone"' in result.output


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_template_round_trip(fmt: str, small: Path, tmp_path: Path) -> None:
    """A blank template, filled in as a trainer would, is read back by coprod batch cleanly."""
    path = tmp_path / f"blank.{fmt}"
    result = runner.invoke(app, ["template", str(small), "--format", fmt, "--out", str(path)])
    assert result.exit_code == 0, result.output
    people = [
        [
            "Ann",
            "Org",
            "Housing",
            "staff",
            "3 - Developing",
            "4 - Established",
            "Yes",
            "2 - Starting",
            "x",
        ]
    ]
    if fmt == "csv":
        header = next(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
        assert header[:5] == [
            "participant",
            "organisation",
            "service",
            "perspective",
            "a1: 1.1 Do you ask what people can offer?",
        ]
        with path.open("a", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(people)
    else:
        from openpyxl import load_workbook

        book = load_workbook(path)
        assert book.sheetnames == ["Answers", "Questions", "Lists"]
        answers = book["Answers"]
        lists = [dv.sqref for dv in answers.data_validations.dataValidation]
        assert len(lists) == 5  # perspective, a1, a2, p1, p2 (p3 is free text)
        guide = [[c.value for c in row] for row in book["Questions"].iter_rows(min_row=2)]
        assert guide[0][0] == "a1" and "1 Not yet" in guide[0][4]
        for row in people:
            answers.append(row)
        book.save(path)
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["batch", str(path), "-q", str(small), "--out", str(out), "-f", "csv"]
    )
    assert result.exit_code == 0, result.output
    assert [float(r["overall"]) for r in _rows(out / "scores.csv")] == [63.9]


def test_template_rejects_unknown_format(small: Path) -> None:
    """--format pdf is not there yet and says which formats are."""
    result = runner.invoke(app, ["template", str(small), "--format", "doc"])
    assert result.exit_code == 2
    assert "csv, xlsx" in result.output


ROUNDS = """\
participant,perspective,round,Table,a1,a2
P1,staff,Baseline,T1,3,3
P2,staff,Baseline,T1,4,4
P3,staff,Baseline,T2,2,2
P4,lived experience,Review,T2,1,1
P5,lived experience,Review,T2,5,5
P6,lived experience,Review,T1,1,2
"""


@pytest.mark.parametrize(
    ("by", "groups"),
    [("Table", {"T1": 3, "T2": 3}), ("group", {"Baseline": 3, "Review": 3})],
)
def test_by_groups_by_exactly_the_named_column(
    small: Path, tmp_path: Path, by: str, groups: dict[str, int]
) -> None:
    """--by Table groups by Table, not by round; --by group reads the round column."""
    sheet = tmp_path / "rounds.csv"
    sheet.write_text(ROUNDS, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["batch", str(sheet), "-q", str(small), "--by", by, "-o", str(out), "-f", "json"]
    )
    data = json.loads((out / "batch.json").read_text(encoding="utf-8"))
    assert {g["name"]: g["people"] for g in data["stats"]["groups"]} == groups, result.output


def test_by_a_missing_column_is_an_error_naming_the_columns(small: Path, tmp_path: Path) -> None:
    """--by Nope: exit 1 and one line saying which columns there are, not grouping by round."""
    sheet = tmp_path / "rounds.csv"
    sheet.write_text(ROUNDS, encoding="utf-8")
    result = runner.invoke(
        app, ["batch", str(sheet), "-q", str(small), "--by", "Nope", "-o", str(tmp_path / "o")]
    )
    assert result.exit_code == 1
    message = " ".join(result.output.split())
    assert "--by Nope: no column is headed 'Nope'" in message
    assert "'participant', 'perspective', 'round', 'Table'" in message


def test_response_files_carry_the_round_and_iso_times(small: Path, tmp_path: Path) -> None:
    """Without --by, each response keeps its round as its group and its times in ISO 8601."""
    sheet = tmp_path / "rounds.csv"
    stamps = ["10/01/2026 10:00:00", "46000", "", "", "", ""]
    lines = ROUNDS.splitlines()
    rows = [f"{stamp},{line}" for stamp, line in zip(["Timestamp", *stamps], lines, strict=True)]
    sheet.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    runner.invoke(app, ["batch", str(sheet), "-q", str(small), "-o", str(out), "-f", "csv"])
    responses = [score_file(f).response for f in sorted((out / "responses").glob("*.yaml"))]
    assert [r.respondent.group for r in responses] == ["Baseline"] * 3 + ["Review"] * 3
    assert [r.completed for r in responses[:2]] == ["2026-01-10T10:00:00", "2025-12-09T00:00:00"]


def test_json_holds_text_as_given_while_csv_is_neutralised(small: Path, tmp_path: Path) -> None:
    """A name like '=cmd|...' is plain text in batch.json and apostrophed only in scores.csv."""
    name = "=cmd|' /C calc'!A0"
    sheet = tmp_path / "evil.csv"
    sheet.write_text(f'participant,a1,a2\n"{name}",3,3\n', encoding="utf-8")
    out = tmp_path / "out"
    runner.invoke(app, ["batch", str(sheet), "-q", str(small), "-o", str(out), "-f", "csv,json"])
    data = json.loads((out / "batch.json").read_text(encoding="utf-8"))
    assert data["scores"][0]["participant"] == name
    assert _rows(out / "scores.csv")[0]["participant"] == "'" + name


PARTS_SHEET = """\
participant,perspective,e1,e2,age,f1
A,staff,3,2,young,3
B,staff,2,2,older,1
C,lived_experience,1,3,young,2
D,lived_experience,3,3,older,3
"""


def test_batch_leaves_unscored_parts_and_missing_overall_out(parts: Path, tmp_path: Path) -> None:
    """Unscored parts and a missing overall are in no table or column; their answers still are."""
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(PARTS_SHEET, encoding="utf-8")
    out = tmp_path / "out"
    args = ["batch", str(sheet), "-q", str(parts), "--out", str(out), "-f", "csv", "-f", "html"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "About you" not in result.stdout and "Overall" not in result.stdout
    with (out / "scores.csv").open(encoding="utf-8-sig") as handle:
        header = next(csv.reader(handle))
    assert header[-3:] == ["coverage", "problems", "event"]
    with (out / "group-stats.csv").open(encoding="utf-8-sig") as handle:
        rows = [(r["kind"], r["id"]) for r in csv.DictReader(handle)]
    assert rows == [("principle", "event"), *(("question", q) for q in ("e1", "e2", "age", "f1"))]
    page = (out / "group-report.html").read_text(encoding="utf-8")
    assert "The room&#39;s mean score" not in page and "Under 25" in page


@pytest.mark.parametrize("qid", ["feedback", "audit", "ladder"])
def test_new_builtins_go_from_template_to_group_report(qid: str, tmp_path: Path) -> None:
    """A blank template, filled in by 20 people, scores cleanly and makes a group report."""
    from tests.roomfixtures import batch_room

    result, out = batch_room(tmp_path, qid, "--by", "perspective", "-f", "html")
    assert "Read 20 rows from 1 sheet: 20 clean" in result.stderr
    page = (out / "group-report.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "<h1" in page


def test_feedback_group_report_shows_agreement_and_shared_answers(tmp_path: Path) -> None:
    """Feedback's group report gives % agree per statement and lists the shared open answers."""
    from tests.roomfixtures import batch_room

    result, out = batch_room(tmp_path, "feedback", "-f", "csv", "-f", "html")
    assert "Agreement with each statement" in result.stdout
    with (out / "group-stats.csv").open(encoding="utf-8-sig") as handle:
        rows = {r["id"]: r for r in csv.DictReader(handle)}
    shares = [float(rows["fb_support"][k]) for k in ("agree", "neutral", "disagree")]
    assert sum(shares) == pytest.approx(100, abs=0.2)
    assert "about_you" not in rows and "final_thoughts" not in rows
    page = (out / "group-report.html").read_text(encoding="utf-8")
    assert "<dt>Agree</dt>" in page and "The small groups." in page


AUDIENCE_SHEET = """\
participant,perspective,heard,budget,written
A,staff,5,5,5
B,staff,5,4,4
C,staff,4,5,5
D,lived_experience,1,,
E,lived_experience,1,,
F,lived_experience,2,1,
"""


def test_batch_marks_not_asked_and_compares_only_what_both_were_asked(
    audience: Path, tmp_path: Path
) -> None:
    """Others are 'not asked' staff-only questions; an answer anyway is a located warning."""
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(AUDIENCE_SHEET, encoding="utf-8")
    out = tmp_path / "out"
    args = ["batch", str(sheet), "-q", str(audience), "--by", "perspective", "--out", str(out)]
    result = runner.invoke(app, [*args, "-f", "csv"])
    assert result.exit_code == 7, result.output
    assert (
        "warning: sheet.csv, row 7, column budget: '1' is an answer to a question not asked of "
        "lived_experience, so it is left out of the scores (the response file keeps it)."
    ) in result.stderr
    with (out / "group-stats.csv").open(encoding="utf-8-sig") as handle:
        rows = {(r["group"], r["id"]): r for r in csv.DictReader(handle)}
    assert rows[("everyone", "budget")]["n"] == "3"
    assert rows[("everyone", "budget")]["not_asked"] == "3"
    assert rows[("everyone", "budget")]["unanswered"] == "0"
    with (out / "perspective-gaps.csv").open(encoding="utf-8-sig") as handle:
        gaps = [r["id"] for r in csv.DictReader(handle)]
    assert gaps == ["heard"]


@pytest.mark.parametrize(
    ("qid", "columns", "cell"),
    [
        ("audit", ["assets_marks", "overall_marks"], r"^\d+(\.\d)?$"),
        ("ladder", ["defining_level", "reviewing_level"], r"^[1-7] – [A-Z][a-z]+"),
        ("feedback", [], ""),
    ],
)
def test_scores_csv_says_each_score_as_the_report_does(
    tmp_path: Path, qid: str, columns: list[str], cell: str
) -> None:
    """An audit's scores.csv adds marks, a ladder's the rung; a percent questionnaire neither."""
    import re

    from tests.roomfixtures import batch_room

    _, out = batch_room(tmp_path, qid, "-f", "csv")
    with (out / "scores.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    extra = [h for h in rows[0] if h.endswith(("_marks", "_level"))]
    assert set(columns) <= set(extra) and bool(extra) == bool(columns)
    for name in columns:
        assert all(re.match(cell, r[name]) for r in rows if r[name]), name
    if qid == "audit":  # three statements marked 1 to 5: 3 + score/100 x 12
        assert all(
            float(r["assets_marks"]) == round(3 + float(r["assets"]) / 100 * 12, 1)
            for r in rows
            if r["assets"]
        )
