"""The command line as a user meets it: messages, exit codes, JSON, and a fast --help."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coprod.cli import app
from tests.conftest import SMALL

runner = CliRunner()
Write = Callable[[str, str], Path]


def test_version() -> None:
    """--version prints the version."""
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.startswith("coprod ")


def test_every_command_has_help_with_an_example() -> None:
    """Every command's --help works and shows an example."""
    commands = [c.name or c.callback.__name__ for c in app.registered_commands]  # type: ignore[union-attr]
    assert {"validate", "schema", "list", "show", "score"} <= set(commands)
    for name in commands:
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example:" in result.output, name


def test_every_command_is_in_the_readme() -> None:
    """The README shows each command in use."""
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    for command in app.registered_commands:
        name = command.name or command.callback.__name__.rstrip("_")  # type: ignore[union-attr]
        assert f"$ coprod {name}" in readme, name


def test_help_does_not_import_heavy_libraries() -> None:
    """coprod --help loads neither WeasyPrint nor spreadsheet readers."""
    code = (
        "import sys, runpy\n"
        "sys.argv = ['coprod', '--help']\n"
        "try:\n    runpy.run_module('coprod', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "names = ('weasyprint', 'openpyxl', 'python_calamine', 'pandas')\n"
        "heavy = [m for m in names if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "HEAVY []" in out.stdout


def test_validate_ok_and_invalid(small: Path, write: Write) -> None:
    """validate exits 0 for a good file and 1 with a located line per problem for a bad one."""
    result = runner.invoke(app, ["validate", str(small)])
    assert result.exit_code == 0
    assert "ok" in result.output
    bad = write("bad.yaml", SMALL.replace("weight: 2}", "wieght: 2}"))
    result = runner.invoke(app, ["validate", str(small), str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:" in result.output
    assert "unknown field 'wieght'" in result.output
    assert "did you mean 'weight'?" in result.output


def test_validate_languages_lists_missing_welsh(small: Path) -> None:
    """--languages en,cy names each text without Welsh, by line."""
    result = runner.invoke(app, ["validate", "--languages", "en,cy", str(small)])
    assert result.exit_code == 1
    assert "title: no text in cy" in result.output
    assert "principles[0].title" not in result.output  # that one has both


@pytest.mark.parametrize(
    ("content", "code", "words"),
    [
        (None, 3, "no such questionnaire"),
        ("", 3, "the file is empty"),
        ("a: [1\n", 3, "not valid YAML"),
        ("- just\n- a list\n", 1, "should be a map"),
    ],
)
def test_show_bad_input(
    write: Write, tmp_path: Path, content: str | None, code: int, words: str
) -> None:
    """Bad files give one clear message, the documented exit code, and no traceback."""
    path = tmp_path / "missing.yaml" if content is None else write("x.yaml", content)
    result = runner.invoke(app, ["show", str(path)])
    assert result.exit_code == code
    assert words in result.output
    assert "Traceback" not in result.output


def test_show_lists_questions_and_levels(small: Path) -> None:
    """show prints each question with its scale levels and descriptors."""
    result = runner.invoke(app, ["show", str(small)])
    assert result.exit_code == 0
    assert "Do you value lived experience?" in result.output
    assert "5  Leading: Happens always; others learn from it." in result.output
    assert "weight 2" in result.output


def test_schema_is_draft_07_and_describes_questions() -> None:
    """schema prints draft-07 JSON Schema with the question types."""
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["$schema"].endswith("draft-07/schema#")
    text = json.dumps(schema)
    assert "$defs" not in text
    assert "multiple_choice" in text


def test_list_shows_builtins() -> None:
    """list names the built-in questionnaires with their question counts."""
    result = runner.invoke(app, ["list", "--json"])
    assert result.exit_code == 0
    items = {i["id"]: i for i in json.loads(result.output)}
    assert {"starter", "coproduction"} <= set(items)
    assert items["coproduction"]["questions"] >= 25


def test_score_table_and_json(small: Path, write: Write) -> None:
    """score prints a table with bands and coverage, and --json the same figures."""
    response = write(
        "r.yaml",
        f"questionnaire: {{id: small, version: '1.0', path: {small}}}\n"
        "respondent: {organisation: Anytown Council, perspective: staff}\n"
        "answers: {a1: {value: 2}, a2: {value: 4}, p1: {value: 'yes'}, p2: {value: 5}}\n",
    )
    result = runner.invoke(app, ["score", str(response)])
    assert result.exit_code == 0, result.output
    assert "58.3" in result.output
    assert "Going strong" in result.output
    assert "Anytown Council" in result.output
    result = runner.invoke(app, ["score", "--json", str(response)])
    data = json.loads(result.stdout)
    assert data["overall"] == {"score": 86.1, "band": "Going strong", "coverage": 100.0}
    assert [p["score"] for p in data["principles"]] == [58.3, 100.0]


def test_score_response_for_unknown_questionnaire(write: Write) -> None:
    """A response naming a questionnaire that does not exist is one clear error."""
    response = write("r.yaml", "questionnaire: {id: nowhere, version: '1'}\nanswers: {}\n")
    result = runner.invoke(app, ["score", str(response)])
    assert result.exit_code == 3
    assert "no built-in questionnaire has this id" in result.output


def test_score_mismatch_exit_code(small: Path, write: Write) -> None:
    """Scoring against another questionnaire exits 4 and says which."""
    response = write("r.yaml", "questionnaire: {id: other, version: '1'}\nanswers: {}\n")
    result = runner.invoke(app, ["score", str(response), "--questionnaire", str(small)])
    assert result.exit_code == 4
    assert "answers questionnaire 'other', not 'small'" in result.output


def test_square_brackets_in_texts_are_shown_as_written(write: Write) -> None:
    """Text like '[bold]' in a questionnaire is printed literally, not read as markup."""
    path = write("q.yaml", SMALL.replace("title: Sharing power", "title: '[bold]Sharing[/] power'"))
    result = runner.invoke(app, ["show", str(path)])
    assert "[bold]Sharing[/] power" in result.output
    assert "[a1]" in result.output


def test_questionnaire_given_as_response_is_one_clear_error(small: Path) -> None:
    """Scoring a questionnaire file by mistake says so in one line, exit 3."""
    result = runner.invoke(app, ["score", str(small)])
    assert result.exit_code == 3
    assert "this is a questionnaire, not a response file" in result.output
    assert result.output.count("error:") == 1


def test_field_at_the_wrong_level_points_at_indentation(write: Write) -> None:
    """A real field name in the wrong place is blamed on indentation, not on spelling."""
    bad = write(
        "bad.yaml", SMALL.replace("    weight: 2\n", "    weight: 2\n    languages: [en]\n")
    )
    result = runner.invoke(app, ["validate", str(bad)])
    assert "'languages' does not belong here" in result.output
    assert "did you mean 'languages'" not in result.output


@pytest.mark.parametrize("name", ["[/x].yaml", "Housing [draft].yaml"])
def test_file_names_with_brackets_are_shown_as_written(name: str, tmp_path: Path) -> None:
    """A file name with square brackets is printed literally, never read as Rich markup."""
    result = runner.invoke(app, ["score", str(tmp_path / name)])
    assert result.exit_code == 3
    assert f"{name}: no such response file" in result.output


def test_validate_unreadable_file_exits_3_without_repeating_the_name(tmp_path: Path) -> None:
    """validate on a missing file exits 3, as the README says, and names the file once."""
    result = runner.invoke(app, ["validate", str(tmp_path / "gone.yaml")])
    assert result.exit_code == 3
    assert result.output.count("gone.yaml: no such questionnaire") == 1


def test_deep_bracket_nesting_is_refused_not_crashed(write: Write) -> None:
    """Fifty thousand nested brackets give a located message instead of killing the process."""
    path = write("deep.yaml", "[" * 50_000 + "]" * 50_000)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 3
    assert "nested more than 60 levels deep" in result.output


def test_special_files_are_refused() -> None:
    """/dev/zero is not read for ever: it is not a regular file."""
    result = runner.invoke(app, ["validate", "/dev/zero"])
    assert result.exit_code == 3
    assert "is not a regular file" in result.output


@pytest.mark.parametrize("value", ["nan", "inf", "1e400"])
def test_non_finite_weights_are_invalid(write: Write, value: str) -> None:
    """A weight of nan or infinity is reported by validate, not left to crash scoring."""
    path = write("q.yaml", SMALL.replace("weight: 2}", f"weight: {value}}}"))
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert "finite number" in result.output or "should be a number" in result.output


# ---- the first hour: coprod alone, files of the wrong kind, --out folders ---------


def test_coprod_alone_says_what_it_is_and_where_to_start() -> None:
    """`coprod` alone: one line of what it is, 'Start here', commands in a user's order."""
    result = runner.invoke(app, [], terminal_width=80)
    assert result.exit_code == 0  # how people start: not a usage error
    lines = result.output.splitlines()
    assert lines[2].strip().startswith("coprod assesses how well a service practises")
    assert "Start here: coprod assess" in result.output
    assert "Exit codes" not in result.output and "{" not in result.output
    listed = [line.split()[0] for line in result.output.split("Commands:")[1].splitlines() if line]
    assert listed == [
        "assess", "report", "score", "list", "show", "template", "batch", "compare",
        "plan", "validate", "schema", "translate", "help",
    ]  # fmt: skip
    for line in result.output.split("Commands:")[1].splitlines():
        assert not line.endswith("..."), line  # descriptions are whole


@pytest.mark.parametrize(
    ("command", "usage"),
    [
        ("batch", "Usage: coprod batch [OPTIONS] SHEETS..."),
        ("report", "Usage: coprod report [OPTIONS] RESPONSE"),
        ("assess", "Usage: coprod assess [OPTIONS] [QUESTIONNAIRE]"),
        ("validate", "Usage: coprod validate [OPTIONS] FILES..."),
    ],
)
def test_usage_lines_are_plain(command: str, usage: str) -> None:
    """Usage lines read SHEETS... and [QUESTIONNAIRE], never Typer's {sheets} or <list[Path]>."""
    result = runner.invoke(app, [command, "--help"])
    assert result.output.startswith(usage), result.output[:80]
    assert "<list" not in result.output and "<str>" not in result.output


def test_help_exit_codes_lists_every_code() -> None:
    """`coprod help exit-codes` gives each documented exit code and its meaning."""
    from coprod.errors import EXIT_CODES

    result = runner.invoke(app, ["help", "exit-codes"])
    assert result.exit_code == 0
    for code, meaning in EXIT_CODES.items():
        assert f"{code:>3}  {meaning}" in result.output
    wrong = runner.invoke(app, ["help", "colours"])
    assert wrong.exit_code == 2 and "the topic is exit-codes" in wrong.stderr


def _kinds(tmp_path: Path) -> dict[str, Path]:
    root = Path(__file__).parent.parent
    sheet = tmp_path / "room.csv"
    sheet.write_text("participant,strengths\nAnn,3\n", encoding="utf-8")
    report = tmp_path / "r.html"
    report.write_text("<html></html>", encoding="utf-8")
    batch = tmp_path / "workshop"
    (batch / "responses").mkdir(parents=True)
    (batch / "scores.csv").write_text("x\n", encoding="utf-8")
    return {
        "questionnaire": root / "questionnaires" / "starter.yaml",
        "response": root / "examples" / "starter-response.yaml",
        "sheet": sheet,
        "report": report,
        "batch": batch,
    }


@pytest.mark.parametrize(
    ("args", "given", "message"),
    [
        (["report"], "sheet", "this is an answer sheet, not a response file"),
        (["score"], "sheet", "Use coprod batch"),
        (["report"], "questionnaire", "this is a questionnaire, not a response file"),
        (["report"], "batch", "this is a coprod batch output folder, not a response file"),
        (["report"], "report", "this is a report coprod wrote"),
        (["show"], "response", "this is a response file (one person's answers), not a"),
        (["validate"], "response", "Use it with coprod report or coprod score."),
        (["assess"], "sheet", "this is an answer sheet, not a questionnaire"),
        (["template"], "response", "this is a response file"),
        (["batch", "-q", "starter"], "response", "not an answer sheet"),
        (["batch", "-q", "starter"], "batch", "Use it with coprod compare"),
        (["assess", "starter", "--no-input", "--answers"], "sheet", "not an answers file"),
    ],
)
def test_a_file_of_another_kind_is_named_and_sent_on(
    tmp_path: Path, args: list[str], given: str, message: str
) -> None:
    """A file given to the wrong command says what it is and which command takes it."""
    path = _kinds(tmp_path)[given]
    result = runner.invoke(app, [*args, str(path)])
    assert result.exit_code in (1, 3), result.output
    assert message in " ".join(result.stderr.split()), result.stderr
    assert "not valid YAML" not in result.stderr


def test_validate_takes_a_built_in_id() -> None:
    """`coprod validate starter` checks the built-in questionnaire, as `show starter` does."""
    result = runner.invoke(app, ["validate", "starter", "coproduction"])
    assert result.exit_code == 0, result.stderr
    assert "ok starter" in result.stderr and "ok coproduction" in result.stderr


@pytest.mark.parametrize(
    ("args", "written"),
    [
        (
            ["report", "examples/starter-response.yaml", "-f", "html"],
            "starter-response-report.html",
        ),
        (["template", "starter", "-f", "csv"], "starter-answers.csv"),
        (["compare", "examples/starter-response.yaml", "-f", "csv"], "comparison.csv"),
    ],
)
def test_out_ending_in_a_slash_is_a_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], written: str
) -> None:
    """--out name/ makes the folder and writes inside it, for every command that writes."""
    root = Path(__file__).parent.parent
    args = [str(root / a) if a.startswith("examples/") else a for a in args]
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, [*args, "--out", "new/"])
    assert result.exit_code in (0, 8), result.output
    assert (tmp_path / "new" / written).is_file()
    assert not (tmp_path / "new.html").exists()


def test_assess_out_folder_holds_the_answers_file(tmp_path: Path) -> None:
    """assess --out answers/ saves <id>-<date>.yaml inside that folder."""
    root = Path(__file__).parent.parent
    folder = tmp_path / "answers"
    answers = root / "examples" / "starter-response.yaml"
    args = ["assess", "starter", "--out", f"{folder}/", "--no-input", "--answers", str(answers)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    [saved] = folder.glob("starter-*.yaml")
    assert saved.name.startswith("starter-20")


def test_show_numbers_questions_as_the_screen_and_report_do() -> None:
    """`coprod show` numbers each question by part (1.1, 2.6), as assess and the report do."""
    result = runner.invoke(app, ["show", "starter"], env={"COLUMNS": "100"})
    assert "1.1 The service asks each person what they are good at" in result.stdout
    assert "2.7 " in result.stdout and "\n11. " not in result.stdout


def test_show_and_validate_handle_10000_questions(tmp_path: Path) -> None:
    """A 10,000-question file validates and shows every question (benchmarks/large.py times it)."""
    from benchmarks.large import big_questionnaire

    path = tmp_path / "big.yaml"
    path.write_text(big_questionnaire(10_000), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert f"ok {path}" in result.stderr
    result = runner.invoke(app, ["show", str(path)])
    assert result.exit_code == 0
    assert "100.100 Question q99_99: how far does the service do this" in result.stdout
    assert "\n1.1 Question q0_0:" in result.stdout
    assert result.stdout.count("[q") == 10_000
    assert "5  Level 5: What level 5 looks like in practice" in result.stdout
