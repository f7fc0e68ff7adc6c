"""Grid questions (coprod/questionnaire/grids.py): one stem, rows asked one by one, one scale."""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coprod.cli import app
from coprod.files.tables import csv_text
from coprod.forms.paper import build_paper_form, paper_html
from coprod.forms.sheet import template_header
from coprod.model import Questionnaire, pick
from coprod.questionnaire.grids import runs
from coprod.questionnaire.load import load_questionnaire
from coprod.responses.files import load_response
from tests.axecheck import assert_accessible

Write = Callable[[str, str], Path]
GRIDS = Path(__file__).parent / "fixtures" / "grids"
WORKSHOP = GRIDS / "workshop.yaml"
SOURCE = WORKSHOP.read_text(encoding="utf-8")
ROWS = ["feel.listened", "feel.informed", "feel.respected", "feel.changed"]


def test_a_grid_loads_as_one_question_per_row() -> None:
    """Each row becomes a question '<grid>.<row>' with the row's text, remembering its grid."""
    q = load_questionnaire(WORKSHOP).questionnaire
    ids = [*ROWS, "again", "offered.travel", "offered.welsh", "change"]
    assert [x.id for x in q.questions] == ids
    second = q.question("feel.informed")
    assert second is not None and second.grid is not None
    assert pick(second.text, "en") == "I was kept informed"
    assert pick(second.grid.text, "cy") == "I ba raddau ydych chi'n cytuno â phob un o'r rhain?"
    assert (second.grid.id, second.grid.row, second.grid.rows) == ("feel", 2, 4)
    assert second.type == "scale" and getattr(second, "scale", None) == "agree5"
    assert second.sources == ["own"] and second.rows is None
    assert pick(second.help, "en") == "Think about the workshop as a whole."
    assert q.question("feel") is None and q.question("again") is not None
    assert q.question("again").grid is None  # type: ignore[union-attr]


def test_rows_are_numbered_like_other_questions_and_run_together() -> None:
    """Rows take the next numbers in their part; runs() puts each grid's rows side by side."""
    q = load_questionnaire(WORKSHOP).questionnaire
    assert q.numbers()["feel.changed"] == "1.4" and q.numbers()["again"] == "1.5"
    assert [[x.id for x in run] for run in runs(q.questions)] == [
        ROWS,
        ["again"],
        ["offered.travel", "offered.welsh"],
        ["change"],
    ]


def test_rules_conditions_and_earlier_versions_name_rows(write: Write) -> None:
    """A rule, a condition and an earlier version's 'same' may name a row's question id."""
    text = SOURCE.replace(
        'version: "1.0"',
        'version: "2.0"\nearlier_versions:\n  - {version: "1.0", same: [feel.listened]}',
    )
    when = "        when: {question: feel.changed, at_least: 3}\n"
    text = text.replace("      - id: again\n", "      - id: again\n" + when)
    text += (
        "recommendations:\n  - id: listen\n    when: {question: feel.listened, at_most: 2}\n"
        "    title: Listen first\n    actions: [Ask people what matters to them.]\n"
    )
    result = CliRunner().invoke(app, ["validate", str(write("q.yaml", text))])
    assert result.exit_code == 0, result.output


def _edit(old: str, new: str) -> str:
    assert old in SOURCE
    return SOURCE.replace(old, new, 1)


TRAVEL = "          - {id: travel, text: {en: Travel costs paid, cy: Talu costau teithio}}\n"


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        (
            _edit(TRAVEL, ""),
            "q.yaml:61:11: principles[1].questions[0].rows",
            "a grid needs at least 2 rows; 'offered' has 1. Fix: add rows, or make it a "
            "question of its own (without 'rows:').",
        ),
        (
            _edit(
                "        type: text\n",
                "        type: text\n        rows: [{id: a, text: A}, {id: b, text: B}]\n",
            ),
            "q.yaml:64:15: principles[1].questions[1].type",
            "a text question cannot be a grid: a grid's rows share one scale or one set of "
            "choices. Fix: use type scale, yes_no, single_choice or multiple_choice, or ask "
            "each row as a question of its own.",
        ),
        (
            _edit("{id: informed,", "{id: listened,"),
            "q.yaml:42:18: principles[0].questions[0].rows[1].id",
            "row id 'listened' is used twice in grid 'feel'. Fix: make row ids unique.",
        ),
        (
            _edit("{id: informed,", "{id: Listened,"),
            "q.yaml:42:18: principles[0].questions[0].rows[1].id",
            "row id 'Listened' reads the same as row id 'listened' at",
        ),
        (
            _edit("      - id: again\n", "      - id: feel_listened\n"),
            "q.yaml:41:18: principles[0].questions[0].rows[0].id",
            "row 'listened' of grid 'feel' is answered as 'feel.listened', which reads the same "
            "as id 'feel_listened' at",
        ),
        (
            _edit("      - id: again\n", "      - id: feel.informed\n"),
            "q.yaml:42:18: principles[0].questions[0].rows[1].id",
            "row 'informed' of grid 'feel' is answered as 'feel.informed', which is already the "
            "id at",
        ),
        (
            _edit("{id: listened,", "{id: " + "l" * 60 + ","),
            "q.yaml:41:18: principles[0].questions[0].rows[0].id",
            "is 65 characters long; ids are at most 64. Fix: shorten the grid's id or the row's.",
        ),
        (
            _edit("        scale: agree5\n", ""),
            "q.yaml:34:9: principles[0].questions[0]",
            "'scale' is missing. Fix: add 'scale:' here.",
        ),
        (
            _edit(
                "        text: {en: How far do you agree with each of these?, cy: I ba raddau "
                "ydych chi'n cytuno â phob un o'r rhain?}\n",
                "",
            ),
            "q.yaml:34:9: principles[0].questions[0]",
            "'text' is missing. Fix: add 'text:' here.",
        ),
        (
            _edit("{id: listened, text:", "{id: listened, weight: 2, text:"),
            "q.yaml:41:28: principles[0].questions[0].rows[0].weight",
            "'weight' does not belong here. Fix: check its indentation",
        ),
    ],
    ids=[
        *("one-row", "text", "row-twice", "rows-alike", "clash", "same-id", "long"),
        *("no-scale", "no-stem", "row-key"),
    ],
)
def test_each_grid_mistake_is_one_located_message(
    write: Write, text: str, where: str, message: str
) -> None:
    """coprod validate names each grid mistake once, with its line, and exits 1."""
    path = write("q.yaml", text)
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.output
    assert errors[0].startswith(f"error: {path.parent}/{where}: ")
    assert message in errors[0]


def test_a_rule_on_the_grid_itself_is_refused(write: Write) -> None:
    """A rule must name a row, not the grid: the grid id is answered under no question."""
    text = SOURCE + (
        "recommendations:\n  - id: listen\n    when: {question: feel, at_most: 2}\n"
        "    title: Listen first\n    actions: [Ask people what matters to them.]\n"
    )
    result = CliRunner().invoke(app, ["validate", str(write("q.yaml", text))])
    assert result.exit_code == 1
    assert "recommendations[0].when.question: there is no question 'feel'." in result.output


def test_the_format_doc_grid_example_is_valid(tmp_path: Path) -> None:
    """docs/questionnaire-format.md's grid example passes coprod validate, rows and all."""
    doc = (Path(__file__).parent.parent / "docs" / "questionnaire-format.md").read_text("utf-8")
    block = doc.split("<!-- example: grid -->")[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "grid.yaml"
    path.write_text(block, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 0 and "warning" not in result.output, result.output
    q = load_questionnaire(path).questionnaire
    assert [x.id for x in q.questions] == ["feel.listened", "feel.informed", "feel.changed"]


# --- coprod assess ------------------------------------------------------------------


def test_assess_asks_each_row_under_its_stem(tmp_path: Path) -> None:
    """Each row is its own screen: the stem, then 'Row 2 of 4: ...', numbered 1.2."""
    out = tmp_path / "a.yaml"
    args = ["assess", str(WORKSHOP), "--out", str(out), "--organisation", "A", "--service", "B"]
    args += ["--role", "C", "--perspective", "staff"]
    typed = ["4", "5", "3", "2", "1", "1", "2", "More tea", ""]
    result = CliRunner().invoke(app, args, input="\n".join(typed) + "\n")
    assert result.exit_code == 0, result.output
    screen = result.output.split("Question 1.2 · Having a say (2 of 8)\n")[1]
    assert screen.startswith(
        "How far do you agree with each of these?\nRow 2 of 4: I was kept informed\n"
        "Think about the workshop as a whole.\n"
    )
    assert "Row 2 of 2: Taking part in Welsh" in result.output
    assert "Question 1.5 · Having a say (5 of 8)\nWould you come" in result.output
    answers = load_response(out).answers
    assert [answers[r].value for r in ROWS] == [4, 5, 3, 2]
    assert answers["offered.welsh"].value == "no"


def test_assess_in_welsh_words_the_row_line(tmp_path: Path) -> None:
    """In Welsh the stem and the row line are Welsh too."""
    args = ["assess", str(WORKSHOP), "--lang", "cy", "--out", str(tmp_path / "a.yaml")]
    args += ["--organisation", "A", "--service", "B", "--role", "C", "--perspective", "staff"]
    result = CliRunner().invoke(app, args, input="4\nq\n")
    assert "I ba raddau ydych chi'n cytuno â phob un o'r rhain?\nRhes 1 o 4: Cefais fy " in (
        result.output
    )


# --- coprod template and coprod batch -------------------------------------------------


def test_template_heads_each_row_stem_and_row() -> None:
    """One column per row, 'id: 1.2 Stem [Row]', in one language or two."""
    q = load_questionnaire(WORKSHOP).questionnaire
    header = template_header(q)
    assert header[4:7] == [
        "feel.listened: 1.1 How far do you agree with each of these? [I was listened to]",
        "feel.informed: 1.2 How far do you agree with each of these? [I was kept informed]",
        "feel.respected: 1.3 How far do you agree with each of these? [My experience was "
        "respected]",
    ]
    assert header[8] == "again: 1.5 Would you come to another workshop?"
    assert template_header(q, "en+cy")[10] == (
        "offered.welsh: 2.2 A gynigiwyd pob un o'r rhain i chi? / Were you offered each of "
        "these? [Cymryd rhan yn Gymraeg / Taking part in Welsh]"
    )


GOOGLE = GRIDS / "google-forms-grid.csv"
# Per person: voice (the four rows and 'again'), access (the two rows) and overall.
GOOGLE_SCORES = [
    ("Aled", "80.0", "100.0", "90.0"),
    ("Bethan", "70.0", "50.0", "60.0"),
    ("Cerys", "20.0", "0.0", "10.0"),
    ("Dafydd", "95.0", "50.0", "72.5"),
    ("Eleri", "68.8", "100.0", "84.4"),  # 50, 75 and 50 (one row left blank): 68.75
    ("Ffion", "75.0", "100.0", "87.5"),
]


def _scores(folder: Path) -> list[tuple[str, str, str, str]]:
    rows = list(csv.DictReader(io.StringIO((folder / "scores.csv").read_text("utf-8-sig"))))
    return [(r["participant"], r["voice"], r["access"], r["overall"]) for r in rows]


@pytest.mark.parametrize(
    ("name", "layout"),
    [
        ("google-forms-grid.csv", "Google Forms layout, 1 header row, 6 people"),
        ("surveymonkey-grid.csv", "SurveyMonkey (expanded) layout, 2 header rows, 6 people"),
    ],
)
def test_batch_reads_a_survey_tools_grid_export(name: str, layout: str, tmp_path: Path) -> None:
    """Google Forms' 'Stem [Row]' columns and SurveyMonkey's stem-over-rows header rows feed
    each row; figures worked out by hand."""
    result = CliRunner().invoke(
        app, ["batch", str(GRIDS / name), "-q", str(WORKSHOP), "--out", str(tmp_path / "b")]
    )
    assert result.exit_code == 0, result.output
    assert layout in result.output
    assert "Questions: 8 of 8 matched (8 by text)" in result.output
    assert _scores(tmp_path / "b") == GOOGLE_SCORES


def test_batch_reads_the_template_and_plain_id_columns(tmp_path: Path) -> None:
    """The template's own headers and bare ids ('feel.informed') feed the same rows."""
    q = load_questionnaire(WORKSHOP).questionnaire
    rows = list(csv.reader(io.StringIO(GOOGLE.read_text("utf-8"))))
    for header, name in ((template_header(q), "template"), (_ids(q), "ids")):
        sheet = tmp_path / f"{name}.csv"
        body = [["Aled", "", "", "staff", *r[4:]] for r in rows[1:2]]
        sheet.write_text(csv_text(header, body), encoding="utf-8")
        result = CliRunner().invoke(
            app, ["batch", str(sheet), "-q", str(WORKSHOP), "--out", str(tmp_path / name)]
        )
        assert result.exit_code == 0, result.output
        assert "Questions: 8 of 8 matched (8 by id)" in result.output
        assert _scores(tmp_path / name) == GOOGLE_SCORES[:1]


def _ids(q: Questionnaire) -> list[str]:
    return ["participant", "organisation", "service", "perspective"] + [x.id for x in q.questions]


@pytest.mark.parametrize("name", ["google-forms-grid.csv", "surveymonkey-grid.csv"])
def test_two_grids_sharing_a_row_text_are_told_apart_by_their_stems(
    name: str, write: Write, tmp_path: Path
) -> None:
    """A row named with its stem is found even when another grid has a row with its text."""
    old, new = "Taking part in Welsh", "I was listened to"
    q_path = write("q.yaml", SOURCE.replace(f"{old}, cy: Cymryd rhan yn Gymraeg", f"{new}, cy: x"))
    sheet = write(name, (GRIDS / name).read_text("utf-8").replace(old, new))
    result = CliRunner().invoke(
        app, ["batch", str(sheet), "-q", str(q_path), "--out", str(tmp_path / "b")]
    )
    assert result.exit_code == 0, result.output
    assert "Questions: 8 of 8 matched (8 by text)" in result.output
    assert _scores(tmp_path / "b") == GOOGLE_SCORES


# --- what people read: reports, the group report, the paper form, coprod show ------------

ANSWERS = """\
format: 1
questionnaire: {id: workshop, version: "1.0", path: PATH}
respondent: {organisation: Afon Valley CBC, service: Carers' Support Service, perspective: carer}
completed: "2026-11-02T10:12:40+00:00"
answers:
  feel.listened: {value: 4}
  feel.informed: {value: 2, note: Nobody told us the date had moved.}
  feel.respected: {value: 5}
  feel.changed: {status: dont_know}
  again: {value: "yes"}
  offered.travel: {value: "yes"}
  offered.welsh: {value: "no"}
"""


def _section(page: str, start: str, end: str = "</section>") -> str:
    return page.split(start, 1)[1].split(end, 1)[0]


def _text(html: str) -> list[str]:
    """The words of some HTML, one string per element's text, tags and blanks left out."""
    return [part.strip() for part in re.split(r"<[^>]+>", html) if part.strip()]


def test_report_shows_a_grid_as_one_table_under_its_stem(write: Write, tmp_path: Path) -> None:
    """The stem once as a heading, then a row per statement: answer, score, note."""
    response = write("r.yaml", ANSWERS.replace("PATH", str(WORKSHOP)))
    out = tmp_path / "r.html"
    result = CliRunner().invoke(app, ["report", str(response), "-f", "html", "--out", str(out)])
    assert result.exit_code == 0, result.output
    page = html.unescape(out.read_text("utf-8"))
    principle = _section(page, 'id="p-voice"', 'id="p-access"')
    assert principle.count("How far do you agree with each of these?</h3>") == 1
    grid = _section(principle, '<section class="question grid-question"')
    assert _text(grid.split("<tbody>")[1]) == [
        *("1.1", "I was listened to", "4 – Agree", "75.0"),
        *(
            "1.2",
            "I was kept informed",
            "2 – Disagree",
            "25.0",
            "Nobody told us the date had moved.",
        ),
        *("1.3", "My experience was respected", "5 – Strongly agree", "100.0"),
        *("1.4", "What I said changed something", "Don't know", "–"),
    ]
    assert _text(grid.split("</h3>")[0])[1:] == [
        "1.1–1.4",
        "How far do you agree with each of these?",
    ]
    assert "<h3" not in grid.split("</h3>")[1]  # no row is a question section of its own
    assert "1.5</span> Would you come to another workshop?</h3>" in principle
    appendix = _section(page, 'id="appendix"')
    assert "1.1–1.4</span> How far do you agree with each of these?</th>" in appendix


def test_group_report_shows_each_rows_figures_and_answers_in_tables(tmp_path: Path) -> None:
    """One section per grid: a figures table and an answers table, a line per row."""
    out = tmp_path / "b"
    result = CliRunner().invoke(
        app, ["batch", str(GOOGLE), "-q", str(WORKSHOP), "--out", str(out), "-f", "html"]
    )
    assert result.exit_code == 0, result.output
    page = html.unescape((out / "group-report.html").read_text("utf-8"))
    answers = _section(page, 'id="answers"', 'id="method"')
    assert answers.count("How far do you agree with each of these?") == 1
    grid = _section(answers, 'id="q-feel"')
    figures, counts = grid.split("<table")[1:3]
    assert _text(figures.split("<tbody>")[0])[1:] == [
        *("Each row's figures", "Question", "People with a score (n)", "Mean", "Median"),
        *("Spread (sd)", "Consensus"),
    ]
    assert _text(figures.split("<tbody>")[1])[:7] == [
        *("1.1", "I was listened to", "6", "70.8", "75.0", "29.2", "83.3%"),
    ]
    assert _text(counts.split("<tbody>")[1])[:7] == [
        *("1.1", "I was listened to", "0 (0%)", "1 (17%)", "1 (17%)", "2 (33%)", "2 (33%)"),
    ]
    assert "1.2: Not applicable: 0 · Don't know: 0 · Not answered: 1" in grid
    assert 'id="q-feel.informed"' in grid  # contested and gap links still land on the row
    offered = _section(answers, 'id="q-offered"')
    assert 'Travel costs paid <span class="flag">Contested</span>' in offered


def test_paper_form_prints_a_grid_as_rows_and_answers_across() -> None:
    """The stem once, then a table: a row per statement, a tick box under each answer."""
    q = load_questionnaire(WORKSHOP).questionnaire
    form = build_paper_form(q)
    boxes = form.principles[0].questions
    assert [(b.number, b.text) for b in boxes] == [
        ("1.1–1.4", "How far do you agree with each of these?"),
        ("1.5", "Would you come to another workshop?"),
    ]
    grid = boxes[0]
    assert grid.instruction == "Tick one box on each row."
    assert grid.rows[1] == ("1.2", "I was kept informed")
    assert grid.columns == [
        *("1 Strongly disagree", "2 Disagree", "3 Neither agree nor disagree", "4 Agree"),
        *("5 Strongly agree", "Not applicable", "Don't know"),
    ]
    page = paper_html(q)
    row = page.split("1.2</span> I was kept informed</th>")[1].split("</tr>")[0]
    assert row.count('<span class="box"') == 7
    welsh = build_paper_form(q, "cy").principles[1].questions[0]
    assert welsh.columns[:2] == ["Do", "Naddo"]
    assert welsh.instruction == "Ticiwch un blwch ar bob rhes."


def test_show_lists_a_grid_once_with_its_rows() -> None:
    """coprod show: the stem with the grid's id, each row's number and id, the scale once."""
    result = CliRunner().invoke(app, ["show", str(WORKSHOP)], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    assert result.output.count("How far do you agree with each of these?") == 1
    assert result.output.count("Strongly disagree") == 1
    block = result.output.split("1.1–1.4 How far do you agree with each of these?  [feel]\n")[1]
    assert block.startswith(
        "   Think about the workshop as a whole.\n   sources: own\n"
        "   1.1 I was listened to  [feel.listened]\n   1.2 I was kept informed  [feel.informed]\n"
    )
    assert "   Each row is answered with:\n   1  Strongly disagree\n" in block


def test_grid_outputs_pass_axe(write: Write, tmp_path: Path) -> None:
    """The report, group report and paper form with grids: no WCAG 2.2 A/AA violations,
    nothing wider than a 320px screen."""
    response = write("r.yaml", ANSWERS.replace("PATH", str(WORKSHOP)))
    report = tmp_path / "r.html"
    CliRunner().invoke(app, ["report", str(response), "-f", "html", "--out", str(report)])
    CliRunner().invoke(
        app, ["batch", str(GOOGLE), "-q", str(WORKSHOP), "--out", str(tmp_path / "b"), "-f", "html"]
    )
    paper = tmp_path / "form.html"
    paper.write_text(paper_html(load_questionnaire(WORKSHOP).questionnaire), encoding="utf-8")
    for page in (report, tmp_path / "b" / "group-report.html", paper):
        assert_accessible(page)


def test_translators_get_each_row_and_their_work_goes_back(tmp_path: Path) -> None:
    """coprod translate: a row's text is a unit named by its row; importing it writes it back."""
    q_path = tmp_path / "workshop.yaml"
    q_path.write_text(SOURCE, encoding="utf-8")
    po = tmp_path / "workshop.po"
    runner = CliRunner()
    result = runner.invoke(
        app, ["translate", "export", str(q_path), "--to", "cy", "--out", str(po)]
    )
    assert result.exit_code == 0, result.output
    text = po.read_text("utf-8")
    assert "#. questionnaire › principle voice › question feel › row informed › text" in text
    old = 'msgstr "Cefais wybod beth oedd yn digwydd"'
    assert old in text
    po.write_text(text.replace(old, 'msgstr "Ces i wybod beth oedd yn digwydd"'), "utf-8")
    result = runner.invoke(app, ["translate", "import", str(po), "--into", str(q_path)])
    assert result.exit_code == 0, result.output
    q = load_questionnaire(q_path).questionnaire
    assert pick(q.question("feel.informed").text, "cy") == "Ces i wybod beth oedd yn digwydd"  # type: ignore[union-attr]


def test_a_published_report_leaves_a_rows_note_out(write: Write, tmp_path: Path) -> None:
    """--no-notes: the grid's table has no note in it, as no other question has."""
    response = write("r.yaml", ANSWERS.replace("PATH", str(WORKSHOP)))
    out = tmp_path / "r.html"
    args = ["report", str(response), "-f", "html", "--no-notes", "--out", str(out)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    page = out.read_text("utf-8")
    assert "I was kept informed" in page and "Nobody told us" not in page
