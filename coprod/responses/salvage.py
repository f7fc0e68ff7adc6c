"""What can be kept from a damaged response file, for ``coprod assess --resume``.

A file cut short keeps its beginning: every answer before the last one it still
holds was followed by another, so it is whole. The last one may have lost part of
its value, its note or its list of choices, so it is never kept: it is asked
again. A file whose content changed (most often an edit by hand) keeps every
answer that still reads; the person reviews them as the session goes on.
Answers that do not fit the questionnaire are left out and named.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from coprod.errors import CoprodError, DamagedFileError
from coprod.files.yamlio import parse_yaml
from coprod.model import Answer, Questionnaire, Response
from coprod.responses.answers import check_answers
from coprod.responses.checkline import HEADER, State, normal_lines, read_check

#: How many lines are dropped from the end, at most, looking for YAML that reads.
MAX_TRIES = 200


@dataclass(frozen=True)
class Salvage:
    """The intact part of a damaged response file."""

    response: Response
    kept: list[str]  # ids of the answers kept, in file order
    dropped: list[tuple[str, str]]  # (question id, why it is asked again)
    cut_short: bool


def decode_damaged(raw: bytes) -> str:
    """A damaged file's text: a character cut in half at the end is dropped, others replaced."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.end >= len(raw) - 1 and exc.reason == "unexpected end of data":
            return raw[: exc.start].decode("utf-8-sig", errors="replace")
        return raw.decode("utf-8-sig", errors="replace")


def salvage_response(path: Path, error: DamagedFileError) -> Salvage | None:
    """The answers of a damaged response file that are intact; None when nothing can be kept.

    Nothing can be kept when even the questionnaire it answers cannot be read.
    """
    text = decode_damaged(path.read_bytes())
    lines = normal_lines(text)
    check = read_check(text)
    cut_short = check.state == State.cut_short
    body = lines[len(HEADER) :] if tuple(lines[: len(HEADER)]) == HEADER else lines
    if body and body[-1].startswith("# coprod check"):
        body = body[:-1]
    data = _longest_readable(body, str(path))
    if not isinstance(data, dict):
        return None
    dropped: list[tuple[str, str]] = []
    if cut_short and data:
        data, dropped = _without_last(data)
    answers = data.pop("answers", None)
    try:
        response = Response.model_validate({**data, "answers": {}})
    except ValidationError:
        return None
    kept: dict[str, Answer] = {}
    for qid, given in (answers if isinstance(answers, dict) else {}).items():
        try:
            kept[str(qid)] = Answer.model_validate(given)
        except ValidationError:
            dropped.append((str(qid), "it no longer reads as an answer"))
    return Salvage(response.model_copy(update={"answers": kept}), list(kept), dropped, cut_short)


def keep_fitting(q: Questionnaire, salvage: Salvage, file: str) -> Salvage:
    """The salvage without the answers that do not fit ``q`` (each named, with why)."""
    problems = check_answers(q, salvage.response, file)
    bad = {p.path.split(".")[1]: p.message for p in problems if p.path.count(".") >= 1}
    if not bad:
        return salvage
    answers = {k: v for k, v in salvage.response.answers.items() if k not in bad}
    return Salvage(
        salvage.response.model_copy(update={"answers": answers}),
        [k for k in salvage.kept if k not in bad],
        [*salvage.dropped, *bad.items()],
        salvage.cut_short,
    )


def _longest_readable(body: list[str], file: str) -> Any:
    """The data of the longest start of ``body`` that reads as YAML (None if none does)."""
    end = len(body)
    for _ in range(MAX_TRIES):
        if end <= 0:
            return None
        try:
            return parse_yaml("".join(f"{line}\n" for line in body[:end]), file).data
        except CoprodError:
            end -= 1
    return None


def _without_last(data: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Drop what the cut may have reached: the last answer, or else the last field."""
    keys = list(data)
    last = keys[-1]
    answers = data.get("answers")
    if last == "answers" and isinstance(answers, dict):
        if not answers:
            return data, []
        qid = list(answers)[-1]
        rest = {k: v for k, v in answers.items() if k != qid}
        why = "it was the last answer before the cut, so part of it may be missing"
        return {**data, "answers": rest}, [(str(qid), why)]
    return {k: v for k, v in data.items() if k != last}, []
