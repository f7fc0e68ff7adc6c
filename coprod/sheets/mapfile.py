"""--map files: which column is which question, option, note or field; codes to recode;
extra perspective spellings.

A map file is YAML; every mistake in it is reported with its file and line.

```yaml
columns:                       # header (or column letter) -> target
  "Q1": assets_strengths       #   a question id
  "Q5[SQ001]": incl_barriers/costs   #   one 0/1 (or Y) column for one choice
  "Q5[other]": incl_barriers/other   #   the typed "Other" text: the answer's note
  "Comments": note:assets_strengths  #   a note for a question's answer
  "F": service                 #   a metadata field, by column letter
  "Shoe size": ignore
values:                        # question id or scale id -> code: value
  practice: {A1: 1, A2: 2, A3: 3, A4: 4, A5: 5}
  recip_policy: {"1": "yes", "2": "no"}
perspectives:
  Councillor: partner
```
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from coprod.errors import InvalidFileError, Problem
from coprod.files.yamlio import load_yaml_file
from coprod.i18n.words import METADATA_FIELDS, normalise
from coprod.model import PERSPECTIVES, MultipleChoiceQuestion, Questionnaire
from coprod.sheets.cells import BadCell, code_key, parse_cell

#: A key of ``columns:`` that names a column by its letter (A, F, AB), when no header is that.
LETTER = re.compile(r"^[A-Z]{1,3}$")


@dataclass(frozen=True)
class Mapping:
    """A --map file: column -> target; codes per question or scale; perspective spellings."""

    columns: dict[str, str] = field(default_factory=dict)
    perspectives: dict[str, str] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)

    def recode(self, questionnaire: Questionnaire, qid: str) -> dict[str, str]:
        """One question's codes (its scale's first, then its own), keys normalised."""
        question = next(qn for qn in questionnaire.questions if qn.id == qid)
        codes: dict[str, str] = {}
        scale = getattr(question, "scale", None)
        for key in (scale, qid):
            if key and key in self.values:
                codes.update({code_key(k): v for k, v in self.values[key].items()})
        return codes


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
        if key not in ("columns", "perspectives", "values"):
            add(
                (key,),
                f"unknown key '{key}'.",
                "Use 'columns:', 'values:' and 'perspectives:' only.",
            )
    for key in ("columns", "perspectives", "values"):
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
    columns: dict[str, str] = {}
    for header, target in (data.get("columns") or {}).items():
        why = target_problem(questionnaire, str(target))
        if why:
            add(
                ("columns", header),
                why,
                f"Use a question id (coprod show {questionnaire.id}), question/choice, "
                f"question/other, note:question, one of {', '.join(METADATA_FIELDS)}, or ignore.",
            )
        columns[str(header)] = str(target)
    values: dict[str, dict[str, str]] = {}
    known = {q.id for q in questionnaire.questions} | set(questionnaire.scales)
    for key, codes in (data.get("values") or {}).items():
        if str(key) not in known:
            add(
                ("values", key),
                f"'{key}' is not a question or scale of '{questionnaire.id}'.",
                f"Use a question id or one of the scales: {', '.join(questionnaire.scales)}.",
            )
            continue
        if not isinstance(codes, dict):
            add(
                ("values", key),
                f"'values: {key}:' should be a map of 'code: value' lines.",
                "Write e.g. '  practice: {A1: 1, A2: 2}' (docs/batch.md).",
            )
            continue
        values[str(key)] = {str(k): str(v) for k, v in codes.items()}
        for code, value in codes.items():
            why = value_problem_for(questionnaire, str(key), str(value))
            if why:
                add(
                    ("values", key, code),
                    f"'{code}: {value}': {why}.",
                    "Recode to a level's number or label, yes/no, a choice id, n/a or "
                    "don't know (coprod show " + questionnaire.id + ").",
                )
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
    return Mapping(columns, perspectives, values)


def value_problem_for(questionnaire: Questionnaire, key: str, value: str) -> str:
    """Why ``value`` is no answer for the question or scale ``key`` ('' when it is one)."""
    questions = [
        qn
        for qn in questionnaire.questions
        if qn.id == key or (qn.id != key and getattr(qn, "scale", None) == key)
    ]
    reasons = []
    for question in questions[:1] if any(q.id == key for q in questions) else questions:
        parsed = parse_cell(questionnaire, question, value)
        if isinstance(parsed, BadCell):
            reasons.append(f"'{value}' {parsed.reason} for {question.id}")
    # A scale's code need only fit one question on it (N/A is allowed on some, not others).
    return reasons[0] if reasons and len(reasons) == len(questions) else ""


def target_problem(questionnaire: Questionnaire, target: str) -> str:
    """Why a ``columns:`` target means nothing ('' when it is fine)."""
    questions = {q.id: q for q in questionnaire.questions}
    if target in questions or target in METADATA_FIELDS or target == "ignore":
        return ""
    if target.startswith("note:"):
        qid = target[5:].strip()
        return "" if qid in questions else f"'{qid}' is not a question of '{questionnaire.id}'."
    qid, _, choice = target.partition("/")
    question = questions.get(qid)
    if question is not None and choice:
        choices = [c.id for c in getattr(question, "choices", [])]
        if not isinstance(question, MultipleChoiceQuestion):
            return f"'{qid}' is not a multiple-choice question, so it has no '{choice}' column."
        if choice in choices or choice == "other":
            return ""
        return f"'{choice}' is not a choice of '{qid}' (its choices: {', '.join(choices)}, other)."
    return (
        f"'{target}' is not a question of '{questionnaire.id}', a choice, a note, a metadata "
        "field or 'ignore'."
    )
