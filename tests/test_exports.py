"""Output files are safe to open in a spreadsheet and never half-written."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from coprod.files.tables import Sheet, neutralise, write_csv, write_json, write_xlsx

DANGEROUS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_neutralise_prefixes_formula_starts(text: str) -> None:
    """Text that a spreadsheet could run as a formula gets a leading apostrophe."""
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["Ann", "3 - Growing", 42, -3.5, None, ""])
def test_neutralise_leaves_safe_values(value: str | int | float | None) -> None:
    """Ordinary text and numbers (even negative ones) are left alone."""
    assert neutralise(value) == value


def test_csv_cells_are_neutralised(tmp_path: Path) -> None:
    """Every dangerous text cell in a CSV starts with an apostrophe; numbers stay numbers."""
    path = tmp_path / "out.csv"
    write_csv(path, ["name", "score"], [[t, -5] for t in DANGEROUS])
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert [r[0] for r in rows[1:]] == ["'" + t for t in DANGEROUS]
    assert {r[1] for r in rows[1:]} == {"-5"}
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


def test_xlsx_cells_are_text_not_formulas(tmp_path: Path) -> None:
    """In XLSX every dangerous text cell is stored as text with an apostrophe, not a formula."""
    from openpyxl import load_workbook

    path = tmp_path / "out.xlsx"
    write_xlsx(path, [Sheet("Scores", ["=name", "score"], [[t, 1.5] for t in DANGEROUS])])
    ws = load_workbook(path)["Scores"]
    assert ws["A1"].value == "'=name"
    for i, text in enumerate(DANGEROUS, 2):
        cell = ws.cell(row=i, column=1)
        assert cell.data_type == "s"
        # XML turns a lone CR into a newline; what matters is the apostrophe in front
        assert cell.value.replace("\n", "\r") == "'" + text.replace("\n", "\r")
        assert ws.cell(row=i, column=2).value == 1.5


def test_json_is_written_atomically(tmp_path: Path) -> None:
    """JSON output is UTF-8 and complete."""
    path = tmp_path / "out.json"
    write_json(path, {"name": "Siân", "score": 62.5})
    assert json.loads(path.read_text(encoding="utf-8")) == {"name": "Siân", "score": 62.5}
