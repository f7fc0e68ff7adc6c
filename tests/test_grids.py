"""Grid questions (coprod/questionnaire/grids.py): one stem, rows asked one by one, one scale."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coprod.cli import app
from coprod.model import pick
from coprod.questionnaire.grids import runs
from coprod.questionnaire.load import load_questionnaire

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
