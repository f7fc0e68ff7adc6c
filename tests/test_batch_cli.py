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
    """Each person's response file gives coprod score the same overall as the batch."""
    sheet = google_forms_csv(tmp_path)
    out = tmp_path / "out"
    runner.invoke(app, ["batch", str(sheet), "-q", str(small), "--out", str(out), "-f", "csv"])
    files = sorted((out / "responses").glob("*.yaml"))
    assert [f.name for f in files][:2] == ["0001-ann.yaml", "0002-bob.yaml"]
    assert [score_file(f).scores.overall for f in files] == EXPECTED_OVERALL
    assert score_file(files[0]).response.respondent.perspective == "staff"


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
        "1 empty; 5 people scored." in result.output
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
            "a1: Do you ask what people can offer?",
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
