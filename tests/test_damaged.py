"""`coprod assess --resume` on a damaged file: what is wrong, and keeping the intact answers."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from coprod.assess.session import Outcome, assess
from coprod.cli import app
from coprod.errors import DamagedFileError
from coprod.responses.checkline import State
from coprod.responses.files import load_response, read_response
from tests.test_assess import mixed, run, script  # noqa: F401 - fixture

runner = CliRunner()


@pytest.fixture
def partial(mixed: Path, tmp_path: Path) -> Path:  # noqa: F811
    """A file coprod wrote with four answers (l1, l2, l3, s1), then stopped."""
    out = tmp_path / "a.yaml"
    run(mixed, out, ["2", "1", "3", "12", "q"])
    assert set(load_response(out).answers) == {"l1", "l2", "l3", "s1"}
    return out


def cut_after(path: Path, text: str) -> None:
    """Cut the file just after the first place ``text`` appears, as a sync tool might."""
    whole = path.read_bytes()
    path.write_bytes(whole[: whole.index(text.encode("utf-8")) + len(text)])


def test_keeping_the_intact_answers_asks_the_last_one_again(partial: Path) -> None:
    """'k' keeps the answers before the cut, asks the cut one again, and keeps a copy."""
    cut_after(partial, "  l3:\n    value: 3")
    damaged = partial.read_bytes()
    ui, buffer = script(["k", "q"])
    result = assess(None, ui, resume=partial)
    screen = " ".join(buffer.getvalue().split())
    copy = partial.parent / f"{partial.name}.damaged"
    assert f"{partial} is damaged: it was cut short" in screen
    assert "2 answers in it are intact and can be kept." in screen
    assert "These will be asked again, as they may be incomplete or no longer fit: l3." in screen
    assert (
        f"keep those answers and carry on (a copy of the damaged file is kept as {copy.name})"
        in (screen)
    )
    assert "(3 of" in screen  # l3, asked again
    assert result.outcome == Outcome.quit
    read = read_response(partial)
    assert read.check.state == State.whole
    assert set(read.response.answers) == {"l1", "l2"}
    assert copy.read_bytes() == damaged


def test_quitting_leaves_the_damaged_file_as_it_was(partial: Path) -> None:
    """'q' changes nothing and writes no copy."""
    cut_after(partial, "  l2:\n")
    before = partial.read_bytes()
    ui, _ = script(["q"])
    result = assess(None, ui, resume=partial)
    assert result.outcome == Outcome.quit
    assert partial.read_bytes() == before
    assert sorted(p.name for p in partial.parent.iterdir()) == ["a.yaml", "mixed.yaml"]


def test_a_hand_edit_keeps_every_answer_that_still_fits(partial: Path) -> None:
    """A changed (not cut) file keeps all its answers, says they are unverified, drops misfits."""
    text = partial.read_text(encoding="utf-8")
    partial.write_text(text.replace("value: 3", "value: 9"), encoding="utf-8")  # l3: not a level
    ui, buffer = script(["k", "q"])
    assess(None, ui, resume=partial)
    screen = " ".join(buffer.getvalue().split())
    assert "has changed since coprod wrote it" in screen
    assert "3 answers in it can still be read; check them as you go" in screen
    assert "asked again, as they may be incomplete or no longer fit: l3." in screen
    assert set(load_response(partial).answers) == {"l1", "l2", "s1"}


def test_typing_something_else_asks_again(partial: Path) -> None:
    """Anything but k or q is refused with the keys to type."""
    cut_after(partial, "  l2:\n")
    ui, buffer = script(["yes", "q"])
    assess(None, ui, resume=partial)
    assert "Type k or q." in buffer.getvalue()


def test_cut_before_the_questionnaire_is_known_cannot_be_kept(partial: Path) -> None:
    """Cut before it names its questionnaire, nothing can be kept, and the message says so."""
    cut_after(partial, "format: 1\n")
    ui, _ = script(["k"])
    with pytest.raises(DamagedFileError, match="Nothing in it can be kept"):
        assess(None, ui, resume=partial)


def test_no_input_resume_of_a_damaged_file_is_refused(partial: Path) -> None:
    """With --no-input nobody can be asked: the damaged-file error, exit 1, file untouched."""
    cut_after(partial, "  l2:\n")
    before = partial.read_bytes()
    result = runner.invoke(app, ["assess", "--resume", str(partial), "--no-input"])
    assert result.exit_code == 1
    assert "damaged: cut short after line" in result.stderr
    assert partial.read_bytes() == before


def test_welsh_session_offers_in_welsh(partial: Path) -> None:
    """In a Welsh session the offer is in Welsh."""
    cut_after(partial, "  l3:\n    value: 3")
    ui, buffer = script(["q"])
    assess(None, ui, resume=partial, lang="cy")
    screen = " ".join(buffer.getvalue().split())
    assert "wedi'i difrodi: cafodd ei thorri'n fyr" in screen
    assert "Dewiswch k neu q" in screen
