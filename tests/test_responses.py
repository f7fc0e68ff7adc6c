"""Response files: round trip, atomic writes, and refusing a response for another questionnaire."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from coprod.errors import InvalidFileError, MismatchError, OutputError
from coprod.files.atomic import atomic_write
from coprod.model import Answer, Status
from coprod.questionnaire.load import load_questionnaire
from coprod.responses.files import load_response, match_response, new_response, save_response

Write = Callable[[str, str], Path]


def test_round_trip_keeps_every_answer(small: Path, tmp_path: Path) -> None:
    """Saved answers, statuses, notes and a 'Yes'-like text come back unchanged."""
    loaded = load_questionnaire(small)
    response = new_response(loaded).model_copy(
        update={
            "answers": {
                "a1": Answer(value=3, note="Yes"),
                "a2": Answer(status=Status.not_applicable),
                "p3": Answer(value="No"),
            }
        }
    )
    path = tmp_path / "r.yaml"
    save_response(response, path)
    again = load_response(path)
    assert again.answers == response.answers
    assert again.answers["p3"].value == "No"
    assert again.questionnaire.hash == loaded.hash


def test_a_new_response_names_its_questionnaire_by_full_path(
    small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A response started with 'small.yaml' stores the full path, so it scores from any folder."""
    monkeypatch.chdir(small.parent)
    response = new_response(load_questionnaire("small.yaml"))
    assert response.questionnaire.path == str(small.resolve())


def test_atomic_write_leaves_no_temp_file(tmp_path: Path) -> None:
    """After a write the folder holds only the file itself."""
    target = tmp_path / "out.yaml"
    atomic_write(target, "one")
    atomic_write(target, "two")
    assert target.read_text() == "two"
    assert [p.name for p in tmp_path.iterdir()] == ["out.yaml"]


def test_write_into_missing_folder_is_an_output_error(tmp_path: Path) -> None:
    """Writing into a folder that does not exist says so."""
    with pytest.raises(OutputError, match="does not exist"):
        atomic_write(tmp_path / "nope" / "x.yaml", "x")


def test_response_for_another_questionnaire_is_refused(small: Path, write: Write) -> None:
    """A response naming a different questionnaire id is refused with both ids."""
    path = write("r.yaml", "questionnaire: {id: other, version: '1'}\nanswers: {}\n")
    with pytest.raises(MismatchError, match="'other', not 'small'"):
        match_response(load_questionnaire(small), load_response(path), str(path))


def test_other_version_scores_with_warning_when_answers_fit(small: Path, write: Write) -> None:
    """An older version is scored with a warning if every answer still fits."""
    path = write(
        "r.yaml", "questionnaire: {id: small, version: '0.9'}\nanswers: {a1: {value: 2}}\n"
    )
    match = match_response(load_questionnaire(small), load_response(path), str(path))
    assert "version 0.9" in match.warnings[0]


def test_other_version_with_unknown_answer_is_refused(small: Path, write: Write) -> None:
    """An older version whose answers no longer exist is refused, naming the question."""
    path = write(
        "r.yaml", "questionnaire: {id: small, version: '0.9'}\nanswers: {gone: {value: 2}}\n"
    )
    with pytest.raises(MismatchError, match="'gone'"):
        match_response(load_questionnaire(small), load_response(path), str(path))


def test_bad_values_are_each_listed(small: Path, write: Write) -> None:
    """Values that do not fit their question are listed one per answer."""
    path = write(
        "r.yaml",
        "questionnaire: {id: small, version: '1.0'}\n"
        "answers: {a1: {value: 9}, p1: {value: maybe}, x: {value: 1}}\n",
    )
    with pytest.raises(InvalidFileError) as info:
        match_response(load_questionnaire(small), load_response(path), str(path))
    text = " ".join(str(p) for p in info.value.problems)
    assert f"{path}:2:" in text  # each answer problem names its line
    assert "9 is not a level" in text
    assert "'maybe' is not yes or no" in text
    assert "'x' is not in 'small'" in text


def test_malformed_response_is_located(write: Write) -> None:
    """A wrong type in a response names its line and path."""
    path = write("r.yaml", "questionnaire: {id: small, version: '1'}\nanswers: [1, 2]\n")
    with pytest.raises(InvalidFileError) as info:
        load_response(path)
    assert str(info.value.problems[0]).startswith(f"{path}:2:")
    assert "answers" in str(info.value.problems[0])


def test_written_files_get_normal_permissions(tmp_path: Path) -> None:
    """A file written atomically is readable by others like any file the user makes."""
    import os

    mask = os.umask(0o022)
    try:
        atomic_write(tmp_path / "report.html", "x")
    finally:
        os.umask(mask)
    assert (tmp_path / "report.html").stat().st_mode & 0o777 == 0o644


def test_atomic_write_follows_a_symlink_and_keeps_permissions(tmp_path: Path) -> None:
    """Saving through a symlink updates the real file; a private file stays private."""
    real = tmp_path / "synced" / "answers.yaml"
    real.parent.mkdir()
    real.write_text("old")
    real.chmod(0o600)
    link = tmp_path / "answers.yaml"
    link.symlink_to(real)
    atomic_write(link, "new")
    assert link.is_symlink()
    assert real.read_text() == "new"
    assert real.stat().st_mode & 0o777 == 0o600
