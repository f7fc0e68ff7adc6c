"""The workshop group report (`coprod batch --format html|pdf`): what a trainer reads in it."""

from __future__ import annotations

import csv
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coprod.batch.report import build_group_report
from coprod.batch.room import group_scores
from coprod.batch.run import BatchResult, run_batch
from coprod.batch.write import write_batch
from coprod.cli import app
from tests.axecheck import assert_accessible
from tests.conftest import SMALL
from tests.sheetfixtures import google_forms_csv

runner = CliRunner()


class Tables(HTMLParser):
    """Every <table id=...> of a page as rows of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._table: str | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open a table, row or cell."""
        if tag == "table":
            self._table = dict(attrs).get("id") or f"table{len(self.tables)}"
            self.tables[self._table] = []
        elif tag == "tr" and self._table:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        """Close a table, row or cell."""
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None and self._table:
            self.tables[self._table].append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        """Collect a cell's text."""
        if self._cell is not None:
            self._cell.append(data)


def tables(page: str) -> dict[str, list[list[str]]]:
    """The page's tables by id."""
    parser = Tables()
    parser.feed(page)
    return parser.tables


def pdf_text(data: bytes) -> str:
    """All text of a PDF, whitespace collapsed."""
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def f1(value: float | None) -> str:
    """A figure as the report prints it."""
    return "–" if value is None else f"{value:.1f}"


@pytest.fixture
def room(small: Path, tmp_path: Path) -> tuple[BatchResult, Path]:
    """The six-person Google Forms workshop, by perspective, with its group report as HTML."""
    sheet = google_forms_csv(tmp_path)
    result = run_batch([sheet], small, by="perspective")
    out = tmp_path / "out"
    write_batch(result, out, ["csv", "html"], responses=False)
    return result, out


def sheet_by_id(folder: Path, rows: list[list[str]], name: str = "room.csv") -> Path:
    """A sheet typed up from paper with question ids as headers."""
    path = folder / name
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(
            [["participant", "organisation", "perspective", "a1", "a2", "p1", "p2", "p3"], *rows]
        )
    return path


def test_report_has_every_section(room: tuple[BatchResult, Path]) -> None:
    """One h1, then participation, spread, answers, contested, gaps, recommendations, method."""
    _, out = room
    page = (out / "group-report.html").read_text(encoding="utf-8")
    assert page.count("<h1") == 1
    for heading in (
        "At a glance",
        "Who took part",
        "Principle scores and spread",
        "Scores by perspective",
        "Contested questions",
        "Perspective gaps",
        "Recommendations for the room&#39;s scores",
        "Answers to each question",
        "How the scores were worked out",
    ):
        assert f">{heading}</h" in page, heading
    assert 'role="img"' in page and "<desc" in page
    assert "share of answers within one level of the room&#39;s median level" in page


def test_spread_table_equals_group_stats_csv(room: tuple[BatchResult, Path]) -> None:
    """The principle table shows batch's own n, mean, median, sd, IQR, range and consensus."""
    result, out = room
    rows = tables((out / "group-report.html").read_text(encoding="utf-8"))["table-spread"]
    with (out / "group-stats.csv").open(encoding="utf-8-sig", newline="") as handle:
        stats = [
            r
            for r in csv.DictReader(handle)
            if r["group"] == "everyone" and r["kind"] != "question"
        ]
    by_id = {r["id"]: r for r in stats}
    shown = {row[0]: row for row in rows[1:]}
    for label, pid in (
        ("1. People are assets", "assets"),
        ("2. Sharing power", "power"),
        ("Overall score", "overall"),
    ):
        s = by_id[pid]
        row = shown[label]
        assert row[1] == s["n"]
        assert row[2] == f1(float(s["mean"]))
        assert row[4] == f1(float(s["median"]))
        assert row[5] == f1(float(s["sd"]))
        assert row[6] == f"{f1(float(s['q1']))}–{f1(float(s['q3']))}"
        assert row[7] == f"{f1(float(s['min']))}–{f1(float(s['max']))}"
        assert row[8] == f"{float(s['consensus']):g}%"
    # The same figures, checked by hand for this room of six.
    assert shown["1. People are assets"][1:3] == ["6", "52.8"]
    assert shown["2. Sharing power"][2] == "41.7"
    assert shown["Overall score"][2] == "45.4"
    assert result.stats.everyone.overall is not None
    assert result.stats.everyone.overall.summary.mean == 45.4


def test_distribution_and_group_tables_match_the_room(room: tuple[BatchResult, Path]) -> None:
    """Each question's answer counts, and each perspective's means, are batch's figures."""
    result, out = room
    found = tables((out / "group-report.html").read_text(encoding="utf-8"))
    assert found["table-a1"][1:] == [
        ["1 Not yet", "1", "20%"],
        ["2 Starting", "1", "20%"],
        ["3 Developing", "1", "20%"],
        ["4 Established", "1", "20%"],
        ["5 Leading", "1", "20%"],
    ]
    assert found["table-p1"][1:] == [["Yes", "3", "50%"], ["No", "3", "50%"]]
    groups = {g.name: g for g in result.stats.groups}
    header, people, *rest = found["table-groups"]
    assert header == ["Item", "Everyone", "Lived experience", "Staff"]
    assert people == ["People", "6", "3", "3"]
    assets = next(r for r in rest if r[0] == "1. People are assets")
    staff = groups["staff"].principles[0].summary
    assert assets[3] == f"{f1(staff.mean)} ({staff.n})"


def test_contested_items_and_gaps_come_with_discussion_questions(
    room: tuple[BatchResult, Path],
) -> None:
    """Every contested question and every perspective gap is listed with a question to discuss."""
    result, out = room
    report = build_group_report(result)
    assert [p.anchor for p in report.contested] == [
        f"q-{c.id}" for c in result.stats.everyone.contested
    ]
    assert {p.anchor for p in report.gaps} == {"spread", "p-assets", "p-power", "q-p1"}
    page = (out / "group-report.html").read_text(encoding="utf-8")
    assert "The room is split (Yes: 3, No: 3)" in page
    assert "Answers ran from “1 Not yet” to “5 Leading”" in page
    assert "score this 44.4 points higher than staff" in page
    assert page.count("Question for discussion:") == len(report.contested) + len(report.gaps)


def test_recommendations_follow_the_rooms_scores(small: Path, tmp_path: Path) -> None:
    """A room low on assets that mostly says 'no board seat' gets both recommendations."""
    rows = [[f"P{i}", "", "staff", "1", "2", "no" if i < 3 else "yes", "", ""] for i in range(4)]
    result = run_batch([sheet_by_id(tmp_path, rows)], small)
    assert [r.id for r in group_scores(result).recommendations] == ["assets-low", "power-board"]
    titles = [r.title for r in build_group_report(result).recommendations]
    assert titles == ["Start strengths-based conversations", "Open a board seat"]


def test_a_tie_triggers_no_question_rule(room: tuple[BatchResult, Path]) -> None:
    """Three yes and three no to the board question: the room has no typical answer, no rule."""
    result, out = room
    assert group_scores(result).recommendations == []
    page = (out / "group-report.html").read_text(encoding="utf-8")
    assert "No recommendations apply to the room&#39;s scores." in page


def test_small_groups_are_counted_together_and_named(small: Path, tmp_path: Path) -> None:
    """Two small organisations (2 and 1 people) are shown together as 'Other groups'."""
    rows = [[f"R{i}", "Riverside Council", "staff", "3", "3", "yes", "3", ""] for i in range(4)]
    rows += [[f"H{i}", "Hillview Trust", "staff", "4", "4", "no", "", ""] for i in range(3)]
    rows += [[f"T{i}", "Tinyparish Council", "staff", "1", "1", "no", "", ""] for i in range(2)]
    rows += [["O1", "Oneoff Trust", "staff", "2", "2", "no", "", ""]]
    result = run_batch([sheet_by_id(tmp_path, rows)], small, by="organisation")
    out = tmp_path / "out"
    write_batch(result, out, ["html", "pdf"], responses=False)
    page = (out / "group-report.html").read_text(encoding="utf-8")
    text = pdf_text((out / "group-report.pdf").read_bytes())
    for shown in (page, text):
        assert "Oneoff Trust, Tinyparish Council: fewer than 3 people" in shown
        assert "counted with Other groups" in shown
        assert "--combine" in shown
    assert tables(page)["table-people"][1:] == [
        ["Hillview Trust", "3"],
        ["Riverside Council", "4"],
        ["Other groups", "3"],
    ]
    assert ["People", "10", "3", "4", "3"] in tables(page)["table-groups"]


def test_one_person_joins_the_only_group_and_the_gap_sentence_says_why(
    small: Path, tmp_path: Path
) -> None:
    """Five staff and one person with lived experience: counted with staff, and said so."""
    rows = [[f"S{i}", "", "staff", "3", "3", "yes", "3", ""] for i in range(5)]
    rows += [["L1", "", "lived experience", "1", "1", "no", "", ""]]
    result = run_batch([sheet_by_id(tmp_path, rows)], small, by="perspective")
    out = tmp_path / "out"
    write_batch(result, out, ["csv", "html"], responses=False)
    page = (out / "group-report.html").read_text(encoding="utf-8")
    gaps = page[page.index('id="gaps"') :].split("</section>")[0]
    assert "fewer answered as lived experience, so they are counted with another group" in gaps
    assert tables(page)["table-people"][1:] == [["Staff (with Lived experience)", "6"]]
    stats = _rows_of(out / "group-stats.csv")
    assert {r["group"] for r in stats if r["people"]} == {"everyone", "staff"}


def _rows_of(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_hostile_text_is_escaped(small: Path, tmp_path: Path) -> None:
    """Markup in the questionnaire and in a group's name shows as text, never runs."""
    questionnaire = tmp_path / "evil.yaml"
    questionnaire.write_text(
        SMALL.replace("Do you ask what people can offer?", "<script>alert('q')</script> offer"),
        encoding="utf-8",
    )
    evil = "<img src=x onerror=alert(1)>"
    rows = [[f"E{i}", evil, "staff", "3", "2", "yes", "2", "<b>bold</b>"] for i in range(3)]
    result = run_batch([sheet_by_id(tmp_path, rows)], questionnaire, by="organisation")
    out = tmp_path / "out"
    write_batch(result, out, ["html"], responses=False)
    page = (out / "group-report.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "<img" not in page and "<b>bold" not in page
    assert "&lt;script&gt;alert(&#39;q&#39;)&lt;/script&gt; offer" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_pdf_is_tagged_with_title_and_language(room: tuple[BatchResult, Path]) -> None:
    """The PDF has a structure tree, /Lang en, the report's /Title, page numbers and the figures."""
    pypdf = pytest.importorskip("pypdf")
    result, out = room
    write_batch(result, out, ["pdf"], responses=False)
    data = (out / "group-report.pdf").read_bytes()
    reader = pypdf.PdfReader(BytesIO(data))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en"
    assert reader.metadata.title == "Workshop group report: Small test questionnaire"
    text = pdf_text(data)
    assert "Principle scores and spread" in text and "52.8" in text
    assert "Page 2 of" in text


def test_command_writes_the_group_report_only_when_asked(small: Path, tmp_path: Path) -> None:
    """`-f html -f pdf` adds group-report.html and .pdf; the default writes data files only."""
    sheet = google_forms_csv(tmp_path)
    out = tmp_path / "out"
    args = ["batch", str(sheet), "-q", str(small), "--out", str(out), "--no-responses"]
    result = runner.invoke(app, [*args, "-f", "html,pdf"])
    assert result.exit_code == 0, result.output
    assert (out / "group-report.html").is_file()
    assert (out / "group-report.pdf").read_bytes().startswith(b"%PDF")
    plain = tmp_path / "plain"
    result = runner.invoke(app, [*args[:-3], "--out", str(plain), "--no-responses"])
    assert result.exit_code == 0, result.output
    assert not list(plain.glob("group-report.*"))
    bad = runner.invoke(app, [*args, "-f", "docx"])
    assert bad.exit_code == 2
    assert "csv, xlsx, json, html, pdf" in bad.output


def test_axe_finds_no_wcag_violations(room: tuple[BatchResult, Path]) -> None:
    """axe-core in headless Chromium: no WCAG 2.2 A/AA violations, no sideways scroll at 320px."""
    _, out = room
    assert_accessible(out / "group-report.html")


def workshop_of_twelve(folder: Path) -> Path:
    """The issue's workshop: 6 staff, 5 people with lived experience and 1 carer."""
    rows = [[f"Staff {i}", "", "staff", "4", "4", "yes", "4", ""] for i in range(6)]
    rows += [[f"Lived {i}", "", "lived experience", "2", "2", "no", "", ""] for i in range(5)]
    rows += [["Ceri Cwm", "", "carer", "2", "3", "no", "", "Ask Ceri Cwm and Staff 1 first."]]
    return sheet_by_id(folder, rows)


def test_twelve_person_workshop_shows_both_perspectives_and_the_gaps(
    small: Path, tmp_path: Path
) -> None:
    """6 staff, 5 lived experience, 1 carer: both shown, the carer combined, the gap table there."""
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        [
            "batch",
            str(workshop_of_twelve(tmp_path)),
            "-q",
            str(small),
            "--by",
            "perspective",
            "--format",
            "html,pdf",
            "--out",
            str(out),
            "--no-responses",
        ],
    )
    assert result.exit_code == 0, result.output
    shown = " ".join(result.stdout.split())
    said = " ".join(result.stderr.split())
    assert "lived_experience (with carer): 6 people" in shown and "staff: 6 people" in shown
    assert "note: carer: fewer than 3 people, so counted with lived_experience" in said
    assert "use --combine carer=staff." in said
    page = (out / "group-report.html").read_text(encoding="utf-8")
    assert tables(page)["table-people"][1:] == [
        ["Lived experience (with Carer)", "6"],
        ["Staff", "6"],
    ]
    gaps = page[page.index('id="gaps"') :].split("</section>")[0]
    assert "Staff mean" in gaps and "Lived experience mean" in gaps
    text = pdf_text((out / "group-report.pdf").read_bytes())
    assert "Carer: fewer than 3 people, so counted with Lived experience" in text


def test_written_answers_are_shown_only_when_asked_without_names(
    small: Path, tmp_path: Path
) -> None:
    """--show-text puts the written answers in the report with participants' names taken out."""
    sheet = workshop_of_twelve(tmp_path)
    for extra, shown in (([], False), (["--show-text"], True)):
        out = tmp_path / f"out{len(extra)}"
        args = ["batch", str(sheet), "-q", str(small), "-f", "html", "-o", str(out), *extra]
        assert runner.invoke(app, [*args, "--no-responses"]).exit_code == 0
        page = (out / "group-report.html").read_text(encoding="utf-8")
        assert ("Ask [name] and [name] first." in page) is shown
        assert "Ceri Cwm" not in page
        assert ("run coprod batch with --show-text" in page) is not shown


@pytest.mark.parametrize(
    ("combine", "code", "message"),
    [
        ("carer", 2, "should be GROUP=INTO"),
        ("carers=staff", 1, "no group is called 'carers'; the groups are: carer, "),
    ],
)
def test_combine_errors_say_how_to_fix(
    small: Path, tmp_path: Path, combine: str, code: int, message: str
) -> None:
    """A --combine that is not GROUP=INTO, or names no group in the sheet, is one clear line."""
    sheet = workshop_of_twelve(tmp_path)
    args = ["batch", str(sheet), "-q", str(small), "--by", "perspective", "--combine", combine]
    result = runner.invoke(app, [*args, "-o", str(tmp_path / "o")])
    assert result.exit_code == code
    assert message in " ".join(result.output.split())
    assert "Traceback" not in result.output


def test_shares_are_of_people_and_yes_no_reads_as_share_yes(small: Path, tmp_path: Path) -> None:
    """Yes/no shows '% answered yes', not a median and spread of 0/100 scores."""
    result = run_batch([workshop_of_twelve(tmp_path)], small, by="perspective")
    report = build_group_report(result)
    p1 = next(x for p in report.principles for x in p.questions if x.id == "p1")
    assert ("Answered yes", "50% (6 / 12)") in p1.figures
    assert all(label != "Median" for label, _ in p1.figures)
    assert p1.rows == [("Yes", "6", "50%"), ("No", "6", "50%")]


def _room_report(tmp_path: Path, qid: str) -> str:
    """A 20-person room answering built-in ``qid``: its group report's HTML."""
    from tests.roomfixtures import batch_room

    _, out = batch_room(tmp_path, qid, "-f", "html")
    return (out / "group-report.html").read_text(encoding="utf-8")


def _spread_part(page: str) -> str:
    return page.split('id="spread"', 1)[1].split("</section>", 1)[0]


def test_a_ladders_spread_has_no_mean_anywhere(tmp_path: Path) -> None:
    """On a ladder the box plot has no mean dot and the table no mean or sd: median rungs only."""
    part = _spread_part(_room_report(tmp_path, "ladder"))
    chart, table = part.split("<table", 1)
    assert "<circle" not in chart and "mean " not in chart.split("<desc", 1)[1].split("</desc>")[0]
    headers = [h.split(">", 1)[1] for h in table.split("<th")[1:7]]
    assert not any(h.startswith(("Mean", "Spread")) for h in headers)
    assert "a mean of rungs means nothing" in part


def test_an_audits_spread_is_in_marks_without_a_level_column(tmp_path: Path) -> None:
    """The audit names no levels, so no empty Level column; its means are written in marks."""
    page = _room_report(tmp_path, "audit")
    part = _spread_part(page)
    assert ">Level<" not in part and "<circle" in part
    assert "is marked as a group marks an audit by hand" in page
