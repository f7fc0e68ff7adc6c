"""Read and write response files; check a response belongs to its questionnaire.

Writes are atomic (temp file in the same folder, fsync, rename) so that a crash,
Ctrl-C or ``kill -9`` at any moment leaves either the old file or the new one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from coprod.errors import (
    CoprodError,
    InputFileError,
    InvalidFileError,
    MismatchError,
    OutputError,
    Problem,
)
from coprod.model import (
    Answer,
    MultipleChoiceQuestion,
    NumberQuestion,
    Questionnaire,
    QuestionnaireRef,
    Response,
    ScaleQuestion,
    SingleChoiceQuestion,
    Status,
    YesNoQuestion,
)
from coprod.questionnaire import Loaded
from coprod.scoring import numeric
from coprod.validation import validate_model
from coprod.yamlio import load_yaml_file


def now() -> str:
    """The current time as an ISO 8601 string with the UTC offset."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def new_response(loaded: Loaded, language: str = "en") -> Response:
    """An empty response for a loaded questionnaire."""
    q = loaded.questionnaire
    # An absolute path, so the response can be scored from any folder.
    ref = QuestionnaireRef(
        id=q.id,
        version=q.version,
        hash=loaded.hash,
        path=None if loaded.builtin else str(Path(loaded.path).resolve()),
    )
    stamp = now()
    return Response(questionnaire=ref, language=language, started=stamp, updated=stamp)


def load_response(path: Path | str) -> Response:
    """Read and validate a response file; raise InvalidFileError listing every problem."""
    located = load_yaml_file(Path(path), "response file")
    data = located.data
    if isinstance(data, dict) and "principles" in data and "answers" not in data:
        raise InputFileError(
            f"{path}: this is a questionnaire, not a response file.",
            "Give the answers file that coprod assess wrote (or see examples/).",
        )
    response, problems = validate_model(Response, located)
    if problems or response is None:
        raise InvalidFileError(str(path), problems)
    assert isinstance(response, Response)
    return response


def response_to_data(response: Response) -> dict[str, Any]:
    """Plain data for YAML: unset fields and default statuses left out to keep files readable."""
    data = response.model_dump(mode="json", by_alias=True, exclude_none=True)
    for answer in data.get("answers", {}).values():
        if answer.get("status") == Status.answered.value:
            del answer["status"]
    return data


def dump_response(response: Response) -> str:
    """The response as YAML text."""
    header = "# coprod response file: answers to a co-production self-assessment.\n"
    body = yaml.safe_dump(
        response_to_data(response), sort_keys=False, allow_unicode=True, width=100
    )
    return header + body


def atomic_write(path: Path, content: str | bytes) -> None:
    """Write a file so that it is either wholly old or wholly new, never half-written.

    A symlink is followed (the file it points to is replaced, the link stays), and an
    existing file keeps its permissions; a new one gets the usual ones for the umask.
    """
    shown = Path(path)
    path = Path(os.path.realpath(shown)) if shown.is_symlink() else shown
    folder = path.parent if str(path.parent) else Path(".")
    try:
        mode = path.stat().st_mode & 0o7777 if path.exists() else _default_mode()
    except OSError:
        mode = _default_mode()
    if not folder.is_dir():
        raise OutputError(
            f"{path}: the folder {folder} does not exist.", "Create it or pick another --out."
        )
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(
            f"{path}: cannot write here ({exc.strerror}).", "Pick a folder you can write to."
        ) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            # mkstemp makes the file private (0600): give it the file's own permissions,
            # or a new file's usual ones, so a shared report stays readable by colleagues.
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(f"{path}: cannot write ({exc.strerror}).") from None
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _default_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def save_response(response: Response, path: Path | str) -> None:
    """Write a response file atomically."""
    atomic_write(Path(path), dump_response(response))


@dataclass(frozen=True)
class Match:
    """How well a response matches a questionnaire: warnings if it can still be scored."""

    warnings: list[str]


def match_response(loaded: Loaded, response: Response, file: str = "response") -> Match:
    """Check a response answers this questionnaire.

    A different questionnaire id is refused. A different version or content hash is
    accepted with a warning when every answered id still exists and every value is
    still valid; otherwise it is refused, naming the ids.
    """
    q = loaded.questionnaire
    ref = response.questionnaire
    if ref.id != q.id:
        raise MismatchError(
            f"{file}: answers questionnaire '{ref.id}', not '{q.id}'.",
            f"Score it with the questionnaire it was made for: --questionnaire {ref.id}.",
        )
    problems = check_answers(q, response, file)
    warnings: list[str] = []
    changed = ref.version != q.version or (ref.hash is not None and ref.hash != loaded.hash)
    if changed:
        what = (
            f"version {ref.version}, the questionnaire is now version {q.version}"
            if ref.version != q.version
            else f"version {q.version}, but the questionnaire's content has changed since"
        )
        if problems:
            raise MismatchError(
                f"{file}: answers {what}, and {len(problems)} answer(s) no longer fit: "
                f"{problems[0].message}",
                "Score it with the questionnaire version it was made for.",
            )
        warnings.append(f"{file}: answers {what}; every answer still fits, so it is scored.")
    elif problems:
        raise InvalidFileError(file, _locate(problems, file))
    return Match(warnings)


def _locate(problems: list[Problem], file: str) -> list[Problem]:
    """Add the line and column of each answer problem, read again from the file."""
    try:
        located = load_yaml_file(Path(file), "response file")
    except CoprodError:
        return problems
    out = []
    for problem in problems:
        parts = tuple(problem.path.split(".")) if problem.path else ()
        line, column = located.where(parts)
        out.append(replace(problem, line=line, column=column))
    return out


def check_answers(q: Questionnaire, response: Response, file: str) -> list[Problem]:
    """Problems with the answers' ids and values, one per bad answer."""
    problems: list[Problem] = []
    for qid, answer in response.answers.items():
        path = f"answers.{qid}"
        question = q.question(qid)
        if question is None:
            problems.append(Problem(file, f"question '{qid}' is not in '{q.id}'.", path=path))
            continue
        if answer.status != Status.answered or answer.value is None:
            if answer.status == Status.not_applicable and not question.not_applicable:
                problems.append(
                    Problem(file, "this question cannot be 'not applicable'.", path=path)
                )
            if answer.status == Status.dont_know and not question.dont_know:
                problems.append(Problem(file, "this question cannot be 'don't know'.", path=path))
            continue
        reason = value_problem(q, question, answer)
        if reason:
            problems.append(Problem(file, reason, path=f"{path}.value"))
    return problems


def value_problem(q: Questionnaire, question: Any, answer: Answer) -> str:
    """Why a value does not fit its question, or '' when it does."""
    value = answer.value
    if isinstance(question, ScaleQuestion):
        number = numeric(value)
        levels = [lv.value for lv in q.scales[question.scale].levels]
        if number is None or number != int(number) or int(number) not in levels:
            return f"{value!r} is not a level of scale '{question.scale}' ({levels})."
    elif isinstance(question, YesNoQuestion):
        if str(value).strip().lower() not in ("yes", "no") and not isinstance(value, bool):
            return f"{value!r} is not yes or no."
    elif isinstance(question, NumberQuestion):
        number = numeric(value)
        if number is None:
            return f"{value!r} is not a number."
        if question.integer and number != int(number):
            return f"{value} is not a whole number."
        if question.min is not None and number < question.min:
            return f"{value} is below the minimum {question.min:g}."
        if question.max is not None and number > question.max:
            return f"{value} is above the maximum {question.max:g}."
    elif isinstance(question, SingleChoiceQuestion):
        ids = [c.id for c in question.choices]
        if value not in ids:
            return f"{value!r} is not one of the choices ({', '.join(ids)})."
    elif isinstance(question, MultipleChoiceQuestion):
        ids = [c.id for c in question.choices]
        if not isinstance(value, list) or any(v not in ids for v in value):
            return f"{value!r} should be a list of choices from ({', '.join(ids)})."
    return ""
