"""Every non-empty cell of a sheet accounted for once; spreadsheets past the limits refused."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from coprod.cli import app
from coprod.i18n.words import BLANK
from coprod.questionnaire.load import load_questionnaire
from coprod.sheets.read import read_sheets
from tests.toolsheets import FIXTURES, TOOLS, run, write_rows


@pytest.mark.parametrize(("name", "map_name", "tool", "header_rows"), FIXTURES)
def test_every_cell_is_accounted_for(
    name: str, map_name: str | None, tool: str, header_rows: int
) -> None:
    """Answers + metadata + not kept + problems = the non-empty cells under the headers."""
    result = run(name, map_name)
    c = result.sheets.cell_counts
    assert c.non_empty == c.answers + c.metadata + c.not_kept + c.problems
    if name.endswith(".csv"):
        delimiter = ";" if name.startswith("kobo") else ","
        text = (TOOLS / name).read_text(encoding="utf-8-sig")
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))[header_rows:]
        assert c.non_empty == sum(_filled(cell) for row in rows for cell in row)
    assert c.problems == 0


def _filled(cell: str) -> bool:
    return " ".join(cell.split()) not in BLANK


HEADERS = st.sampled_from(
    ["assets_strengths", "assets_offer", "incl_barriers", "Timestamp", "IP Address",
     "Shoe size", "", "perspective", "recip_policy", "participant"]
)  # fmt: skip


CELLS = st.sampled_from(
    ["", "3", "Growing", "junk", "-", " ", "N/A", "Yes", "Staff", "maybe", "2026-01-13",
     "Costs covered, other stuff", "13/01/2026 10:00", "1"]
)  # fmt: skip


#: Header rows as each kind of tool writes them, above the generated columns.
LAYOUTS = {
    "plain": ([], 1),
    "surveymonkey": (["Respondent ID", "Collector ID"], 2),
    "qualtrics": (["StartDate", "EndDate", "ResponseId"], 3),
    "kobo": (["start", "end", "_uuid"], 1),
}


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    layout=st.sampled_from(sorted(LAYOUTS)),
    header=st.lists(HEADERS, min_size=1, max_size=7),
    body=st.lists(st.lists(CELLS, min_size=0, max_size=12), min_size=1, max_size=8),
)
def test_generated_sheets_account_for_every_cell(
    layout: str,
    header: list[str],
    body: list[list[str]],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Random layouts, blanks and junk: the four kinds of cell add up to the non-empty cells."""
    questions = ("assets_strengths", "assets_offer", "incl_barriers", "recip_policy")
    if not any(h in questions for h in header):
        header = [*header, "assets_strengths"]
    tool, header_rows = LAYOUTS[layout]
    top = [*tool, *header]
    heads = [top]
    if header_rows >= 2:  # a second row: option labels or question text under the first
        heads.append(["", *["Response" if h else "Costs covered" for h in top[1:]]])
    if header_rows == 3:
        heads.append([f'{{"ImportId":"QID{k}"}}' for k in range(len(top))])
    folder = tmp_path_factory.mktemp("gen")
    path = write_rows(folder / "gen.csv", [*heads, *body])
    q = load_questionnaire("coproduction@1.0").questionnaire
    sheets = read_sheets([path], q)
    assert [u.header_rows for u in sheets.understood] == [header_rows]
    c = sheets.cell_counts
    assert c.non_empty == c.answers + c.metadata + c.not_kept + c.problems
    rows = [r for r in body if "".join(r).strip()]
    assert c.non_empty == sum(_filled(cell) for row in rows for cell in row)


def _zip(path: Path, entries: dict[str, bytes]) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, data in entries.items():
            book.writestr(name, data)
    return path


def test_a_sheet_declaring_too_many_cells_is_refused_with_its_name(tmp_path: Path) -> None:
    """A workbook whose sheet spans A1:XFD1048576 is refused from its zip directory, exit 3."""
    sheet = b'<worksheet xmlns="x"><dimension ref="A1:XFD1048576"/><sheetData/></worksheet>'
    book = _zip(tmp_path / "huge.xlsx", {"xl/worksheets/sheet1.xml": sheet})
    got = CliRunner().invoke(app, ["batch", str(book), "-q", "coproduction@1.0", "--dry-run"])
    assert got.exit_code == 3
    assert f"{book}: sheet1 spans 17,179,869,184 cells (A1:XFD1048576), more than coprod" in (
        " ".join(got.output.split())
    )
    assert "Traceback" not in got.output


def test_a_sheet_that_unpacks_too_big_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past MAX_UNPACKED_BYTES the file is refused, named, before anything is unpacked."""
    from coprod.sheets import files

    monkeypatch.setattr(files, "MAX_UNPACKED_BYTES", 1_000_000)
    book = _zip(tmp_path / "bomb.xlsx", {"xl/sharedStrings.xml": b"0" * 2_000_000})
    got = CliRunner().invoke(app, ["batch", str(book), "-q", "coproduction@1.0"])
    assert got.exit_code == 3
    assert f"{book}: unpacks to 2 MB, more than coprod reads (1 MB)." in " ".join(
        got.output.split()
    )
