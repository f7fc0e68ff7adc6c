"""Every survey tool's export, in its own layout, gives the same scores as coprod's template."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from coprod.batch.run import BatchResult, run_batch
from coprod.batch.write import stats_to_data, write_batch
from coprod.cli import app
from coprod.i18n.words import BLANK
from coprod.questionnaire.load import load_questionnaire
from coprod.sheets.read import read_sheets

TOOLS = Path(__file__).parent / "fixtures" / "tools"

# file, map file, the layout coprod must recognise, header rows (docs/batch.md's table)
FIXTURES = [
    ("google-forms.csv", None, "Google Forms", 1),
    ("google-sheets-uk.csv", None, "Google Forms", 1),
    ("google-sheets-us.csv", None, "Google Forms", 1),
    ("microsoft-forms.xlsx", None, "Microsoft Forms", 1),
    ("microsoft-forms-excel.csv", None, "Microsoft Forms", 1),
    ("surveymonkey-expanded.csv", None, "SurveyMonkey (expanded)", 2),
    ("surveymonkey-condensed.csv", None, "SurveyMonkey (condensed)", 2),
    ("qualtrics-text.csv", None, "Qualtrics", 3),
    ("qualtrics-numeric.csv", "qualtrics-numeric.map.yaml", "Qualtrics", 3),
    ("smartsurvey.csv", None, "SmartSurvey", 2),
    ("citizen-space.csv", None, "Citizen Space", 1),
    ("typeform.csv", None, "Typeform", 1),
    ("jotform.csv", None, "Jotform", 1),
    ("kobo-codes.csv", None, "KoboToolbox/ODK", 1),
    ("kobo-labels.csv", None, "KoboToolbox/ODK", 1),
    ("limesurvey-codes.csv", "limesurvey-codes.map.yaml", "LimeSurvey", 1),
    ("limesurvey-text.csv", None, "LimeSurvey", 1),
]


def run(name: str, map_name: str | None = None) -> BatchResult:
    """coprod batch on one fixture, grouped by perspective."""
    map_file = TOOLS / map_name if map_name else None
    return run_batch([TOOLS / name], "coproduction", map_file, by="perspective")


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
        ["batch", str(TOOLS / name), "-q", "coproduction", "--dry-run", "--out", str(out)],
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


def _rows(name: str, delimiter: str = ",") -> list[list[str]]:
    text = (TOOLS / name).read_text(encoding="utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _write(path: Path, rows: list[list[str]], delimiter: str = ",") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def test_messy_google_forms(tmp_path: Path) -> None:
    """A typo, a blank, an 'Other' and a repeated submission, each with its problem line."""
    rows = _rows("google-forms.csv")
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
    result = run_batch([_write(tmp_path / "messy.csv", rows)], "coproduction")
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
    rows = _rows("surveymonkey-expanded.csv")
    other = rows[1].index("Other (please specify)")
    rows[2][other] = "A walking group"
    rows[3][other - 1] = "maybe"
    path = _write(tmp_path / "monkey.csv", rows)
    result = run_batch([path], "coproduction")
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
    q = load_questionnaire("coproduction").questionnaire
    sheet = _write(
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
    q = load_questionnaire("coproduction").questionnaire
    sheet = _write(
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


def test_map_columns_by_letter_notes_and_values(tmp_path: Path) -> None:
    """A map names a column by letter, makes 'Comments' a note and recodes A1-A5."""
    sheet = _write(
        tmp_path / "codes.csv",
        [["Q1", "Comments", "x"], ["A4", "We ask at the first visit", "3"]],
    )
    mapping = tmp_path / "map.yaml"
    mapping.write_text(
        'columns:\n  "Q1": assets_strengths\n  "Comments": "note:assets_strengths"\n'
        '  "C": assets_offer\nvalues:\n  practice: {A1: 1, A2: 2, A3: 3, A4: 4, A5: 5}\n',
        encoding="utf-8",
    )
    result = run_batch([sheet], "coproduction", mapping)
    assert result.sheets.cells["assets_strengths"][0].value == 4
    assert result.sheets.cells["assets_offer"][0].value == 3
    assert result.sheets.notes["assets_strengths"] == ["We ask at the first visit"]
    write_batch(result, tmp_path / "out", ["csv"])
    saved = (tmp_path / "out" / "responses" / "participant-0001.yaml").read_text(encoding="utf-8")
    assert "note: We ask at the first visit" in saved


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
    path = _write(folder / "gen.csv", [*heads, *body])
    q = load_questionnaire("coproduction").questionnaire
    sheets = read_sheets([path], q)
    assert [u.header_rows for u in sheets.understood] == [header_rows]
    c = sheets.cell_counts
    assert c.non_empty == c.answers + c.metadata + c.not_kept + c.problems
    rows = [r for r in body if "".join(r).strip()]
    assert c.non_empty == sum(_filled(cell) for row in rows for cell in row)


def test_fixtures_are_what_the_script_writes(tmp_path: Path) -> None:
    """The committed fixtures are exactly what tests/fixtures/tools/make_fixtures.py writes."""
    from tests.fixtures.tools.make_fixtures import write_all

    for path in write_all(tmp_path):
        if path.suffix != ".xlsx":  # a workbook stores the time it was saved
            assert path.read_bytes() == (TOOLS / path.name).read_bytes(), path.name


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
    got = CliRunner().invoke(app, ["batch", str(book), "-q", "coproduction", "--dry-run"])
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
    got = CliRunner().invoke(app, ["batch", str(book), "-q", "coproduction"])
    assert got.exit_code == 3
    assert f"{book}: unpacks to 2 MB, more than coprod reads (1 MB)." in " ".join(
        got.output.split()
    )


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
    rows = _rows(name, delimiter)
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
    messy = _write(tmp_path / name, rows, delimiter)
    result = run_batch([messy], "coproduction", TOOLS / map_name if map_name else None)
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
    q = load_questionnaire("coproduction").questionnaire
    text = next(qn for qn in q.questions if qn.id == "assets_offer").text["en"]
    sheet = _write(tmp_path / "grid.csv", [["Timestamp", f"People as assets [{text}]"], ["", "4"]])
    sheets = read_sheets([sheet], q)
    assert sheets.cells["assets_offer"][0].value == 4  # type: ignore[union-attr]


def test_a_date_order_that_is_neither_is_refused() -> None:
    """--date-order takes dmy or mdy only: anything else is a usage error, exit 2."""
    got = CliRunner().invoke(
        app, ["batch", str(TOOLS / "template.csv"), "-q", "coproduction", "--date-order", "ymd"]
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
    ("text", "message"),
    [
        (
            "columns:\n  Q1: incl_barriers/nonsense\n",
            "map.yaml:2:7: 'nonsense' is not a choice of 'incl_barriers' (its choices: "
            "times_places, costs, formats, languages, ways_to_take_part, go_to_people, other).",
        ),
        (
            "columns:\n  Q1: power_last_change/led\n",
            "map.yaml:2:7: 'power_last_change' is not a multiple-choice question, so it has no "
            "'led' column.",
        ),
        (
            "columns:\n  Q1: 'note:nobody'\n",
            "map.yaml:2:7: 'nobody' is not a question of 'coproduction'.",
        ),
        (
            "values:\n  practise: {A1: 1}\n",
            "map.yaml:2:13: 'practise' is not a question or scale of 'coproduction'. Fix: Use a "
            "question id or one of the scales: practice, frequency.",
        ),
        (
            "values:\n  practice: [1, 2]\n",
            "map.yaml:2:13: 'values: practice:' should be a map of 'code: value' lines.",
        ),
        (
            "values:\n  practice: {A6: 7}\n",
            "map.yaml:2:18: 'A6: 7': '7' is not a level of this scale (1 to 5) for "
            "assets_strengths.",
        ),
        (
            "values:\n  recip_policy: {'1': yes, '2': maybe}\n",
            "map.yaml:2:33: '2: maybe': 'maybe' is not yes or no for recip_policy.",
        ),
    ],
)
def test_map_file_mistakes_are_named_by_line(text: str, message: str, tmp_path: Path) -> None:
    """A wrong target, choice, scale or code in a map file: its line, what, how; exit 1."""
    (tmp_path / "map.yaml").write_text(text, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)  # so that the file is named as the trainer typed it
        result = CliRunner().invoke(
            app,
            ["batch", str(TOOLS / "template.csv"), "-q", "coproduction", "--map", "map.yaml"],
        )
    assert result.exit_code == 1
    assert message in " ".join(result.output.split())


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
    sheet = _write(tmp_path / name, edit(_rows(name)))
    result = run_batch([sheet], "coproduction", by="perspective")
    assert [u.header_rows for u in result.sheets.understood] == [header_rows]
    assert result.sheets.counts.read == 30
    assert [o.score for o in result.scores.overall] == [o.score for o in template.scores.overall]
