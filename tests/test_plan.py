"""`coprod plan` as a library: plans written, edited as people do, read back, and set beside
the next round, with the figures of docs/plan.md's worked example."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from coprod.compare.gather import run_compare
from coprod.compare.results import Options
from coprod.errors import MismatchError
from coprod.plan.build import add_months, make_plan
from coprod.plan.cells import CellError, read_date
from coprod.plan.progress import comparison_progress, report_progress
from coprod.plan.read import PlanError, read_plan, usable_plan
from coprod.plan.write import write_plan
from coprod.scoring.scored import score_file
from tests.planfixtures import write_rounds

ROOT = Path(__file__).parent.parent
# The first-edition example: these figures (rows per action, version 1.0) are pinned to it.
EXAMPLE = ROOT / "examples" / "starter-1.0-response.yaml"
MADE = date(2026, 1, 12)


@pytest.fixture
def rounds(tmp_path: Path) -> tuple[Path, Path, Path]:
    """The worked example's questionnaire, baseline batch folder and follow-up folder."""
    return write_rounds(tmp_path)


@pytest.fixture
def plan_xlsx(tmp_path: Path, rounds: tuple[Path, Path, Path]) -> Path:
    """The plan coprod writes from the worked example's baseline workshop."""
    made = make_plan(rounds[1], "en", MADE)
    return write_plan(made.plan, made.questionnaire, tmp_path / "plan.xlsx")


def rows_by_heading(path: Path) -> tuple[object, dict[str, int]]:
    """The Actions sheet and its column numbers by heading."""
    book = load_workbook(path)
    ws = book["Actions"]
    return book, {ws.cell(5, c).value: c for c in range(1, ws.max_column + 1)}  # type: ignore[misc]


def edit_like_a_person(path: Path, out: Path) -> None:
    """Statuses (English and Welsh), an owner, a date typed as text and one as a date cell,
    a row deleted, a row added, the Status column moved to the front, a target changed."""
    book, heads = rows_by_heading(path)
    ws = book["Actions"]  # type: ignore[index]

    def row_of(ref: str) -> int:
        return next(r for r in range(6, ws.max_row + 1) if ws.cell(r, heads["Ref"]).value == ref)

    ws.cell(row_of("A1"), heads["Status"]).value = "Done"
    ws.cell(row_of("A1"), heads["Owner"]).value = "Sam Jones"
    ws.cell(row_of("A2"), heads["Status"]).value = "under way"
    ws.cell(row_of("A2"), heads["Due date"]).value = "30/04/2026"
    ws.cell(row_of("A3"), heads["Status"]).value = "dropped"
    ws.cell(row_of("A3"), heads["Notes"]).value = "No budget for expenses this year."
    ws.cell(row_of("D3"), heads["Status"]).value = "wedi’i wneud"
    ws.delete_rows(row_of("D2"))
    new = ws.max_row + 1
    ws.cell(new, heads["Principle"]).value = "Rhannu grym"
    ws.cell(new, heads["Action"]).value = "Run a monthly drop-in where tenants set the agenda."
    ws.cell(new, heads["Status"]).value = "ar y gweill"
    ws.cell(new, heads["Due date"]).value = datetime(2026, 6, 30)
    table = [[c.value for c in r] for r in ws.iter_rows(min_row=5, max_row=ws.max_row)]
    first = heads["Status"] - 1
    order = [first] + [i for i in range(len(table[0])) if i != first]
    for r, values in enumerate(table, 5):
        for c, k in enumerate(order, 1):
            ws.cell(r, c).value = values[k]
    book["Targets"].cell(3, 6).value = 40  # type: ignore[index]
    book.save(out)


# ---- writing -----------------------------------------------------------------


def test_a_response_gives_one_row_per_recommended_action(tmp_path: Path) -> None:
    """Every action of every recommendation is a row, most urgent first, with a suggested target."""
    made = make_plan(EXAMPLE, made=MADE)
    scored = score_file(EXAMPLE)
    expected = [len(r.actions) for r in scored.scores.recommendations]
    assert len(made.plan.actions) == sum(expected) == 9
    first = made.plan.actions[0]
    assert (first.ref, first.kind, first.principle, first.priority) == (
        "A1",
        "action",
        "assets",
        "high",
    )
    assert first.due == date(2026, 4, 12)  # high priority: three months
    assert [(t.principle, t.target) for t in made.plan.targets] == [
        ("assets", 50.0),
        ("two_way", 50.0),
    ]
    link = made.plan.link
    assert (link.questionnaire, link.version, link.round) == ("starter", "1.0", "2026-11-02")
    assert link.hash == scored.loaded.hash


def test_xlsx_has_date_cells_drop_downs_and_a_hidden_link(tmp_path: Path) -> None:
    """Due dates are date cells, statuses a drop-down, the link kept in a very hidden sheet."""
    made = make_plan(EXAMPLE, made=MADE)
    path = write_plan(made.plan, made.questionnaire, tmp_path / "plan.xlsx")
    book, heads = rows_by_heading(path)
    ws = book["Actions"]  # type: ignore[index]
    due = ws.cell(6, heads["Due date"])
    assert due.is_date and due.value.date() == date(2026, 4, 12)
    lists = [dv.formula1 for dv in ws.data_validations.dataValidation]
    assert '"not started,under way,done,dropped"' in lists
    assert book["coprod"].sheet_state == "veryHidden"  # type: ignore[index]
    assert ws.cell(3, 1).value.startswith("coprod plan 1 | questionnaire starter | version 1.0")


def test_welsh_plan_has_welsh_headings_and_statuses(tmp_path: Path) -> None:
    """--lang cy: Welsh sheet names, headings, statuses and action text."""
    made = make_plan(EXAMPLE, "cy", MADE)
    path = write_plan(made.plan, made.questionnaire, tmp_path / "cynllun.xlsx")
    book = load_workbook(path)
    ws = book["Camau gweithredu"]
    assert [ws.cell(5, c).value for c in (1, 6, 9)] == ["Cyf", "Cam gweithredu", "Statws"]
    assert ws.cell(6, 9).value == "heb ddechrau"
    assert ws.cell(6, 6).value.startswith("Ychwanegwch ddau gwestiwn")
    assert read_plan(path).errors == []


def test_bilingual_plan_reads_back(tmp_path: Path) -> None:
    """--lang en+cy: headings and statuses in both languages, Welsh first, read back as written."""
    made = make_plan(EXAMPLE, "en+cy", MADE)
    path = write_plan(made.plan, made.questionnaire, tmp_path / "plan.xlsx")
    ws = load_workbook(path).active
    assert ws.cell(5, 9).value == "Statws / Status"
    assert ws.cell(6, 9).value == "heb ddechrau / not started"
    read = read_plan(path)
    assert read.errors == [] and len(read.plan.actions) == 9


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path, suffix: str) -> None:
    """An action starting with '=' is written as text with an apostrophe, and read back as typed."""
    _, baseline, _ = write_rounds(tmp_path)
    text = (tmp_path / "tiny.yaml").read_text(encoding="utf-8")
    (tmp_path / "tiny.yaml").write_text(
        text.replace(
            "Ask people what matters", '=HYPERLINK("http://x.example","Ask") people what matters'
        ),
        encoding="utf-8",
    )
    made = make_plan(baseline, "en", MADE)
    path = write_plan(made.plan, made.questionnaire, tmp_path / f"plan{suffix}")
    if suffix == ".xlsx":
        ws = load_workbook(path).active
        cell = next(c for row in ws.iter_rows() for c in row if str(c.value).startswith("'="))
        assert cell.data_type == "s"
    else:
        assert "\"'=HYPERLINK(" in path.read_text(encoding="utf-8-sig")
    action = next(a for a in read_plan(path).plan.actions if a.ref == "A1")
    assert action.text.startswith('=HYPERLINK("http://x.example"')


# ---- reading back ------------------------------------------------------------


def test_plan_edited_as_a_person_would_reads_back(plan_xlsx: Path, tmp_path: Path) -> None:
    """Statuses in either language, owners, text and cell dates, rows added and deleted,
    columns moved: every action comes back as edited, the deleted row is named."""
    edited = tmp_path / "edited.xlsx"
    edit_like_a_person(plan_xlsx, edited)
    read = read_plan(edited)
    got = [(a.ref, a.kind, a.principle, a.status, a.owner, a.due) for a in read.plan.actions]
    assert got == [
        ("D1", "discussion", "share", "not_started", "", date(2026, 2, 12)),
        ("D3", "discussion", "share", "done", "", date(2026, 2, 12)),
        ("A1", "action", "listen", "done", "Sam Jones", date(2026, 4, 12)),
        ("A2", "action", "listen", "under_way", "", date(2026, 4, 30)),
        ("A3", "action", "share", "dropped", "", date(2026, 7, 12)),
        ("", "action", "share", "under_way", "", date(2026, 6, 30)),
    ]
    assert read.plan.target_for("share") == 40.0 and read.plan.target_for("listen") == 50.0
    assert read.errors == []
    warnings = [str(p) for p in read.problems]
    assert (
        len(warnings) == 1 and "'D2' is no longer in the plan (its row was deleted)" in warnings[0]
    )
    assert read.plan.differed == {"D3": "s1"}


def put(path: Path, sheet: str, ref: str | None, heading: str, value: object) -> None:
    """Set one cell of the row with this Ref (or of the Targets row ``ref``) under ``heading``."""
    book = load_workbook(path)
    ws = book[sheet]
    head_row = 5 if sheet == "Actions" else 1
    heads = {ws.cell(head_row, c).value: c for c in range(1, ws.max_column + 1)}
    key = heads["Ref" if sheet == "Actions" else "Principle id"]
    row = next(r for r in range(head_row + 1, ws.max_row + 1) if ws.cell(r, key).value == ref)
    ws.cell(row, heads[heading]).value = value
    book.save(path)


@pytest.mark.parametrize(
    ("sheet", "ref", "heading", "value", "where", "message"),
    [
        (
            "Actions",
            "A1",
            "Status",
            "maybe",
            "row 9, column I (Status)",
            "'maybe' is not one of the words coprod reads here",
        ),
        (
            "Actions",
            "A1",
            "Due date",
            "31/02/2027",
            "row 9, column H (Due date)",
            "is not a date on the calendar",
        ),
        (
            "Actions",
            "A1",
            "Due date",
            "46112",
            "row 9, column H (Due date)",
            "is a number, not a date",
        ),
        (
            "Actions",
            "A1",
            "Due date",
            "next spring",
            "row 9, column H (Due date)",
            "'next spring' is not a date",
        ),
        (
            "Actions",
            "A1",
            "Principle",
            "Parking",
            "row 9, column C (Principle)",
            "is not a principle of this questionnaire",
        ),
        (
            "Actions",
            "A1",
            "Type",
            "idea",
            "row 9, column B (Type)",
            "'idea' is not one of the words",
        ),
        (
            "Actions",
            "A1",
            "Action",
            None,
            "row 9, column F (Action)",
            "this row has no action text",
        ),
        ("Actions", "A2", "Ref", "A1", "row 10, column A (Ref)", "is the reference of row 9 too"),
        (
            "Targets",
            "listen",
            "Target score",
            150,
            "row 2, column F (Target score)",
            "is outside 0 to 100",
        ),
        (
            "Targets",
            "share",
            "Target score",
            "lots",
            "row 3, column F (Target score)",
            "'lots' is not a number",
        ),
        (
            "Targets",
            "share",
            "Principle id",
            "parking",
            "row 3, column A (Principle id)",
            "not a principle",
        ),
    ],
)
def test_bad_values_are_located(
    plan_xlsx: Path, sheet: str, ref: str, heading: str, value: object, where: str, message: str
) -> None:
    """Each cell that cannot be read is an error naming its sheet, row, column and heading."""
    put(plan_xlsx, sheet, ref, heading, value)
    read = read_plan(plan_xlsx)
    errors = [str(p) for p in read.errors]
    assert len(errors) == 1, errors
    assert f"plan.xlsx, sheet '{sheet}', {where}" in errors[0] and message in errors[0]
    assert "Fix: " in errors[0]
    assert read.exit_code == 10
    with pytest.raises(PlanError, match="1 cell in the plan must be fixed first") as caught:
        usable_plan(plan_xlsx)
    assert caught.value.exit_code == 10 and len(caught.value.problems) == len(read.problems)


def test_empty_status_is_a_warning_read_as_not_started(plan_xlsx: Path) -> None:
    """A cleared status is read as not started, and said so."""
    put(plan_xlsx, "Actions", "A1", "Status", None)
    read = read_plan(plan_xlsx)
    assert read.errors == []
    assert next(a for a in read.plan.actions if a.ref == "A1").status == "not_started"
    assert any("has no status; read as not started" in str(p) for p in read.problems)


def test_a_column_coprod_does_not_read_is_a_warning(plan_xlsx: Path) -> None:
    """A column people add (e.g. Cost) stays in their file and is named, not silently dropped."""
    book = load_workbook(plan_xlsx)
    book["Actions"].cell(5, 11).value = "Cost"
    book["Actions"].cell(6, 11).value = "£200"
    book.save(plan_xlsx)
    problems = [str(p) for p in read_plan(plan_xlsx).problems]
    assert any("row 5, column K (Cost): is a column coprod does not read" in p for p in problems)


def test_hidden_sheet_gone_falls_back_to_the_link_line(plan_xlsx: Path) -> None:
    """Without the hidden sheet, the link line and the Targets table carry the plan (a warning)."""
    book = load_workbook(plan_xlsx)
    del book["coprod"]
    book.save(plan_xlsx)
    read = read_plan(plan_xlsx)
    assert (read.plan.link.questionnaire, read.plan.link.round) == ("tiny", "Baseline")
    base = read.plan.baseline_for("share")
    assert base is not None and (base.n, base.mean, base.sd) == (3, 25.0, 43.3)
    assert any("has no hidden 'coprod' sheet" in str(p) for p in read.problems)


def test_link_lost_entirely_stops_with_how_to_fix(plan_xlsx: Path) -> None:
    """With the hidden sheet and the link line both gone, reading stops and says how to fix it."""
    book = load_workbook(plan_xlsx)
    del book["coprod"]
    book["Actions"].cell(3, 1).value = None
    book.save(plan_xlsx)
    with pytest.raises(PlanError, match="lost its link to its questionnaire and round") as caught:
        read_plan(plan_xlsx)
    assert caught.value.exit_code == 10 and "put that line back" in str(caught.value)


def test_not_a_plan_is_refused(tmp_path: Path) -> None:
    """A spreadsheet without an Actions table is refused, saying what was looked for."""
    other = tmp_path / "other.csv"
    other.write_text("name,score\nAnn,3\n", encoding="utf-8")
    with pytest.raises(PlanError, match="no table of actions found"):
        read_plan(other)


def test_csv_plan_round_trips(tmp_path: Path, rounds: tuple[Path, Path, Path]) -> None:
    """A CSV plan reads back with its link, actions, targets and baseline."""
    made = make_plan(rounds[1], "en", MADE)
    path = write_plan(made.plan, made.questionnaire, tmp_path / "plan.csv")
    read = read_plan(path)
    assert [a.ref for a in read.plan.actions] == ["D1", "D2", "D3", "A1", "A2", "A3"]
    assert [a.due for a in read.plan.actions] == [a.due for a in made.plan.actions]
    assert [(t.principle, t.target) for t in read.plan.targets] == [
        ("listen", 50.0),
        ("share", 50.0),
        ("overall", None),
    ]
    assert read.errors == []


def test_csv_saved_by_european_excel_reads_back(
    tmp_path: Path, rounds: tuple[Path, Path, Path]
) -> None:
    """Excel's "CSV (Comma delimited)" uses the Windows list separator (a semicolon in much of
    Europe) and the ANSI code page (cp1252): such a save of the plan still reads back."""
    import csv

    made = make_plan(rounds[1], "en", MADE)
    path = write_plan(made.plan, made.questionnaire, tmp_path / "plan.csv")
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    saved = tmp_path / "saved.csv"
    with saved.open("w", encoding="cp1252", errors="replace", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    read = read_plan(saved)
    assert read.errors == []
    assert [(a.ref, a.due) for a in read.plan.actions] == [
        (a.ref, a.due) for a in made.plan.actions
    ]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2027-03-31", date(2027, 3, 31)),
        ("2027-03-31T00:00:00", date(2027, 3, 31)),
        ("31/03/2027", date(2027, 3, 31)),
        ("3/4/27", date(2027, 4, 3)),
        ("31.03.2027", date(2027, 3, 31)),
        ("31 March 2027", date(2027, 3, 31)),
        ("1st Jan 2027", date(2027, 1, 1)),
        ("31 Mawrth 2027", date(2027, 3, 31)),
    ],
)
def test_dates_are_read_day_first(typed: str, expected: date) -> None:
    """Dates as date cells give, or as people type them in the UK (day first), in both languages."""
    assert read_date(typed) == expected


@pytest.mark.parametrize("typed", ["03/31/2027", "31 Smarch 2027", "soon"])
def test_impossible_dates_are_refused(typed: str) -> None:
    """A US-style or made-up date is refused with a hint to type it day first."""
    with pytest.raises(CellError) as caught:
        read_date(typed)
    assert "day first" in caught.value.hint


def test_add_months_keeps_to_the_calendar() -> None:
    """31 January plus one month is the last day of February."""
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)


# ---- the next round: docs/plan.md's worked example -----------------------------


def test_workshop_plan_discusses_the_room_priorities_and_contested_question(
    rounds: tuple[Path, Path, Path],
) -> None:
    """The room's two lowest principles and the question people saw differently come first."""
    made = make_plan(rounds[1], "en", MADE)
    rows = [(a.ref, a.principle, a.recommendation) for a in made.plan.actions]
    assert rows == [
        ("D1", "share", "The room's priority"),
        ("D2", "listen", "The room's priority"),
        ("D3", "share", "Where views differed"),
        ("A1", "listen", "Listen first"),
        ("A2", "listen", "Listen first"),
        ("A3", "share", "Share decisions"),
    ]
    assert "only 66.7% were within one level" in made.plan.actions[2].text
    base = {b.principle: (b.n, b.mean, b.sd) for b in made.plan.baseline}
    assert base == {"listen": (3, 33.3, 14.4), "share": (3, 25.0, 43.3), "overall": (3, 29.2, 28.9)}


def test_over_time_with_a_plan_matches_the_hand_worked_example(
    plan_xlsx: Path, tmp_path: Path, rounds: tuple[Path, Path, Path]
) -> None:
    """Targets, scores, changes, judgements and statuses as worked by hand in docs/plan.md."""
    edited = tmp_path / "edited.xlsx"
    edit_like_a_person(plan_xlsx, edited)
    c = run_compare([rounds[1], rounds[2]], Options(over_time=True))
    build, warnings = comparison_progress(read_plan(edited), c)
    view = build("en", "")
    got = [
        (r.principle, r.target, r.baseline, r.now, r.change, r.verdict, r.against_target)
        for r in view.rows
    ]
    assert got == [
        ("Listening", "50", "33.3", "83.3", "+50.0", "improved", "at or above the target"),
        ("Sharing power", "40", "25.0", "16.7", "-8.3", "within the noise", "below the target"),
        (
            "Overall · Whole service",
            "no target set",
            "29.2",
            "50.0",
            "+20.8",
            "within the noise",
            "",
        ),
    ]
    assert [(a.status, a.due) for a in view.rows[0].actions] == [
        ("done", "due 12 April 2026"),
        ("under way", "due 30 April 2026"),
    ]
    assert [a.status for a in view.rows[1].actions] == [
        "not started",
        "done",
        "dropped",
        "under way",
    ]
    assert view.counts == "2 of 6 done, 2 under way, 1 not started, 1 dropped."
    assert "cannot show that the actions caused the change" in view.caution
    assert warnings == []  # the plan's round is the comparison's baseline
    doc = (ROOT / "docs" / "plan.md").read_text(encoding="utf-8")
    table = doc.split("<!-- plan-worked-example -->")[1].split("\n\n")[0].splitlines()[3:]
    documented = [[c.strip() for c in line.strip().strip("|").split("|")] for line in table]
    shown = [
        [
            r.principle,
            r.target,
            r.baseline,
            r.now,
            r.change,
            r.verdict,
            r.against_target,
            ", ".join(a.status for a in r.actions),
        ]
        for r in view.rows
    ]
    assert documented == shown
    cy = build("cy", "")
    assert cy.rows[1].verdict == "o fewn yr amrywio arferol" and cy.heading.startswith("Cynnydd")


def test_report_with_a_plan_uses_the_baseline_it_kept(
    plan_xlsx: Path, rounds: tuple[Path, Path, Path]
) -> None:
    """One follow-up response: changes from the plan's baseline, judged against its spread."""
    follow = sorted((rounds[2] / "responses").iterdir())[2]  # Q3: l1 5, s1 2
    build, warnings = report_progress(read_plan(plan_xlsx), score_file(follow))
    rows = [(r.principle, r.baseline, r.now, r.change, r.verdict) for r in build("en", "").rows]
    assert rows == [
        ("Listening", "33.3", "100.0", "+66.7", "improved"),
        ("Sharing power", "25.0", "25.0", "+0.0", "within the noise"),
        ("Overall · Whole service", "29.2", "62.5", "+33.3", "improved"),
    ]
    assert warnings == []


def test_report_for_another_service_is_warned(
    plan_xlsx: Path, tmp_path: Path, rounds: tuple[Path, Path, Path]
) -> None:
    """A follow-up response from another service is shown with a warning, never silently."""
    parks = _renamed(rounds[2], tmp_path / "pf", "Parks")
    _, warnings = report_progress(
        read_plan(plan_xlsx), score_file(parks / "responses" / "0001.yaml")
    )
    assert warnings == ["the plan was made for 'Housing'; this response is for 'Parks'."]


def test_a_plan_for_another_questionnaire_is_refused(plan_xlsx: Path) -> None:
    """Setting a plan beside answers to another questionnaire is a mismatch (exit code 4)."""
    with pytest.raises(MismatchError, match=r"the plan is for .tiny. version 1\.0") as caught:
        report_progress(read_plan(plan_xlsx), score_file(EXAMPLE))
    assert caught.value.exit_code == 4


def test_welsh_plan_labels_match_the_english_ones() -> None:
    """cy.yaml has every key of en.yaml with the same {placeholders}, and says it is a draft."""
    import re

    from coprod.report.labels import read_labels

    en, cy = read_labels("en", "plan"), read_labels("cy", "plan")
    assert set(en) <= set(cy)
    for key, text in en.items():
        assert set(re.findall(r"{(\w+)}", text)) == set(re.findall(r"{(\w+)}", cy[key])), key
    assert "draft" in cy["translation_status"]


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_every_word_coprod_writes_is_read_back(lang: str) -> None:
    """Each heading, status, type and priority coprod writes reads back as itself."""
    from coprod.plan.cells import read_word, word_table
    from coprod.plan.write import ACTION_COLUMNS, TARGET_COLUMNS
    from coprod.report.labels import labels

    t = labels(lang, "plan")
    keys = [*ACTION_COLUMNS, *TARGET_COLUMNS]
    keys += [f"status_{s}" for s in ("not_started", "under_way", "done", "dropped")]
    keys += ["kind_action", "kind_discussion", "level_high", "level_medium", "level_low"]
    for key in keys:
        group = [k for k in keys if k.split("_")[0] == key.split("_")[0]]
        assert read_word(t[key], word_table(group)) == key, key


def test_welsh_page_from_an_english_plan_uses_the_questionnaires_welsh(tmp_path: Path) -> None:
    """An action still worded as the questionnaire has it appears in Welsh on a Welsh page;
    one the team wrote stays as written, marked as English for screen readers."""
    from coprod.plan.feedback import build_feedback

    made = make_plan(EXAMPLE, "en", MADE)
    path = write_plan(made.plan, made.questionnaire, tmp_path / "plan.xlsx")
    put(path, "Actions", "A1", "Status", "done")
    put(path, "Actions", "A2", "Status", "done")
    put(path, "Actions", "A2", "Action", "Run a carers' coffee morning.")
    read = read_plan(path)
    page = build_feedback(read.plan, read.loaded.questionnaire, "cy")
    did = page.sections[0].items
    assert did[0].text.startswith("Ychwanegwch ddau gwestiwn")
    assert (
        did[1].text == "Run a carers' coffee morning." and getattr(did[1].text, "lang", "") == "en"
    )


def _renamed(folder: Path, to: Path, service: str) -> Path:
    """A copy of a round's folder with every response's service renamed."""
    import shutil

    shutil.copytree(folder, to)
    for f in (to / "responses").iterdir():
        f.write_text(f.read_text(encoding="utf-8").replace("Housing", service), encoding="utf-8")
    return to


def test_plan_goes_to_its_own_service_among_several(
    plan_xlsx: Path, tmp_path: Path, rounds: tuple[Path, Path, Path]
) -> None:
    """With Housing and Parks compared, the Housing plan is shown for Housing; with Parks and
    Libraries only, it is refused (exit code 4) naming the groups found."""
    _, base, follow = rounds
    parks = [_renamed(base, tmp_path / "pb", "Parks"), _renamed(follow, tmp_path / "pf", "Parks")]
    c = run_compare([base, follow, *parks], Options(over_time=True))
    build, warnings = comparison_progress(read_plan(plan_xlsx), c)
    assert build("en", "").unit == "The plan is for: Housing" and warnings == []
    libs = [
        _renamed(base, tmp_path / "lb", "Libraries"),
        _renamed(follow, tmp_path / "lf", "Libraries"),
    ]
    other = run_compare([*parks, *libs], Options(over_time=True))
    with pytest.raises(MismatchError, match="not one of the 2 groups compared") as caught:
        comparison_progress(read_plan(plan_xlsx), other)
    assert caught.value.exit_code == 4


def test_one_group_of_another_name_gets_the_plan_with_a_warning(
    plan_xlsx: Path, tmp_path: Path, rounds: tuple[Path, Path, Path]
) -> None:
    """A service renamed since the baseline still gets its plan, and the user is told."""
    _, base, follow = rounds
    parks = [_renamed(base, tmp_path / "pb", "Parks"), _renamed(follow, tmp_path / "pf", "Parks")]
    c = run_compare(parks, Options(over_time=True))
    _, warnings = comparison_progress(read_plan(plan_xlsx), c)
    assert warnings == [
        "the plan was made for 'Housing'; it is shown beside the one group compared, 'Parks'."
    ]
