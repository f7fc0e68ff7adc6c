"""Read an answers file (``coprod assess --answers FILE``) into answers, every problem located.

The format, with an annotated example in ``examples/starter-answers.yaml``::

    respondent:                 # optional; --organisation etc. on the command line win
      organisation: Afon Valley Council
      perspective: staff        # staff, lived_experience, carer, partner or other
    answers:
      strengths: 3              # a level's number, its label, or "3 - Growing"
      peer_groups: n/a          # N/A and don't know in their usual spellings
      wider_circle: {value: 2, note: "Only in the carers' team."}
      user_role: skip           # skipped (not for a required question)

``question_id: answer`` lines at the top level, without ``answers:``, are read too,
and so is a response file. Every answer goes through the reader that typed answers
and sheet cells use (:func:`coprod.responses.reading.read_answer`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coprod.assess.typed import perspective_id
from coprod.errors import InvalidFileError, Problem
from coprod.files.kinds import Kind, kind_of_data, kind_of_path, wrong_kind
from coprod.files.yamlio import Located, load_yaml_file
from coprod.model import PERSPECTIVES, Answer, Question, Questionnaire, Respondent, Status
from coprod.responses.files import now
from coprod.responses.reading import Refusal, read_answer

#: Top-level keys of a response file that an answers file may carry and coprod passes over:
#: the new response records its own questionnaire, language and times.
RESPONSE_KEYS = ("format", "questionnaire", "language", "started", "updated", "completed")
ANSWERS_FILE = "an answers file (see examples/starter-answers.yaml)"
RESPONDENT_FIELDS = ("organisation", "service", "role", "perspective", "name", "group")


@dataclass(frozen=True)
class AnswersFile:
    """What an answers file holds: the answers, and who answered (fields not given are None)."""

    answers: dict[str, Answer]
    respondent: Respondent = field(default_factory=Respondent)

    def details_for(self, options: Respondent | None) -> dict[str, str]:
        """The file's respondent details that no command-line option gave (options win)."""
        chosen = options or Respondent()
        given = self.respondent.model_dump(exclude_none=True)
        return {key: value for key, value in given.items() if getattr(chosen, key) is None}


def answers_from_file(q: Questionnaire, path: Path) -> dict[str, Answer]:
    """The answers in an answers file (see :func:`read_answers_file`)."""
    return read_answers_file(q, path).answers


def read_answers_file(q: Questionnaire, path: Path) -> AnswersFile:
    """Read an answers file: ``respondent:`` and ``answers:``, or ``question_id: answer`` lines.

    A value may be what would be typed in the session (``3``, ``Growing``,
    ``3 - Growing``, ``yes``, ``n/a``, ``don't know``, ``skip``) or a map with
    ``value``/``status``/``note``. Raises InvalidFileError listing every problem.
    """
    kind = kind_of_path(path)
    if kind is not None:
        raise wrong_kind(path, kind, ANSWERS_FILE)
    located = load_yaml_file(path, "answers file")
    data = located.data
    if kind_of_data(data) == Kind.questionnaire:
        raise wrong_kind(path, Kind.questionnaire, ANSWERS_FILE)
    problems: list[Problem] = []
    respondent = Respondent()
    prefix: tuple[str, ...] = ()
    if isinstance(data, dict) and ("answers" in data or "respondent" in data):
        respondent = _respondent(located, data.get("respondent"), problems)
        for key in data:
            if key not in ("answers", "respondent", *RESPONSE_KEYS):
                line, col = located.where((key,))
                problems.append(
                    Problem(
                        str(path),
                        f"'{key}' is not part of an answers file.",
                        line,
                        col,
                        hint="put answers under 'answers:' and details under 'respondent:'.",
                    )
                )
        data, prefix = data.get("answers") or {}, ("answers",)
    if not isinstance(data, dict):
        line, col = located.where(prefix)
        raise InvalidFileError(
            str(path), [Problem(str(path), "expected 'question_id: answer' lines.", line, col)]
        )
    out: dict[str, Answer] = {}
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
                    hint=f"use the ids shown by 'coprod show {q.id}'.",
                )
            )
            continue
        answer, message, hint = _answer_from_data(q, question, raw)
        if answer is None:
            problems.append(Problem(str(path), message, line, col, path=str(qid), hint=hint))
        else:
            out[question.id] = answer
    if problems:
        raise InvalidFileError(str(path), problems)
    return AnswersFile(out, respondent)


def _respondent(located: Located, raw: Any, problems: list[Problem]) -> Respondent:
    if raw is None:
        return Respondent()
    file = located.file
    if not isinstance(raw, dict):
        line, col = located.where(("respondent",))
        problems.append(Problem(file, "'respondent' should hold 'field: value' lines.", line, col))
        return Respondent()
    given: dict[str, str] = {}
    for key, value in raw.items():
        line, col = located.where(("respondent", key))
        if key not in RESPONDENT_FIELDS:
            problems.append(
                Problem(
                    file,
                    f"'{key}' is not a respondent detail.",
                    line,
                    col,
                    hint=f"use {', '.join(RESPONDENT_FIELDS)}.",
                )
            )
        elif value is not None:
            given[key] = str(value)
    if "perspective" in given:
        pid = perspective_id(given["perspective"])
        if pid is None:
            line, col = located.where(("respondent", "perspective"))
            problems.append(
                Problem(
                    file,
                    f"'{given['perspective']}' is not a perspective.",
                    line,
                    col,
                    hint=f"use one of {', '.join(PERSPECTIVES)}.",
                )
            )
            del given["perspective"]
        else:
            given["perspective"] = pid
    return Respondent(**given)


_STATUS_WORDS = {
    "not_applicable": Status.not_applicable,
    "dont_know": Status.dont_know,
    "skipped": Status.skipped,
}


def _answer_from_data(
    q: Questionnaire, question: Question, raw: Any
) -> tuple[Answer | None, str, str]:
    """(the answer, or None with the message and hint saying why not)."""
    note = None
    status: Status | None = None
    if isinstance(raw, dict):
        note = raw.get("note")
        if note is not None and not isinstance(note, (str, int, float)):
            return None, "a note should be text.", ""
        note = None if note is None else str(note)
        status = _STATUS_WORDS.get(str(raw.get("status")))
        raw = raw.get("value")
    if isinstance(raw, str) and raw.strip().lower() in ("skip", "skipped"):
        status = Status.skipped
    if status == Status.skipped:
        if question.required:
            return None, "this question needs an answer; it cannot be skipped.", ""
        return Answer(status=status, note=note, answered_at=now()), "", ""
    if status is not None:
        typed = {Status.not_applicable: "n/a", Status.dont_know: "don't know"}[status]
    elif isinstance(raw, list):
        typed = "; ".join(map(str, raw)) if raw else "0"
    elif isinstance(raw, bool):
        typed = "yes" if raw else "no"
    elif isinstance(raw, (str, int, float)):
        typed = str(raw)
    else:
        return None, "no answer given.", ""
    reading = read_answer(q, question, typed)
    if reading is None:
        return None, "no answer given.", ""
    if isinstance(reading, Refusal):
        return None, reading.message(), reading.hint()
    return Answer(value=reading.value, status=reading.status, note=note, answered_at=now()), "", ""
