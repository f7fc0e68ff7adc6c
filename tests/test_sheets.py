"""Answer sheets as trainers bring them: every tool's export read, every bad cell located."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest

from coprod.batch.columns import score_columns
from coprod.batch.run import run_batch
from coprod.errors import InvalidFileError, SheetError
from coprod.questionnaire.load import load_questionnaire
from coprod.sheets.read import column_letter, read_sheets
from tests.sheetfixtures import BUILDERS, google_forms_csv

Write = Callable[[str, str], Path]

# The six people of tests/sheetfixtures.py, worked out by hand (docs/scoring.md's method).
EXPECTED_OVERALL = [63.9, 8.3, 91.7, 91.7, 16.7, 0.0]
EXPECTED_ASSETS = [66.7, 25.0, 100.0, 75.0, 50.0, 0.0]


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_each_tool_export_gives_the_same_scores(kind: str, small: Path, tmp_path: Path) -> None:
    """Google Forms, Microsoft Forms, semicolon cp1252 and typed-up paper all score the same."""
    sheet = BUILDERS[kind](tmp_path)
    result = run_batch([sheet], small, by="perspective")
    assert [o.score for o in result.scores.overall] == EXPECTED_OVERALL
    assert [p.score for p in result.scores.principles["assets"]] == EXPECTED_ASSETS
    assert [result.label(k) for k in range(6)] == ["Ann", "Bob", "Cat", "Dan", "Eve", "Fay"]
    assert result.problems == []
    assert result.exit_code == 0
    c = result.sheets.counts
    assert (c.read, c.used, c.with_problems, c.empty, c.scored) == (6, 6, 0, 0, 6)
    a1 = result.stats.everyone.questions[0]
    assert (a1.summary.n, a1.summary.mean, a1.summary.median, a1.summary.sd) == (
        5,
        50.0,
        50.0,
        39.5,
    )
    assert (a1.summary.q1, a1.summary.q3, a1.summary.iqr) == (25.0, 75.0, 50.0)
    assert (a1.summary.min, a1.summary.max, a1.consensus, a1.dont_know) == (0.0, 100.0, 60.0, 1)
    assert a1.distribution == [
        ("1 Not yet", 1),
        ("2 Starting", 1),
        ("3 Developing", 1),
        ("4 Established", 1),
        ("5 Leading", 1),
    ]
    # From the unrounded person scores (66.67, not 66.7), rounded once, halves up.
    assets = result.stats.everyone.principles[0].summary
    assert (assets.n, assets.mean, assets.median, assets.q1, assets.q3) == (
        6,
        52.8,
        58.3,
        31.3,
        72.9,
    )
    overall = result.stats.everyone.overall
    assert overall is not None
    assert (overall.summary.mean, overall.summary.median, overall.summary.max) == (45.4, 40.3, 91.7)
    gaps = {g.id: (g.first_mean, g.second_mean) for g in result.stats.gaps}
    assert gaps == {
        "assets": (30.6, 75.0),
        "overall": (24.1, 66.7),
        "power": (20.8, 62.5),
        "p1": (33.3, 66.7),
    }


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8-sig", ","), ("utf-16", "\t"), ("utf-16-le", "\t"), ("cp1252", ";"), ("utf-8", "\t")],
)
def test_csv_encodings_and_delimiters(
    encoding: str, delimiter: str, small: Path, tmp_path: Path
) -> None:
    """UTF-8 with BOM, Excel's UTF-16 'Unicode text', cp1252; comma, semicolon or tab."""
    text = google_forms_csv(tmp_path).read_text(encoding="utf-8")
    text = text.replace("Ann", "Siân").replace(",", delimiter)
    path = tmp_path / f"sheet-{encoding}.csv"
    path.write_bytes(text.encode(encoding))
    result = run_batch([path], small)
    assert [o.score for o in result.scores.overall] == EXPECTED_OVERALL
    assert result.label(0) == "Siân"


def test_several_sheets_are_combined(small: Path, tmp_path: Path) -> None:
    """A CSV and an XLSX from two rooms are scored together, each row keeping its own source."""
    first = BUILDERS["typed_paper"](tmp_path)
    second = BUILDERS["microsoft_forms"](tmp_path)
    result = run_batch([first, second], small)
    assert result.sheets.counts.read == 12
    assert [o.score for o in result.scores.overall] == EXPECTED_OVERALL * 2
    assert result.sheets.where(result.rows[6]) == "microsoft-forms.xlsx, sheet 'Sheet1', row 2"
    assert result.sheets.where(result.rows[2]) == "typed-paper.csv, row 5"


MESSY = """\
Name,Perspective,a1,a2,p1,p2,p3,Any other comments?
Ann,staff,3,4,yes,2,fine
Bob,staff,7,2,no,,
Cat,councillor,5,5,yes,4,
Dan,lived experience,maybe,3 - Leading,perhaps,5,
,,,,,,,
Eve,lived experience,,,,,
Ann,staff,1,1,no,,
"""


@pytest.fixture
def messy(write: Write, small: Path) -> Path:
    """A workshop sheet with one of each kind of trouble."""
    return write("messy.csv", MESSY)


@pytest.mark.parametrize(
    ("row", "column", "value", "words"),
    [
        (3, "C (a1)", "7", "is not a level of this scale (1 to 5)"),
        (5, "C (a1)", "maybe", "is not a level of this scale"),
        (5, "D (a2)", "3 - Leading", "has the number 3 (Developing) but the words of level 5"),
        (5, "E (p1)", "perhaps", "is not yes or no"),
        (4, "B (Perspective)", "councillor", "is not a perspective coprod knows"),
        (8, "A (Name)", "Ann", "is the same participant as messy.csv, row 2"),
        (7, "-", "", "has no answers, so it is not scored"),
        (1, "H", "Any other comments?", "matches no question or known field"),
    ],
)
def test_every_problem_is_located(
    messy: Path, small: Path, row: int, column: str, value: str, words: str
) -> None:
    """Each bad cell, odd row and stray column is reported with where, value, why and fix."""
    result = run_batch([messy], small)
    found = [
        p for p in result.problems if p.row == row and p.column == column and words in p.message
    ]
    assert len(found) == 1, [str(p) for p in result.problems]
    problem = found[0]
    assert problem.value == value
    assert problem.source == "messy.csv"
    assert problem.hint
    assert str(problem).startswith(f"messy.csv, row {row}, column {column}:")


def test_messy_counts_add_up_and_good_answers_are_kept(messy: Path, small: Path) -> None:
    """read = used + with problems + empty; a row with a bad cell keeps its good answers."""
    result = run_batch([messy], small)
    c = result.sheets.counts
    assert c.read == c.used + c.with_problems + c.empty
    assert (c.read, c.used, c.with_problems, c.empty, c.scored) == (6, 1, 4, 1, 5)
    # Dan: a1 and a2 unreadable, p1 unreadable -> p2 hidden; nothing scored but he is counted
    bob = result.scores.principles["assets"][1]
    assert bob.score == 25.0  # a1 '7' dropped, a2 = 2 kept
    assert result.exit_code == 7


def test_strict_leaves_out_rows_with_problems(messy: Path, small: Path) -> None:
    """--strict scores only clean rows and says the others are left out."""
    result = run_batch([messy], small, strict=True)
    assert [result.label(k) for k in range(result.scores.people)] == ["Ann"]
    assert any("the row is left out (--strict)" in p.message for p in result.problems)


def test_nothing_usable_is_an_error(write: Write, small: Path) -> None:
    """A sheet whose headers match nothing raises SheetError with a fix."""
    sheet = write("other.csv", "colour,size\nred,big\n")
    with pytest.raises(SheetError, match="no column matches a question") as info:
        run_batch([sheet], small)
    assert "coprod template" in info.value.hint


def test_map_file_matches_odd_headers(write: Write, small: Path) -> None:
    """A --map file names what each odd header holds, and adds perspective spellings."""
    sheet = write(
        "odd.csv",
        "Who,Hat,Offer,Value,Board,Say,Ideas,Shoe size\n"
        "Ann,Councillor,3,4,yes,2,,9\nBob,Councillor,2,2,no,,,8\nCat,Councillor,5,5,yes,4,,7\n",
    )
    mapping = write(
        "map.yaml",
        "columns:\n  Who: participant\n  Hat: perspective\n  Offer: a1\n  Value: a2\n"
        "  Board: p1\n  Say: p2\n  Ideas: p3\n  Shoe size: ignore\n"
        "perspectives:\n  Councillor: partner\n",
    )
    result = run_batch([sheet], small, map_file=mapping, by="perspective")
    assert result.problems == []
    assert [g.name for g in result.stats.groups] == ["partner"]
    assert [o.score for o in result.scores.overall][:2] == [63.9, 8.3]


def test_map_file_errors_name_the_line(write: Write, small: Path) -> None:
    """A map target that is no question or field is reported with file and line."""
    sheet = write("odd.csv", "Offer\n3\n")
    mapping = write("map.yaml", "columns:\n  Offer: a1\n  Value: a9\n")
    with pytest.raises(InvalidFileError) as info:
        run_batch([sheet], small, map_file=mapping)
    problem = info.value.problems[0]
    assert problem.line == 3
    assert "'a9' is not a question of 'small'" in problem.message


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (
            "Meet at times and places that suit people, not only office hours, Cover travel, "
            "childcare or care costs",
            ("times_places", "costs"),
        ),
        (
            "Cover travel, childcare or care costs;Offer different ways to take part, in person, "
            "online and on paper;",
            ("costs", "ways_to_take_part"),
        ),
        ("formats; go_to_people", ("formats", "go_to_people")),
    ],
)
def test_multiple_choice_cells(write: Write, cell: str, expected: tuple[str, ...]) -> None:
    """Google Forms (', ' between labels holding commas), Microsoft Forms (';') and ids all read."""
    q = load_questionnaire("coproduction").questionnaire
    sheet = write("mc.csv", 'incl_barriers\n"' + cell + '"\n')
    sheets = read_sheets([sheet], q)
    value = sheets.cells["incl_barriers"][0]
    assert value is not None and value.value == expected  # type: ignore[union-attr]


@pytest.mark.parametrize(("index", "letters"), [(0, "A"), (25, "Z"), (26, "AA"), (701, "ZZ")])
def test_column_letters(index: int, letters: str) -> None:
    """Problems name columns the way a spreadsheet labels them."""
    assert column_letter(index) == letters


def test_utf16_without_bom_is_detected(small: Path, tmp_path: Path) -> None:
    """UTF-16 text with no byte order mark is still read."""
    text = google_forms_csv(tmp_path).read_text(encoding="utf-8")
    path = tmp_path / "nobom.txt"
    path.write_bytes(text.encode("utf-16-be"))
    assert not path.read_bytes().startswith(codecs.BOM_UTF16_BE)
    result = run_batch([path], small)
    assert [o.score for o in result.scores.overall] == EXPECTED_OVERALL


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_coded_columns_score_like_plain_lists(kind: str, small: Path, tmp_path: Path) -> None:
    """Cells as read (kept as codes too) score exactly as the same cells in plain lists."""
    q = load_questionnaire(small).questionnaire
    sheets = read_sheets([BUILDERS[kind](tmp_path)], q)
    fast = score_columns(q, sheets.cells)
    slow = score_columns(q, {qid: list(cells) for qid, cells in sheets.cells.items()})
    assert fast.overall == slow.overall
    assert dict(fast.principles) == dict(slow.principles)
    assert dict(fast.questions) == dict(slow.questions)


def test_two_files_with_the_same_name_keep_their_own_rows(small: Path, tmp_path: Path) -> None:
    """a/answers.csv and b/answers.csv: each names its problems; --strict drops the right row."""
    for folder, rows in (("a", "Ann,7,3\nBob,3,3\n"), ("b", "Cat,3,3\nDan,3,3\n")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "answers.csv").write_text("participant,a1,a2\n" + rows, "utf-8")
    first, second = tmp_path / "a" / "answers.csv", tmp_path / "b" / "answers.csv"
    result = run_batch([first, second], small, strict=True)
    assert [result.label(k) for k in range(result.scores.people)] == ["Bob", "Cat", "Dan"]
    bad = [p for p in result.problems if p.value == "7"]
    assert [(p.source, p.row) for p in bad] == [(str(first), 2)]


@pytest.mark.parametrize(
    ("cell", "level"),
    [
        ("3 - Developing", 3),
        ("3 – Developing", 3),
        ("3. Developing", 3),
        ("(3) Developing", 3),
        ("2-3", None),
        ("3/4", None),
        ("3 or 4", None),
        ("4 5", None),
        ("3 - Leading", None),
    ],
)
def test_a_number_is_followed_only_by_its_own_label(
    write: Write, small: Path, cell: str, level: int | None
) -> None:
    """'3 - Developing' reads as 3; two numbers ('2-3', '3/4', '4 5') are reported, not guessed."""
    q = load_questionnaire(small).questionnaire
    sheets = read_sheets([write("one.csv", f"a1\n{cell}\n")], q)
    value = sheets.cells["a1"][0]
    problems = [p.value for p in sheets.problems if p.column == "A (a1)"]
    if level is None:
        assert problems == [cell] and value is not None and not hasattr(value, "status")
    else:
        assert value is not None and value.value == level  # type: ignore[union-attr]
        assert problems == []


def test_semicolon_sheet_with_commas_in_question_headers(small: Path, tmp_path: Path) -> None:
    """European Excel: ';' between cells, unquoted commas in the question texts, Windows-1252."""
    offer = "a1: Do you ask what people can offer, to the service, to others, or to you?"
    value = "a2: Do you value lived experience, language, culture, or local knowledge?"
    lines = [
        f"Participant;Perspective;{offer};{value};p1;p2;p3",
        "Siân;staff;3;4 – Established;yes;2;Mwy o amser",
        "Bob;staff;2;2;no;;",
    ]
    path = tmp_path / "semicolon.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    result = run_batch([path], small)
    assert result.problems == []
    assert [result.label(k) for k in range(2)] == ["Siân", "Bob"]
    assert [o.score for o in result.scores.overall] == EXPECTED_OVERALL[:2]


@pytest.mark.parametrize("key", ["columns", "perspectives"])
def test_map_file_with_a_list_is_a_located_error(write: Write, small: Path, key: str) -> None:
    """'columns:' or 'perspectives:' written as a list is reported with its line, not a crash."""
    sheet = write("odd.csv", "a1\n3\n")
    mapping = write("map.yaml", f"# my map\n{key}:\n  - Offer: a1\n")
    with pytest.raises(InvalidFileError) as info:
        run_batch([sheet], small, map_file=mapping)
    problem = info.value.problems[0]
    assert problem.line == 3
    assert f"'{key}:' should be a map" in problem.message and "not a list" in problem.message


def test_timestamps_become_iso_and_unreadable_ones_are_reported(write: Write, small: Path) -> None:
    """Google Forms (day first), Microsoft Forms (AM/PM), ISO, Excel serial; 'soon' is reported."""
    q = load_questionnaire(small).questionnaire
    sheet = write(
        "times.csv",
        "Timestamp,participant,a1\n"
        "10/01/2026 10:00:00,Ann,3\n"
        "3/4/26 1:05:09 PM,Bob,3\n"
        "2026-03-04T09:30:00,Cat,3\n"
        "46000.5,Dan,3\n"
        "soon,Eve,3\n",
    )
    sheets = read_sheets([sheet], q)
    assert sheets.meta["completed"] == [
        "2026-01-10T10:00:00",
        "2026-03-04T13:05:09",
        "2026-03-04T09:30:00",
        "2025-12-09T12:00:00",
        "",
    ]
    found = [(p.row, p.column, p.value) for p in sheets.problems if p.column != "-"]
    # No date in the column has a day over 12, so its order is unsure: one warning says so.
    assert found == [(2, "A (Timestamp)", ""), (6, "A (Timestamp)", "soon")]


def test_repeated_header_and_unreadable_rows_are_not_scored(write: Write, small: Path) -> None:
    """A header pasted again mid-sheet, or a row with nothing readable, is counted, not scored."""
    sheet = write(
        "pasted.csv",
        "Name,Perspective,a1,a2,p1\n"
        "Ann,staff,3,4,yes\n"
        "Name,Perspective,a1,a2,p1\n"
        "Bob,staff,7,lots,perhaps\n"
        "Cat,staff,2,2,no\n",
    )
    result = run_batch([sheet], small)
    c = result.sheets.counts
    assert (c.read, c.used, c.with_problems, c.empty, c.scored) == (4, 2, 0, 2, 2)
    assert [result.label(k) for k in range(result.scores.people)] == ["Ann", "Cat"]
    by_row = {p.row: p.message for p in result.problems if p.column == "-"}
    assert by_row[3] == "repeats the header row, so it is not scored"
    assert by_row[4] == "has no answer that can be read, so it is not scored"
    assert not any(p.row == 3 and p.column != "-" for p in result.problems)


def test_questions_missing_from_one_worksheet_are_listed_for_it(
    small: Path, tmp_path: Path
) -> None:
    """Two worksheets, the second without p1 and p2: those are listed as missing for that sheet."""
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    assert first is not None
    first.title = "Room 1"
    first.append(["participant", "a1", "a2", "p1", "p2", "p3"])
    first.append(["Ann", 3, 4, "yes", 2, ""])
    second = book.create_sheet("Room 2")
    second.append(["participant", "a1", "a2", "p3"])
    second.append(["Bob", 2, 2, ""])
    path = tmp_path / "rooms.xlsx"
    book.save(path)
    result = run_batch([path], small)
    missing = [(p.source, p.row, p.message.split(" (")[0]) for p in result.problems]
    assert missing == [
        ("rooms.xlsx, sheet 'Room 2'", 1, "no column for question 'p1'"),
        ("rooms.xlsx, sheet 'Room 2'", 1, "no column for question 'p2'"),
    ]
