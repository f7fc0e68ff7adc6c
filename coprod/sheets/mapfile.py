"""--map files: which header is which question or field, and extra perspective spellings.

A map file is YAML; every mistake in it is reported with its file and line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from coprod.errors import InvalidFileError, Problem
from coprod.files.yamlio import load_yaml_file
from coprod.i18n.words import METADATA_FIELDS, normalise
from coprod.model import PERSPECTIVES, Questionnaire


@dataclass(frozen=True)
class Mapping:
    """A --map file: header -> question id, field or 'ignore'; extra perspective spellings."""

    columns: dict[str, str] = field(default_factory=dict)
    perspectives: dict[str, str] = field(default_factory=dict)


def load_mapping(path: Path, questionnaire: Questionnaire) -> Mapping:
    """Read a --map YAML file; raise InvalidFileError naming the line of every problem."""
    located = load_yaml_file(path, "mapping file")
    data = located.data
    file = str(path)
    problems: list[Problem] = []

    def add(where: tuple[str | int, ...], message: str, hint: str) -> None:
        line, col = located.where(where)
        problems.append(Problem(file, message, line, col, hint=hint))

    if not isinstance(data, dict):
        add((), "should be a map with 'columns:' and/or 'perspectives:'.", "See docs/batch.md.")
        raise InvalidFileError(file, problems)
    for key in data:
        if key not in ("columns", "perspectives"):
            add((key,), f"unknown key '{key}'.", "Use 'columns:' and 'perspectives:' only.")
    for key in ("columns", "perspectives"):
        if data.get(key) is not None and not isinstance(data[key], dict):
            add(
                (key,),
                f"'{key}:' should be a map of 'spelling: target' lines, not a "
                f"{'list' if isinstance(data[key], list) else 'single value'}.",
                f"Write one 'spelling: target' line per entry under '{key}:', e.g. "
                + ("'  \"Team name\": service'" if key == "columns" else "'  Councillor: partner'")
                + " (docs/batch.md).",
            )
            raise InvalidFileError(file, problems)
    targets = {q.id for q in questionnaire.questions} | set(METADATA_FIELDS) | {"ignore"}
    columns: dict[str, str] = {}
    for header, target in (data.get("columns") or {}).items():
        if str(target) not in targets:
            add(
                ("columns", header),
                f"'{target}' is not a question of '{questionnaire.id}', a metadata field or "
                "'ignore'.",
                f"Use a question id (coprod show {questionnaire.id}), one of "
                f"{', '.join(METADATA_FIELDS)}, or ignore.",
            )
        columns[str(header)] = str(target)
    perspectives: dict[str, str] = {}
    for spelling, target in (data.get("perspectives") or {}).items():
        if str(target) not in PERSPECTIVES:
            add(
                ("perspectives", spelling),
                f"'{target}' is not a perspective.",
                f"Use one of {', '.join(PERSPECTIVES)}.",
            )
        perspectives[normalise(str(spelling))] = str(target)
    if problems:
        raise InvalidFileError(file, problems)
    return Mapping(columns, perspectives)
