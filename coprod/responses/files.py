"""Read and write response files; check a response belongs to its questionnaire.

Writes are atomic (:func:`coprod.files.atomic.atomic_write`) so that a crash,
Ctrl-C or ``kill -9`` at any moment leaves either the old file or the new one.
"""

from __future__ import annotations

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
    Problem,
)
from coprod.files.atomic import atomic_write
from coprod.files.kinds import Kind, kind_of_data, refuse_other_kind, wrong_kind
from coprod.files.yamlio import Located, load_yaml_file, parse_yaml, read_text
from coprod.model import (
    QuestionnaireRef,
    Response,
    Status,
)
from coprod.questionnaire.load import Loaded
from coprod.questionnaire.validation import validate_model
from coprod.responses.answers import check_answers
from coprod.responses.checkline import Check, add_check, damaged_error, read_check


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


@dataclass(frozen=True)
class ReadResponse:
    """A response read from its file, and what its check line said."""

    response: Response
    check: Check
    file: str

    @property
    def notices(self) -> list[str]:
        """The one notice for a file that could not be checked for being whole, if any."""
        notice = self.check.notice(self.file)
        return [notice] if notice else []


def read_response(path: Path | str) -> ReadResponse:
    """Read, check and validate a response file.

    A file coprod wrote and that was cut short or changed since raises
    DamagedFileError before anything is read from it; a file without a check
    line (hand-written, or from an older coprod) is read, with a notice saying so
    (see :mod:`coprod.responses.checkline`). Problems raise InvalidFileError.
    """
    file = str(path)
    refuse_other_kind(Path(path), Kind.response)
    try:
        text = read_text(Path(path), "response file")
    except InputFileError:
        # cut short part-way through a letter: say "damaged" if coprod wrote it
        check = read_check(read_text(Path(path), "response file", partial_end=True))
        if check.damaged:
            raise damaged_error(file, check) from None
        raise
    check = read_check(text)
    if check.damaged:
        raise damaged_error(file, check)
    return ReadResponse(response_from(parse_yaml(text, file)), check, file)


def load_response(path: Path | str) -> Response:
    """Read and validate a response file (see :func:`read_response`)."""
    return read_response(path).response


def response_from(located: Located) -> Response:
    """Validate parsed YAML as a response; raise InvalidFileError listing every problem."""
    data = located.data
    path = located.file
    if kind_of_data(data) == Kind.questionnaire:
        raise wrong_kind(path, Kind.questionnaire, Kind.response.value)
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
    """The response as YAML text: header lines, the answers, and the check line at the end."""
    body = yaml.safe_dump(
        response_to_data(response), sort_keys=False, allow_unicode=True, width=100
    )
    return add_check(body)


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
