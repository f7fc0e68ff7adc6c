"""Which kind of coprod file a path is, so a file given to the wrong command is named and sent on.

coprod knows five kinds: questionnaires (YAML with ``principles:``), responses (YAML
with ``questionnaire:`` and ``answers:``), answer sheets (CSV or spreadsheets), the
folders ``coprod batch`` writes, and the reports it writes (HTML, PDF). A command
given another kind says what the file is and which command takes it ("this is an
answer sheet: use coprod batch"), instead of failing on its contents.
"""

from __future__ import annotations

import shlex
from enum import StrEnum
from pathlib import Path
from typing import Any

from coprod.errors import CoprodError, InputFileError
from coprod.files.yamlio import load_yaml_file


class Kind(StrEnum):
    """A kind of file coprod reads or writes."""

    questionnaire = "a questionnaire"
    response = "a response file (one person's answers)"
    answer_sheet = "an answer sheet"
    batch_folder = "a coprod batch output folder"
    report = "a report coprod wrote"


#: Files in a folder that ``coprod batch`` wrote, beside its responses/ folder.
BATCH_MARKERS = ("scores.csv", "batch.json", "batch.xlsx", "group-stats.csv")
SHEET_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls", ".ods")
REPORT_SUFFIXES = (".html", ".htm", ".pdf")

#: The command that takes each kind; ``{file}`` is the file as the user can type it.
TAKEN_BY = {
    Kind.questionnaire: "Use it with coprod assess, coprod show or coprod validate.",
    Kind.response: "Use it with coprod report or coprod score.",
    Kind.answer_sheet: "Use coprod batch {file} --questionnaire ID.",
    Kind.batch_folder: "Use it with coprod compare, or coprod report a file in its responses/.",
    Kind.report: "Open it in a web browser or PDF reader.",
}


def is_batch_folder(folder: Path) -> bool:
    """True for a `coprod batch` output folder (a responses/ folder beside its scores)."""
    return (folder / "responses").is_dir() and any((folder / m).exists() for m in BATCH_MARKERS)


def kind_of_path(path: Path) -> Kind | None:
    """The kind a path is by its name and, for a folder, its contents; None when unsure."""
    if path.is_dir():
        return Kind.batch_folder if is_batch_folder(path) else None
    suffix = path.suffix.lower()
    if suffix in SHEET_SUFFIXES:
        return Kind.answer_sheet
    if suffix in REPORT_SUFFIXES:
        return Kind.report
    return None


def kind_of_data(data: Any) -> Kind | None:
    """The kind a YAML file's content is, from its top-level keys; None when neither."""
    if not isinstance(data, dict):
        return None
    if "principles" in data and "answers" not in data:
        return Kind.questionnaire
    if "answers" in data and "questionnaire" in data and "principles" not in data:
        return Kind.response
    return None


def wrong_kind(path: Path | str, kind: Kind, wanted: str) -> InputFileError:
    """The error for a file of ``kind`` given where ``wanted`` (e.g. 'a response file') goes."""
    command = TAKEN_BY[kind].format(file=shlex.quote(str(path)))
    return InputFileError(f"{path}: this is {kind.value}, not {wanted}.", command)


def refuse_other_kind(path: Path, wanted: Kind) -> None:
    """Raise :func:`wrong_kind` when ``path``'s name or folder says it is not ``wanted``."""
    kind = kind_of_path(path)
    if kind is not None and kind != wanted:
        raise wrong_kind(path, kind, wanted.value)


def refuse_yaml_or_report(path: Path) -> None:
    """Raise :func:`wrong_kind` for a questionnaire, response or report given as an answer sheet."""
    kind = kind_of_path(path)
    if kind == Kind.report:
        raise wrong_kind(path, kind, Kind.answer_sheet.value)
    if path.suffix.lower() in (".yaml", ".yml"):
        try:
            kind = kind_of_data(load_yaml_file(path, "file").data)
        except CoprodError:
            kind = None  # not readable YAML either: the sheet reader says what it finds
        if kind is not None:
            raise wrong_kind(path, kind, Kind.answer_sheet.value)
