"""coprod assess in a real pseudo-terminal: answer, quit, resume, finish, and survive kill -9."""

from __future__ import annotations

import os
import random
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from coprod.responses.files import load_response
from tests.test_assess import ALL_ANSWERS, MIXED

pexpect = pytest.importorskip("pexpect")

Write = Callable[[str, str], Path]
ROOT = Path(__file__).resolve().parent.parent
IDS = ["l1", "l2", "l3", "s1", "s2", "s3", "s4"]
WHO = ["--organisation", "Anytown", "--service", "Housing", "--role", "Manager"]
WHO += ["--perspective", "staff"]


def spawn(*args: str, columns: int = 80) -> pexpect.spawn:
    """Start coprod assess in a pseudo-terminal of the given width."""
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT), "TERM": "xterm"}
    env.pop("COLUMNS", None)
    return pexpect.spawn(
        sys.executable,
        ["-m", "coprod", "assess", *args],
        env=env,
        encoding="utf-8",
        dimensions=(30, columns),
        timeout=20,
    )


@pytest.fixture
def mixed(write: Write) -> Path:
    """The mixed questionnaire as a file."""
    return write("mixed.yaml", MIXED)


def test_answer_quit_resume_complete(mixed: Path, tmp_path: Path) -> None:
    """In a terminal: answer two, quit with q, resume where it stopped, and finish with scores."""
    out = tmp_path / "a.yaml"
    child = spawn(str(mixed), "--out", str(out), *WHO)
    child.expect(r"Question 1\.1 · Listening \(1 of 6\)")
    child.expect("Your answer: ")
    child.sendline("2")
    child.expect(r"Question 1\.2 · Listening \(2 of 6\)")
    child.expect("Your answer: ")
    child.sendline("1")
    child.expect(r"Question 1\.3 · Listening \(3 of 7\)")
    child.expect("Your answer: ")
    child.sendline("q")
    child.expect("To carry on:")
    child.expect(f"coprod assess --resume {out}")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert set(load_response(out).answers) == {"l1", "l2"}

    child = spawn("--resume", str(out))
    child.expect(r"2 of 7\s+questions answered")
    child.expect(r"Question 1\.3 · Listening \(3 of 7\)")
    for answer in ALL_ANSWERS[2:-1]:
        child.expect("Your answer: ")
        child.sendline(answer)
    child.expect("Review")
    child.expect("Your choice: ")
    child.sendline("")
    child.expect("Overall")
    child.expect("coprod report")
    child.expect(r"Make the report now \(HTML and PDF\)\? \[y/N\]: ")
    child.sendline("y")
    child.expect("Written: .*report.html")
    child.expect("Written: .*report.pdf")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    saved = load_response(out)
    assert saved.completed is not None
    assert list(saved.answers) == IDS


def test_kill_9_mid_session_keeps_every_answer(mixed: Path, tmp_path: Path) -> None:
    """kill -9 while a question waits leaves a valid file with every answer given before it."""
    out = tmp_path / "a.yaml"
    child = spawn(str(mixed), "--out", str(out), *WHO)
    for answer in ALL_ANSWERS[:3]:
        child.expect("Your answer: ")
        child.sendline(answer)
    child.expect(r"Question 2\.1 · Sharing \(4 of 7\)")
    child.kill(signal.SIGKILL)
    child.close(force=True)
    saved = load_response(out)
    assert {k: a.value for k, a in saved.answers.items()} == {"l1": 2, "l2": "yes", "l3": 3}


def test_twenty_kills_at_random_moments(mixed: Path, tmp_path: Path) -> None:
    """20 kill -9s at random moments, many while an answer is saved: no file broken, none lost."""
    rng = random.Random(20)
    for run in range(20):
        out = tmp_path / f"run{run}.yaml"
        child = spawn(str(mixed), "--out", str(out), *WHO)
        given = rng.randrange(len(ALL_ANSWERS) - 1)
        for answer in ALL_ANSWERS[:given]:
            child.expect("Your answer: ")
            child.sendline(answer)
        child.expect("Your answer: ")
        # the next answer is sent and the kill lands while it is read, scored or written
        child.sendline(ALL_ANSWERS[given])
        time.sleep(rng.uniform(0, 0.03))
        child.kill(signal.SIGKILL)
        child.close(force=True)
        saved = load_response(out)
        assert list(saved.answers)[:given] == IDS[:given], f"run {run}"
        assert len(saved.answers) in (given, given + 1), f"run {run}"


def test_resume_hint_runs_as_printed_when_coprod_is_not_on_path(tmp_path: Path) -> None:
    """Started as .venv/bin/coprod (as `make assess` does), the resume command on screen
    names that path, and typed into a shell exactly as shown it carries on."""
    script = Path(sys.executable).parent / "coprod"
    venv_bin = str(script.parent)
    path = os.pathsep.join(p for p in os.environ["PATH"].split(os.pathsep) if p != venv_bin)
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm", "PATH": path}
    env.pop("COLUMNS", None)
    (tmp_path / "mixed.yaml").write_text(MIXED, encoding="utf-8")
    child = pexpect.spawn(
        str(script),
        ["assess", "mixed.yaml", "--out", "mine.yaml", *WHO],
        cwd=tmp_path,
        env=env,
        encoding="utf-8",
        dimensions=(30, 200),
        timeout=20,
    )
    child.expect("Your answer: ")
    child.sendline("2")
    child.expect("Your answer: ")
    child.sendline("q")
    child.expect("To carry on:")
    child.expect(r"(\S*coprod assess --resume mine\.yaml)")
    shown = child.match.group(1)
    child.expect(pexpect.EOF)
    assert shown == f"{script} assess --resume mine.yaml"
    child = pexpect.spawn(
        "/bin/sh",
        ["-c", shown],
        cwd=tmp_path,
        env=env,
        encoding="utf-8",
        dimensions=(30, 200),
        timeout=20,
    )
    child.expect(r"1 of \d+\s+questions answered")
    child.expect(r"Question 1\.2 · .* \(2 of")
    child.sendline("q")
    child.expect(pexpect.EOF)
