"""`coprod compare` as a library: gather inputs and compare them (:mod:`coprod.compare.write`
writes the comparison).

>>> from coprod.compare.gather import run_compare
>>> from coprod.compare.write import write_comparison
>>> result = run_compare(["baseline/", "follow-up/"], Options(over_time=True))  # doctest: +SKIP
>>> write_comparison(result, "pdf", Path("comparison.pdf"))  # doctest: +SKIP

An input that cannot be used (missing, not YAML, not a response, answers another
questionnaire) never stops the others: it is listed with its reason, and
``Comparison.exit_code`` is 8.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from coprod.compare.core import compare
from coprod.compare.results import Comparison, Input, Options, Skipped
from coprod.errors import (
    CoprodError,
    DamagedFileError,
    InputFileError,
    InvalidFileError,
    MismatchError,
)
from coprod.files.kinds import is_batch_folder
from coprod.files.yamlio import load_yaml_file
from coprod.model import Response
from coprod.questionnaire.load import Loaded
from coprod.responses.files import match_response, read_response
from coprod.scoring.score import score_response
from coprod.scoring.scored import Scored, questionnaire_for, stand_in_warnings, stored_questionnaire

RESPONSE_SUFFIXES = (".yaml", ".yml")

#: Plain-words reasons that never quote a file, for anonymised outputs.
KINDS: dict[type[CoprodError], str] = {
    DamagedFileError: "is damaged (cut short or changed since coprod wrote it)",
    InputFileError: "could not be read",
    InvalidFileError: "is not a valid response file",
    MismatchError: "does not match its questionnaire",
}


@dataclass(frozen=True)
class Found:
    """One file to compare: whether it is one person's answers, and the folder it was found in."""

    path: Path
    people: bool = False
    folder: Path | None = None  # the folder given on the command line; None for a named file


def input_files(paths: Sequence[Path | str]) -> tuple[list[Found], list[tuple[Path, str]]]:
    """Every response file named or inside a named folder.

    Inside folders every .yaml/.yml entry that is not hidden is an input, whatever
    it turns out to be (a broken link, a pipe, a folder with nothing in it are
    listed with their reason, never dropped); a `coprod batch` output folder
    contributes its responses/ folder. Paths that give no file, and folders that
    cannot be read, come back as (folder, problem).
    """
    files: list[Found] = []
    problems: list[tuple[Path, str]] = []
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            files.append(Found(path, _in_batch(path)))
            continue
        root = path / "responses" if is_batch_folder(path) else path
        found: list[Path] = []
        before = len(problems)
        _walk(root, found, problems, {root.resolve()})
        if not found and len(problems) == before:
            problems.append((path, "no .yaml response files in this folder."))
        files += [Found(file, _in_batch(file), path) for file in sorted(found)]
    return files, problems


def _walk(
    folder: Path, found: list[Path], problems: list[tuple[Path, str]], seen: set[Path]
) -> None:
    """Add every response-like entry under ``folder``; a folder that cannot be read is listed."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        why = "permission denied" if isinstance(exc, PermissionError) else exc.strerror
        problems.append((folder, f"this folder could not be read ({why})."))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue  # hidden: editors' and sync tools' own files
        path = folder / entry.name
        named = path.suffix.lower() in RESPONSE_SUFFIXES
        if _is_dir(entry):
            real = path.resolve()
            if real in seen:
                continue  # a link to a folder already read (or to one of its parents)
            seen.add(real)
            before = len(found)
            _walk(path, found, problems, seen)
            if named and len(found) == before:
                problems.append((path, "is a folder, not a response file, and holds none."))
        elif named:
            found.append(path)  # a file, a broken link, a pipe: reading it says which


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _in_batch(file: Path) -> bool:
    return file.parent.name == "responses" and is_batch_folder(file.parent.parent)


def describe_input(file: Path) -> str:
    """How outputs name an input: a `coprod batch` response by its folder and number, not its path.

    Batch response files may be named after the person who answered, so their names
    never go into a report or data file ("batch folder workshop, response 12").
    Any other file is named by its path, as given.
    """
    if not _in_batch(file):
        return str(file)
    digits = re.search(r"\d+", file.stem)  # 0012-….yaml, participant-0012.yaml
    if digits:
        number = int(digits[0])
    else:
        siblings = sorted(f.name for f in file.parent.iterdir() if f.suffix in RESPONSE_SUFFIXES)
        number = siblings.index(file.name) + 1 if file.name in siblings else 0
    return f"batch folder {file.parent.parent.name}, response {number}"


def is_questionnaire_file(path: Path) -> bool:
    """True when a YAML file is a questionnaire (principles, no answers), not a response."""
    try:
        data = load_yaml_file(path, "file").data
    except CoprodError:
        return False
    return isinstance(data, dict) and "principles" in data and "answers" not in data


def _reason(exc: CoprodError, source: str) -> str:
    """Why a file was left out, without repeating its name ('line 3:1: …' where known)."""
    text = str(exc)
    if isinstance(exc, InvalidFileError) and exc.problems:
        text = f"{exc.message} First: {exc.problems[0]}"
    for prefix, replacement in ((f"{source}: ", ""), (f"{source}:", "line ")):
        if text.startswith(prefix):
            text = replacement + text[len(prefix) :]
            break
    return text.replace(f"First: {source}:", "First: line ")


def _kind(exc: CoprodError) -> str:
    return next((k for cls, k in KINDS.items() if isinstance(exc, cls)), "could not be used")


@dataclass(frozen=True)
class Gathered:
    """Every input, scored or left out with its reason, and the files that had no check line."""

    inputs: list[Input]
    skipped: list[Skipped]
    unchecked: list[Input]  # compared as they stand: hand-written, or from an older coprod


def gather(paths: Sequence[Path | str]) -> tuple[list[Input], list[Skipped]]:
    """Load and score every input: (scored, left out with the reason). See :func:`gather_all`."""
    found = gather_all(paths)
    return found.inputs, found.skipped


def gather_all(paths: Sequence[Path | str]) -> Gathered:
    """Load and score every input; one that cannot be used is listed, never fatal.

    Each questionnaire is loaded once however many responses answer it. A
    questionnaire file found inside a folder is passed over quietly; one named on
    its own is listed ("this is a questionnaire, not a response file").
    """
    files, problems = input_files(paths)
    inputs: list[Input] = []
    skipped: list[Skipped] = []
    unchecked: list[Input] = []
    used: set[Path] = set()  # folders that held at least one file other than a questionnaire
    cache: dict[str, Loaded | CoprodError] = {}
    number = 0
    for item in files:
        notices: list[str] = []
        try:
            read = read_response(item.path)
            notices = read.notices
            scored: Scored | CoprodError = _score(read.response, item.path, cache)
        except CoprodError as exc:
            if isinstance(exc, InputFileError) and item.folder and is_questionnaire_file(item.path):
                continue  # a questionnaire kept beside its responses
            scored = exc
        number += 1
        if item.folder is not None:
            used.add(item.folder)
        if isinstance(scored, CoprodError):
            skipped.append(_skipped(number, item, scored))
        else:
            inputs.append(Input(number, str(item.path), scored, item.people, _described(item.path)))
            if notices:
                unchecked.append(inputs[-1])
    # Folders that gave nothing are listed after the files, numbered on from them.
    given = {f.folder for f in files if f.folder is not None}
    problems += [
        (folder, "only questionnaire files in this folder, no response files.")
        for folder in sorted(given - used)
    ]
    skipped += [
        Skipped(number + k, str(folder), "could not be read", text)
        for k, (folder, text) in enumerate(problems, 1)
    ]
    return Gathered(inputs, skipped, unchecked)


def unchecked_notice(unchecked: list[Input], anonymise: bool = False) -> list[str]:
    """One notice for all the compared files that had no check line (none when every one had)."""
    if not unchecked:
        return []
    named = [f"input file {i.number}" if anonymise else i.where for i in unchecked]
    shown = ", ".join(named[:10]) + (f" and {len(named) - 10} more" if len(named) > 10 else "")
    count = len(named)
    files = "1 response file has" if count == 1 else f"{count} response files have"
    return [
        f"{files} no check line (written by hand, or by an older coprod), so coprod cannot "
        f"tell whether {'it is' if count == 1 else 'they are'} complete; compared as "
        f"{'it stands' if count == 1 else 'they stand'}: {shown}."
    ]


def _described(path: Path) -> str:
    text = describe_input(path)
    return "" if text == str(path) else text


def _skipped(number: int, item: Found, exc: CoprodError) -> Skipped:
    """A left-out input; a batch response's reason never quotes its file name."""
    source = str(item.path)
    reason = _reason(exc, source)
    described = _described(item.path)
    if described:
        reason = reason.replace(source, described).replace(item.path.name, "this file")
    return Skipped(number, source, _kind(exc), reason, described)


def _score(response: Response, path: Path, cache: dict[str, Loaded | CoprodError]) -> Scored:
    """Score one response with its questionnaire, loading each questionnaire only once."""
    ref = response.questionnaire
    stored = stored_questionnaire(response, path.parent)
    # The version is part of the key: an older built-in version scores its own responses.
    key = f"path:{stored}" if stored else f"id:{ref.id}@{ref.version}:{ref.path or ''}"
    if key not in cache:
        try:
            cache[key] = questionnaire_for(response, folder=path.parent)
        except CoprodError as exc:
            cache[key] = exc
    loaded = cache[key]
    if isinstance(loaded, CoprodError):
        raise loaded
    match = match_response(loaded, response, str(path))
    scores = score_response(loaded.questionnaire, response)
    warnings = [f"{path}: {w}" for w in stand_in_warnings(response, loaded, path.parent)]
    return Scored(loaded, response, scores, path, warnings + match.warnings)


def run_compare(paths: Sequence[Path | str], options: Options | None = None) -> Comparison:
    """Gather the inputs and compare them (the library entry point behind `coprod compare`)."""
    options = options or Options()
    found = gather_all(paths)
    result = compare(found.inputs, found.skipped, options)
    left_out = {s.number for s in result.skipped}
    unchecked = [i for i in found.unchecked if i.number not in left_out]
    notice = unchecked_notice(unchecked, options.anonymise)
    return replace(result, warnings=[*notice, *result.warnings]) if notice else result


# --- tables -----------------------------------------------------------------
