"""Read an answers file (``coprod assess --answers FILE``) into answers, every problem located."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coprod.assess.typed import parse_input
from coprod.errors import InvalidFileError, Problem
from coprod.files.yamlio import load_yaml_file
from coprod.model import Answer, Question, Questionnaire, Status
from coprod.responses.files import now


def answers_from_file(q: Questionnaire, path: Path) -> dict[str, Answer]:
    """Read answers from YAML (``question_id: value`` lines, or a response file's ``answers:``).

    A value may be what would be typed in the session (``3``, ``yes``, ``n/a``,
    ``don't know``, ``skip``) or a map with ``value``/``status``/``note``.
    Raises InvalidFileError listing every answer that does not fit.
    """
    located = load_yaml_file(path, "answers file")
    data = located.data
    prefix: tuple[str, ...] = ()
    if isinstance(data, dict) and isinstance(data.get("answers"), dict):
        data, prefix = data["answers"], ("answers",)
    if not isinstance(data, dict):
        raise InvalidFileError(
            str(path),
            [Problem(str(path), "expected 'question_id: answer' lines.", 1, 1)],
        )
    out: dict[str, Answer] = {}
    problems: list[Problem] = []
    for qid, raw in data.items():
        line, col = located.where((*prefix, qid))
        question = q.question(str(qid))
        if question is None:
            problems.append(
                Problem(
                    str(path),
                    f"'{qid}' is not a question in '{q.id}'.",
                    line,
                    col,
                    hint="use the ids shown by 'coprod show'.",
                )
            )
            continue
        answer, message = _answer_from_data(q, question, raw)
        if answer is None:
            problems.append(Problem(str(path), message, line, col, path=str(qid)))
        else:
            out[question.id] = answer
    if problems:
        raise InvalidFileError(str(path), problems)
    return out


_STATUS_WORDS = {"not_applicable": "x", "dont_know": "d", "skipped": "s"}


def _answer_from_data(q: Questionnaire, question: Question, raw: Any) -> tuple[Answer | None, str]:
    note = None
    if isinstance(raw, dict):
        note = raw.get("note")
        if note is not None and not isinstance(note, (str, int, float)):
            return None, "a note should be text."
        note = None if note is None else str(note)
        status = raw.get("status")
        if status in _STATUS_WORDS:
            # through the same check as a typed key, so 'not applicable' is refused where
            # the question does not allow it
            raw = _STATUS_WORDS[status]
        else:
            raw = raw.get("value")
    if isinstance(raw, str) and raw.strip().lower() in ("skip", "skipped"):
        raw = "s"  # checked like the key, so a required question cannot be skipped
    typed = raw if isinstance(raw, str) else None
    if isinstance(raw, list):
        typed = " ".join(map(str, raw)) if raw else "0"
    elif isinstance(raw, bool):
        typed = "yes" if raw else "no"
    elif isinstance(raw, (int, float)):
        typed = str(raw)
    if typed is None:
        return None, "no answer given."
    action = parse_input(q, question, typed, has_answer=False)
    if action.kind == "answer":
        return Answer(value=action.value, note=note, answered_at=now()), ""
    if action.kind in ("not_applicable", "dont_know", "skip"):
        status = Status.skipped if action.kind == "skip" else Status(action.kind)
        return Answer(status=status, note=note, answered_at=now()), ""
    return None, action.message or f"{typed!r} is not an answer to this question."
