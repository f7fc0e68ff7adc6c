"""The one printer: text from files reaches the terminal without control or escape characters."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from coprod.cli import app
from coprod.console import clean

runner = CliRunner()
ROOT = Path(__file__).parent.parent

#: What a hostile file can hold: colours, a window title, an OSC 8 link, C1 forms.
HOSTILE = {
    "ansi colour": ("\x1b[31mred\x1b[0m", "red"),
    "clear screen": ("\x1b[2J\x1b[Hhome", "home"),
    "window title (BEL)": ("\x1b]0;owned\x07title", "title"),
    "OSC 8 link": ("\x1b]8;;file:///etc/passwd\x1b\\click\x1b]8;;\x1b\\", "click"),
    "C1 CSI": ("\x9b31mred", "red"),
    "C1 OSC": ("\x9d8;;file:///x\x9clink", "link"),
    "backspace and bell": ("ab\x08c\x07d", "abcd"),
    "carriage return": ("shown\rhidden", "shownhidden"),
    "unended OSC": ("\x1b]0;rest", "0;rest"),
}
#: Characters that must never reach the terminal from user text.
FORBIDDEN = ("\x1b", "\x9b", "\x9d", "\x9c", "\x07", "\x08", "\r")


@pytest.mark.parametrize(("raw", "shown"), list(HOSTILE.values()), ids=list(HOSTILE))
def test_clean_removes_escapes_and_controls(raw: str, shown: str) -> None:
    """Each kind of escape or control is removed whole; the readable text stays."""
    assert clean(raw) == shown


def test_clean_keeps_text_tabs_and_newlines() -> None:
    """Welsh letters, punctuation, tabs and newlines are untouched."""
    text = "Gwasanaeth ŵ ŷ â – “quoted”\tcolumn\nnext line"
    assert clean(text) == text


EVIL = "\x1b]8;;file:///etc/passwd\x1b\\Evil\x1b]8;;\x1b\\ \x1b[31mtitle\x9b2J\x1b]0;owned\x07"


@pytest.fixture
def hostile(tmp_path: Path) -> dict[str, Path]:
    """A questionnaire, response, answer sheet and folder, each carrying escape sequences."""
    name = "\x1b[31mnasty\x1b[0m"
    questionnaire = tmp_path / "q.yaml"
    text = (ROOT / "questionnaires" / "starter.yaml").read_text(encoding="utf-8")
    escaped = EVIL.replace("\\", "\\\\").replace("\x1b", "\\e")
    escaped = escaped.replace("\x9b", "\\x9b").replace("\x07", "\\a")
    text = text.replace("en: Co-production starter check", f'en: "{escaped}"', 1)
    questionnaire.write_text(text, encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    # an unknown field, its name hostile: validate names it
    broken.write_text(text.replace("\nversion:", f'\n"{escaped}": 1\nversion:', 1), "utf-8")
    response = tmp_path / f"{name}.yaml"
    example = (ROOT / "examples" / "starter-response.yaml").read_text(encoding="utf-8")
    response.write_text(
        example.replace("Afon Valley County Borough Council", f'"{escaped}"'), encoding="utf-8"
    )
    sheet = tmp_path / f"{name}.csv"
    sheet.write_text(f"participant,strengths\nAnn,{EVIL}\n", encoding="utf-8")
    folder = tmp_path / f"in{name}"
    folder.mkdir()
    (folder / f"{name}.yaml").write_text("answers: [\n", encoding="utf-8")
    (folder / "ok.yaml").write_text(response.read_text(encoding="utf-8"), encoding="utf-8")
    return {
        "questionnaire": questionnaire,
        "broken": broken,
        "response": response,
        "sheet": sheet,
        "folder": folder,
        "out": tmp_path / "out",
    }


COMMANDS = {
    "show": lambda f: ["show", str(f["questionnaire"])],
    "validate": lambda f: ["validate", str(f["broken"])],
    "score": lambda f: ["score", str(f["response"])],
    "score --json": lambda f: ["score", str(f["response"]), "--json"],
    "report": lambda f: ["report", str(f["response"]), "-f", "html", "--out", f"{f['out']}/"],
    "template": lambda f: ["template", str(f["questionnaire"]), "-f", "csv", "--out",
                           str(f["out"] / "\x1b[31mt.csv")],
    "batch": lambda f: ["batch", str(f["sheet"]), "-q", str(f["questionnaire"]), "--out",
                        str(f["out"])],
    "compare": lambda f: ["compare", str(f["folder"]), "--out", f"{f['out']}/"],
    "assess": lambda f: ["assess", str(f["questionnaire"]), "--out", str(f["out"] / "a.yaml"),
                         "--organisation", "x", "--service", "y", "--role", "z",
                         "--perspective", "staff", "--name", "n"],
}  # fmt: skip


@pytest.mark.parametrize("command", list(COMMANDS))
def test_no_command_prints_escape_sequences(command: str, hostile: dict[str, Path]) -> None:
    """Every command that prints text from a file prints it with no control or escape codes."""
    hostile["out"].mkdir()
    result = runner.invoke(app, COMMANDS[command](hostile), input="q\n")
    output = result.stdout + result.stderr
    assert output.strip(), command
    for char in FORBIDDEN:
        assert char not in output, (command, repr(char), output[:400])
    if command in ("show", "assess", "score"):
        assert "Evil title" in output or "Evil" in output, output[:400]


@pytest.mark.parametrize(("width", "bars"), [(60, False), (80, True)])
def test_score_table_fits_narrow_terminals_without_breaking_words(width: int, bars: bool) -> None:
    """At 60 columns the table leaves out its bars, so principle names wrap between words."""
    example = str(ROOT / "examples" / "coproduction-response.yaml")
    result = runner.invoke(app, ["score", example], env={"COLUMNS": str(width)})
    lines = result.stdout.splitlines()
    assert all(len(line) <= width for line in lines)
    assert ("█" in result.stdout or "░" in result.stdout) == bars
    assert "relationshi" not in result.stdout.replace("relationships", "")
