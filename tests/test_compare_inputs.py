"""compare's one rule: every input named or found is compared or listed with its reason (exit 8)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coprod.cli import app
from coprod.compare.gather import gather_all
from tests.test_compare import folder, response_text, tiny  # noqa: F401 - fixtures

runner = CliRunner()
Make = Callable[[Path, Path], Path]


def missing(where: Path, tiny: Path) -> Path:  # noqa: F811
    """A name with no file behind it."""
    return where / "gone.yaml"


def broken_link(where: Path, tiny: Path) -> Path:  # noqa: F811
    """A link to a file that was moved away."""
    link = where / "link.yaml"
    link.symlink_to(where / "moved-away.yaml")
    return link


def empty_folder(where: Path, tiny: Path) -> Path:  # noqa: F811
    """A folder named like a response file, with nothing in it."""
    path = where / "round.yaml"
    path.mkdir()
    return path


def pipe(where: Path, tiny: Path) -> Path:  # noqa: F811
    """A named pipe: reading it would wait for ever."""
    path = where / "pipe.yaml"
    os.mkfifo(path)
    return path


def damaged(where: Path, tiny: Path) -> Path:  # noqa: F811
    """A response coprod wrote, cut short by a sync tool."""
    text = response_text(tiny, "Housing", "Baseline", (2, 2), "X")
    path = where / "cut.yaml"
    path.write_text(text[: text.index("s1:")], encoding="utf-8")
    return path


def foreign(where: Path, tiny: Path) -> Path:  # noqa: F811
    """A response to another questionnaire."""
    path = where / "other.yaml"
    path.write_text("questionnaire: {id: starter, version: '1.0'}\nanswers: {}\n", "utf-8")
    return path


def not_yaml(where: Path, tiny: Path) -> Path:  # noqa: F811
    """A spreadsheet saved with the wrong name."""
    path = where / "sheet.yaml"
    path.write_bytes(b"PK\x03\x04\x00\x00binary")
    return path


BAD: list[tuple[Make, str]] = [
    (missing, "no such response file"),
    (broken_link, "is a link to"),
    (empty_folder, "no .yaml response files in this folder"),
    (pipe, "is not a regular file"),
    (damaged, "damaged: cut short after line"),
    (foreign, "answers questionnaire 'starter'; the comparison is of 'tiny'"),
    (not_yaml, "looks like a binary file"),
]
FOUND_REASON = {empty_folder: "is a folder, not a response file, and holds none"}


# A file that is not there cannot be found in a folder: "missing" is only named.
CASES = [(m, r, "named") for m, r in BAD] + [(m, r, "found") for m, r in BAD if m is not missing]


@pytest.mark.parametrize(
    ("make", "reason", "how"), CASES, ids=[f"{h}-{m.__name__}" for m, _, h in CASES]
)
def test_each_bad_input_is_listed_and_the_rest_compared(
    folder: Path,  # noqa: F811
    tiny: Path,  # noqa: F811
    tmp_path: Path,
    make: Make,
    reason: str,
    how: str,
) -> None:
    """Named on the command line or found in a folder, a bad input is listed; 17 are compared."""
    if how == "named":
        bad = make(tmp_path, tiny)
        inputs = [str(folder), str(bad)]
    else:
        bad = make(folder, tiny)
        inputs = [str(folder)]
        reason = FOUND_REASON.get(make, reason)
    out = tmp_path / "c.json"
    result = runner.invoke(app, ["compare", *inputs, "--format", "json", "--out", str(out)])
    assert result.exit_code == 8, result.output
    assert f"left out: {bad}: " in result.stderr
    line = next(x for x in result.stderr.splitlines() if x.startswith(f"left out: {bad}"))
    assert reason in line
    assert (
        "Compared 17 responses in 3 groups; 0 held back (too few responses), 1 left out."
        in result.stderr
    )
    assert out.is_file()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
@pytest.mark.parametrize("what", ["file", "folder"])
def test_unreadable_file_or_folder_is_listed(
    folder: Path,  # noqa: F811
    tmp_path: Path,
    what: str,
) -> None:
    """A file or folder without read permission is listed with 'permission denied'."""
    bad = folder / ("locked.yaml" if what == "file" else "locked")
    if what == "file":
        bad.write_text("answers: {}\n", encoding="utf-8")
    else:
        bad.mkdir()
    bad.chmod(0)
    try:
        found = gather_all([folder])
    finally:
        bad.chmod(0o700)
    assert [s.reason for s in found.skipped if s.source == str(bad)] == [
        "permission denied. Check you are allowed to read it."
        if what == "file"
        else "this folder could not be read (permission denied)."
    ]


def test_an_unreadable_folder_is_listed(
    folder: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A folder that cannot be listed (as for a user without permission) is listed, not dropped."""
    locked = folder / "locked"
    locked.mkdir()
    real = os.scandir

    def scandir(path: os.PathLike[str] | str) -> object:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = gather_all([folder])
    assert len(found.inputs) == 17
    assert [(s.source, s.reason) for s in found.skipped] == [
        (str(locked), "this folder could not be read (permission denied).")
    ]


def test_a_link_to_a_folder_is_read_once(folder: Path, tmp_path: Path) -> None:  # noqa: F811
    """A link to a folder (even to the folder itself) adds no file twice and never loops."""
    (folder / "again").symlink_to(folder)
    assert len(gather_all([folder]).inputs) == 17


def test_hidden_and_other_files_are_passed_over(folder: Path) -> None:  # noqa: F811
    """Hidden files and files that are not .yaml are not inputs (docs/compare.md says so)."""
    (folder / ".sync-conflict.yaml").write_text("not: [a response", encoding="utf-8")
    (folder / "notes.txt").write_text("notes", encoding="utf-8")
    found = gather_all([folder])
    assert (len(found.inputs), found.skipped) == (17, [])


def test_hand_written_inputs_get_one_notice(folder: Path, tiny: Path) -> None:  # noqa: F811
    """Responses without a check line are compared, and named together in one notice."""
    for name in ("hand-1.yaml", "hand-2.yaml"):
        text = response_text(tiny, "Housing", "Baseline", (3, 3), "X").splitlines()[2:-1]
        (folder / name).write_text("\n".join(text) + "\n", encoding="utf-8")
    result = runner.invoke(
        app, ["compare", str(folder), "--format", "json", "--out", str(folder.parent / "c.json")]
    )
    assert result.exit_code == 0, result.output
    notices = [x for x in result.stderr.splitlines() if "no check line" in x]
    assert len(notices) == 1
    assert "2 response files have no check line" in notices[0]
    assert "hand-1.yaml" in notices[0] and "hand-2.yaml" in notices[0]
