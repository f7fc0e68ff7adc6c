"""Every survey tool's export, in its own layout, gives the same scores as coprod's template."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from coprod.batch.run import BatchResult, run_batch
from coprod.batch.write import stats_to_data, write_batch
from coprod.cli import app
from coprod.questionnaire.load import load_questionnaire
from coprod.sheets.read import read_sheets
from tests.toolsheets import FIXTURES, TOOLS, rows_of, run, write_rows


@pytest.fixture(scope="module")
def template() -> BatchResult:
    """The same 30 people typed into coprod's own template."""
    return run("template.csv")


@pytest.mark.parametrize(("name", "map_name", "tool", "header_rows"), FIXTURES)
def test_each_tool_gives_the_templates_scores(
    name: str, map_name: str | None, tool: str, header_rows: int, template: BatchResult
) -> None:
    """30 people, number for number: every score, every group figure, no problem."""
    result = run(name, map_name)
    assert [(u.tool, u.header_rows, u.rows) for u in result.sheets.understood] == [
        (tool, header_rows, 30)
    ]
    assert result.problems == []
    assert [o.score for o in result.scores.overall] == [o.score for o in template.scores.overall]
    assert result.scores.principles == template.scores.principles
    assert result.scores.questions == template.scores.questions
    assert stats_to_data(result.stats) == stats_to_data(template.stats)
    assert [result.label(k) for k in range(30)] == [template.label(k) for k in range(30)]


@pytest.mark.parametrize(
    ("name", "personal"),
    [
        ("surveymonkey-expanded.csv", "E 'IP Address': personal data, not kept"),
        ("qualtrics-text.csv", "D 'IP Address': personal data, not kept"),
        ("jotform.csv", "'IP': personal data, not kept"),
        ("smartsurvey.csv", "D 'IP Address': personal data, not kept"),
    ],
)
def test_dry_run_says_what_was_understood_and_nothing_else(
    name: str, personal: str, tmp_path: Path
) -> None:
    """--dry-run prints the layout, matches, columns not used and the cells; writes nothing."""
    out = tmp_path / "out"
    got = CliRunner().invoke(
        app,
        ["batch", str(TOOLS / name), "-q", "coproduction@1.0", "--dry-run", "--out", str(out)],
        env={"COLUMNS": "200"},
    )
    assert got.exit_code == 0, got.output
    assert "What coprod understood" in got.output
    assert "30 people" in got.output
    assert personal in got.output
    assert "Questions: 35 of 35 matched" in got.output
    assert "Everyone (" not in got.output
    assert not out.exists()


def test_microsoft_forms_own_name_question_is_the_participant() -> None:
    """The form's 'Your name' is kept; the export's own Name column is not the participant."""
    result = run("microsoft-forms.xlsx")
    assert result.label(0) == "Aled"
    not_used = {u.column: u.reason for u in result.sheets.understood[0].not_used}
    assert not_used["E"].startswith("personal data, not kept: the form tool's own record")


def test_completed_is_the_sheets_time_never_the_run_time(tmp_path: Path) -> None:
    """Google Forms' '2026/01/13 9:30:00 AM GMT' is the completion time; none means none."""
    result = run("google-forms.csv")
    write_batch(result, tmp_path, ["csv"])
    first = (tmp_path / "responses" / "participant-0001.yaml").read_text(encoding="utf-8")
    assert "completed: '2026-01-13T09:47:00+00:00'" in first
    result = run("citizen-space.csv")
    assert result.sheets.meta["completed"][0] == "2026-01-13T09:47:00"


def test_messy_google_forms(tmp_path: Path) -> None:
    """A typo, a blank, an 'Other' and a repeated submission, each with its problem line."""
    rows = rows_of("google-forms.csv")
    head = rows[0]
    barriers = next(
        j for j, h in enumerate(head) if h.startswith("Which of these does the service routinely")
    )
    offer = next(
        j for j, h in enumerate(head) if h.startswith("People are asked what they could offer")
    )
    rows[1][offer] = "Growng"
    rows[2][offer] = ""
    rows[3][barriers] = rows[3][barriers] + ", a walking group"
    rows.append(list(rows[5]))
    result = run_batch([write_rows(tmp_path / "messy.csv", rows)], "coproduction@1.0")
    lines = [str(p) for p in result.problems]
    assert any(
        line.startswith("messy.csv, row 2, column F (")
        and "'Growng' is not a level of this scale" in line
        for line in lines
    ), lines
    assert any(
        line.startswith("messy.csv, row 4, column")
        and "'a walking group' is not one of the choices, so it is kept as the answer's note"
        in line
        for line in lines
    ), lines
    assert any(
        line.startswith(
            "messy.csv, row 32, column C (Your name): 'Elin' is the same participant as "
            "messy.csv, row 6; both rows are scored."
        )
        for line in lines
    ), lines
    assert len(lines) == 3, lines
    assert result.sheets.cells["incl_barriers"][2].note == "a walking group"


def test_messy_surveymonkey_other_column_is_the_note(tmp_path: Path) -> None:
    """SurveyMonkey's 'Other (please specify)' text is the note; a stray mark is a problem."""
    rows = rows_of("surveymonkey-expanded.csv")
    other = rows[1].index("Other (please specify)")
    rows[2][other] = "A walking group"
    rows[3][other - 1] = "maybe"
    path = write_rows(tmp_path / "monkey.csv", rows)
    result = run_batch([path], "coproduction@1.0")
    assert result.sheets.notes["incl_barriers"][0] == "A walking group"
    lines = [str(p) for p in result.problems]
    assert lines == [
        "monkey.csv, row 4, column "
        f"{_letter(other - 1)}: 'maybe' is not a tick for the option "
        "'Go to where people already are, such as community groups and events', so it is not "
        "counted. Fix: Leave it blank when not chosen; write the option, 1 or Yes when chosen."
    ]
    c = result.sheets.cell_counts
    assert (c.problems, c.non_empty) == (1, c.answers + c.metadata + c.not_kept + 1)


def _letter(j: int) -> str:
    from coprod.sheets.columns import column_letter

    return column_letter(j)


def test_ambiguous_dates_warn_once_and_date_order_settles_them(tmp_path: Path) -> None:
    """Dates that could be either way: one warning per column; --date-order decides."""
    q = load_questionnaire("coproduction@1.0").questionnaire
    sheet = write_rows(
        tmp_path / "d.csv",
        [["Timestamp", "assets_strengths"], ["03/04/2026 10:00", "3"], ["05/06/2026 11:00", "2"]],
    )
    sheets = read_sheets([sheet], q)
    warned = [str(p) for p in sheets.problems if "day first or month first" in p.message]
    assert len(warned) == 1
    assert warned[0].startswith("d.csv, row 2, column A (Timestamp): every date in this column")
    assert sheets.meta["completed"][0] == "2026-04-03T10:00:00"
    us = read_sheets([sheet], q, date_order="mdy")
    assert us.meta["completed"][0] == "2026-03-04T10:00:00"
    assert not [p for p in us.problems if "day first or month first" in p.message]


def test_a_day_over_12_settles_a_column(tmp_path: Path) -> None:
    """'10/9/2024' beside '9/13/2024' is 9 October: the column says month first."""
    q = load_questionnaire("coproduction@1.0").questionnaire
    sheet = write_rows(
        tmp_path / "d.csv",
        [
            ["Completion time", "assets_strengths"],
            ["10/9/2024 10:00", "3"],
            ["9/13/2024 10:00", "2"],
        ],
    )
    sheets = read_sheets([sheet], q)
    assert sheets.meta["completed"] == ["2024-10-09T10:00:00", "2024-09-13T10:00:00"]
    assert [p for p in sheets.problems if p.column != "-"] == []


def test_fixtures_are_what_the_script_writes(tmp_path: Path) -> None:
    """The committed fixtures are exactly what tests/fixtures/tools/make_fixtures.py writes."""
    from tests.fixtures.tools.make_fixtures import write_all

    for path in write_all(tmp_path):
        if path.suffix != ".xlsx":  # a workbook stores the time it was saved
            assert path.read_bytes() == (TOOLS / path.name).read_bytes(), path.name


def _index(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number - 1


TYPO = "the row is scored without it"
SAME = "both rows are scored"
OTHER = "kept as the answer's note ('Other')"
# Per tool: (row, column, value, how the problem ends or what it says) for: a misspelt level
# for person 1, a blank for person 2 (no problem: unanswered), "a walking group" typed as
# 'Other' for person 3 (its own column where the tool has one: no problem), and person 5's
# row submitted twice. The rows move down by the tool's header rows.


MESSY = [
    (
        "google-forms.csv",
        None,
        [(2, "F", "Growng", TYPO), (4, "W", "a walking group", OTHER), (32, "C", "Elin", SAME)],
    ),
    (
        "google-sheets-us.csv",
        None,
        [(2, "F", "Growng", TYPO), (4, "W", "a walking group", OTHER), (32, "C", "Elin", SAME)],
    ),
    (
        "microsoft-forms-excel.csv",
        None,
        [(2, "J", "Growng", TYPO), (4, "AA", "a walking group", OTHER), (32, "G", "Elin", SAME)],
    ),
    ("surveymonkey-expanded.csv", None, [(3, "M", "Growng", TYPO), (33, "J", "Elin", SAME)]),
    (
        "surveymonkey-condensed.csv",
        None,
        [(3, "M", "Growng", TYPO), (5, "AD", "a walking group", OTHER), (33, "J", "Elin", SAME)],
    ),
    ("qualtrics-text.csv", None, [(4, "U", "Growng", TYPO), (34, "R", "Elin", SAME)]),
    (
        "qualtrics-numeric.csv",
        "qualtrics-numeric.map.yaml",
        [(4, "U", "9", TYPO), (34, "R", "Elin", SAME)],
    ),
    ("smartsurvey.csv", None, [(3, "K", "Growng", TYPO), (33, "H", "Elin", SAME)]),
    ("citizen-space.csv", None, [(2, "F", "Growng", TYPO), (32, "C", "Elin", SAME)]),
    ("typeform.csv", None, [(2, "E", "Growng", TYPO), (32, "B", "Elin", SAME)]),
    (
        "jotform.csv",
        None,
        [(2, "E", "Growng", TYPO), (4, "V", "a walking group", OTHER), (32, "B", "Elin", SAME)],
    ),
    ("kobo-codes.csv", None, [(2, "F", "Growng", TYPO), (32, "C", "Elin", SAME)]),
    ("kobo-labels.csv", None, [(2, "F", "Growng", TYPO), (32, "C", "Elin", SAME)]),
    (
        "limesurvey-codes.csv",
        "limesurvey-codes.map.yaml",
        [(2, "K", "9", TYPO), (32, "H", "Elin", SAME)],
    ),
    ("limesurvey-text.csv", None, [(2, "K", "Growng", TYPO), (32, "H", "Elin", SAME)]),
]


@pytest.mark.parametrize(("name", "map_name", "expected"), MESSY)
def test_messy_variants_give_their_problem_lines(
    name: str, map_name: str | None, expected: list[tuple[int, str, str, str]], tmp_path: Path
) -> None:
    """A typo, a blank, an 'Other' and a repeated submission in each tool's own layout."""
    clean = run(name, map_name)
    header_rows = clean.sheets.understood[0].header_rows
    where = {m.target: _index(m.column.split("-")[0]) for m in clean.sheets.columns}
    delimiter = ";" if name.startswith("kobo") else ","
    rows = rows_of(name, delimiter)
    typo = "9" if map_name else "Growng"
    rows[header_rows][where["assets_offer"]] = typo
    rows[header_rows + 1][where["assets_offer"]] = ""
    if "note:incl_barriers" in where:
        rows[header_rows + 2][where["note:incl_barriers"]] = "a walking group"
    elif "incl_barriers" in where:
        cell = rows[header_rows + 2][where["incl_barriers"]]
        sep = {"microsoft-forms-excel.csv": "", "jotform.csv": "\n"}.get(name, ", ")
        end = ";" if not sep else ""
        rows[header_rows + 2][where["incl_barriers"]] = f"{cell}{sep}a walking group{end}"
    rows.append(list(rows[header_rows + 4]))
    messy = write_rows(tmp_path / name, rows, delimiter)
    result = run_batch([messy], "coproduction@1.0", TOOLS / map_name if map_name else None)
    found = [(p.row, p.column.split(" ")[0], p.value, p.message) for p in result.problems]
    assert [(r, c, v) for r, c, v, _ in found] == [(r, c, v) for r, c, v, _ in expected]
    for (_, _, _, message), (_, _, _, says) in zip(found, expected, strict=True):
        assert says in message
    notes = result.sheets.notes.get("incl_barriers")
    cell = result.sheets.cells["incl_barriers"][2]
    if any(says == OTHER for *_, says in expected) or notes:
        assert (notes[2] if notes else cell.note) == "a walking group"  # type: ignore[union-attr]
    assert cell.value  # the ticked choices still count
    assert result.sheets.cells["assets_offer"][1] is None
    c = result.sheets.cell_counts
    assert c.non_empty == c.answers + c.metadata + c.not_kept + c.problems
    assert c.problems == 1  # the misspelt level: the Other note and the repeat are still used


def test_grid_rows_are_questions_of_their_own(tmp_path: Path) -> None:
    """A Google Forms grid column 'Title [statement]' is the statement's question."""
    q = load_questionnaire("coproduction@1.0").questionnaire
    text = next(qn for qn in q.questions if qn.id == "assets_offer").text["en"]
    sheet = write_rows(
        tmp_path / "grid.csv", [["Timestamp", f"People as assets [{text}]"], ["", "4"]]
    )
    sheets = read_sheets([sheet], q)
    assert sheets.cells["assets_offer"][0].value == 4  # type: ignore[union-attr]


def test_a_date_order_that_is_neither_is_refused() -> None:
    """--date-order takes dmy or mdy only: anything else is a usage error, exit 2."""
    got = CliRunner().invoke(
        app, ["batch", str(TOOLS / "template.csv"), "-q", "coproduction@1.0", "--date-order", "ymd"]
    )
    assert got.exit_code == 2
    assert "use dmy (day first) or mdy (month first)" in got.output


@pytest.mark.parametrize(
    ("name", "personal"),
    [
        ("google-forms.csv", "@example.org"),
        ("surveymonkey-expanded.csv", "192.0.2."),
        ("qualtrics-text.csv", "192.0.2."),
        ("jotform.csv", "203.0.113."),
        ("smartsurvey.csv", "198.51.100."),
    ],
)
def test_personal_data_is_never_written(name: str, personal: str, tmp_path: Path) -> None:
    """Email and IP addresses are read (emails to spot repeats) but in no output file."""
    result = run(name)
    write_batch(result, tmp_path, ["csv", "xlsx", "json"])
    import zipfile

    for path in tmp_path.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".xlsx":
                with zipfile.ZipFile(path) as book:
                    data = b"".join(book.read(n) for n in book.namelist())
            assert personal.encode() not in data, path


@pytest.mark.parametrize(
    ("name", "edit", "header_rows"),
    [
        ("surveymonkey-condensed.csv", lambda rows: [r[9:] for r in rows], 2),
        ("qualtrics-text.csv", lambda rows: [rows[0], rows[1], *rows[3:]], 2),
    ],
)
def test_header_rows_are_found_without_the_tools_own_columns(
    name: str, edit: object, header_rows: int, tmp_path: Path, template: BatchResult
) -> None:
    """A SurveyMonkey sheet with its own columns deleted, a Qualtrics one without ImportIds."""
    assert callable(edit)
    sheet = write_rows(tmp_path / name, edit(rows_of(name)))
    result = run_batch([sheet], "coproduction@1.0", by="perspective")
    assert [u.header_rows for u in result.sheets.understood] == [header_rows]
    assert result.sheets.counts.read == 30
    assert [o.score for o in result.scores.overall] == [o.score for o in template.scores.overall]
