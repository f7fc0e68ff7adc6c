"""Grid questions: one stem, several rows, one scale, asked and answered row by row.

In the file a grid is a question with ``rows:``; its ``text`` is the stem and every
other key (the scale or choices, weight, required, when, sources, ...) applies to
each row. Once loaded it is gone: each row is an ordinary question with the id
``<grid id>.<row id>`` that remembers its grid (:attr:`coprod.model.GridPlace`), so
scoring, batch, compare and rules treat rows like any other question, and only what
people read (assess, the answer sheet, the paper form, reports) shows them together.

The checks here run on the parsed YAML, like :mod:`coprod.questionnaire.checks`, so
an author sees each problem with its line even while the file has other mistakes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from coprod.errors import Problem
from coprod.files.yamlio import Located, Path_
from coprod.model import GridPlace, Question, Questionnaire, wordings
from coprod.questionnaire.ids import how_they_differ, read_alike
from coprod.questionnaire.validation import format_path

#: Joins a grid's id and a row's id into the row's question id: ``feel.listened``.
SEPARATOR = "."
#: The question types whose rows can share one scale or one set of choices.
GRID_TYPES = ("scale", "yes_no", "single_choice", "multiple_choice")
MIN_ROWS = 2
MAX_ID = 64


def row_id(grid: str, row: str) -> str:
    """The question id of a grid's row."""
    return f"{grid}{SEPARATOR}{row}"


def answer_ids(question: Any) -> list[str]:
    """The ids a question item of the parsed YAML is answered under: its rows' for a grid."""
    if not isinstance(question, dict) or not isinstance(question.get("id"), str):
        return []
    rows = question.get("rows")
    if not isinstance(rows, list):
        return [question["id"]]
    return [
        row_id(question["id"], row["id"])
        for row in rows
        if isinstance(row, dict) and isinstance(row.get("id"), str)
    ]


def expand_grids(q: Questionnaire) -> Questionnaire:
    """The questionnaire with each grid replaced by its rows, each an ordinary question."""
    if not any(question.rows for question in q.questions):
        return q
    principles = [
        p.model_copy(update={"questions": [row for qn in p.questions for row in _rows(qn)]})
        for p in q.principles
    ]
    return q.model_copy(update={"principles": principles})


def _rows(question: Question) -> list[Question]:
    if not question.rows:
        return [question]
    count = len(question.rows)
    return [
        question.as_row(
            GridPlace(id=question.id, text=question.text, help=question.help, row=i, rows=count),
            id=row_id(question.id, row.id),
            text=row.text,
            help=row.help or question.help,
            guidance=row.guidance or question.guidance,
        )
        for i, row in enumerate(question.rows, 1)
    ]


def runs(questions: Sequence[Question]) -> list[list[Question]]:
    """The questions in order, each grid's rows side by side in one run, others alone."""
    out: list[list[Question]] = []
    for question in questions:
        grid = question.grid
        last = out[-1][-1].grid if out else None
        if grid is not None and last is not None and last.id == grid.id:
            out[-1].append(question)
        else:
            out.append([question])
    return out


def row_headers(question: Question) -> list[str]:
    """A grid row's column headers as survey tools write them, 'Stem [Row]', in each language
    the stem and the row share (Google Forms, Citizen Space, LimeSurvey's full text)."""
    grid = question.grid
    if grid is None:
        return []
    rows, stems = wordings(question.text), wordings(grid.text)
    pairs = [(stems[code], rows[code]) for code in stems if code in rows]
    if not pairs:  # a plain stem with a translated row, or the other way round
        pairs = [(stem, row) for stem in stems.values() for row in rows.values()]
    return list(dict.fromkeys(f"{stem} [{row}]" for stem, row in pairs))


def grid_problems(located: Located) -> list[Problem]:
    """Every grid that cannot be asked as one: too few rows, a type without shared answers,
    row ids used twice, and row question ids that are too long or clash with another id."""
    problems: list[Problem] = []

    def add(path: Path_, message: str, hint: str) -> None:
        line, column = located.where(path)
        problems.append(Problem(located.file, message, line, column, format_path(path), hint))

    # principle and question ids, and rows' question ids with their grid: rows of one grid
    # are compared by id_collisions, as the set of ids they are
    taken: list[tuple[str, Path_, str]] = []
    for path, item in _items(located.data):
        if isinstance(item.get("id"), str) and not isinstance(item.get("rows"), list):
            taken.append((item["id"], (*path, "id"), ""))
    for path, question in _items(located.data):
        rows = question.get("rows")
        if not isinstance(rows, list) or not isinstance(question.get("id"), str):
            continue
        gid = question["id"]
        kind = question.get("type")
        if isinstance(kind, str) and kind not in GRID_TYPES:
            add(
                (*path, "type"),
                f"a {kind} question cannot be a grid: a grid's rows share one scale or one "
                "set of choices.",
                f"use type {', '.join(GRID_TYPES[:-1])} or {GRID_TYPES[-1]}, or ask each row "
                "as a question of its own.",
            )
        if len(rows) < MIN_ROWS:
            add(
                (*path, "rows"),
                f"a grid needs at least {MIN_ROWS} rows; '{gid}' has {len(rows)}.",
                "add rows, or make it a question of its own (without 'rows:').",
            )
        seen: set[str] = set()
        for ri, row in enumerate(rows):
            rid = row.get("id") if isinstance(row, dict) else None
            if not isinstance(rid, str):
                continue
            where: Path_ = (*path, "rows", ri, "id")
            if rid in seen:
                add(where, f"row id '{rid}' is used twice in grid '{gid}'.", "make row ids unique.")
                continue
            seen.add(rid)
            full = row_id(gid, rid)
            if len(full) > MAX_ID:
                add(
                    where,
                    f"the row's question id '{full}' is {len(full)} characters long; "
                    f"ids are at most {MAX_ID}.",
                    "shorten the grid's id or the row's.",
                )
            clash = next(((o, p) for o, p, g in taken if g != gid and read_alike(o, full)), None)
            if clash is not None:
                other, other_path = clash
                line, _ = located.where(other_path)
                at = f"{located.file}:{line}" if line else located.file
                if other == full:
                    said = f"which is already the id at {at}."
                else:
                    said = (
                        f"which reads the same as id '{other}' at {at}: they differ "
                        f"{how_they_differ(other, full)}, so people, forms and spreadsheets "
                        "take them for one id."
                    )
                add(
                    where,
                    f"row '{rid}' of grid '{gid}' is answered as '{full}', {said}",
                    "rename the row, the grid or the other id.",
                )
            taken.append((full, where, gid))
    return problems


def _items(data: Any) -> Iterator[tuple[Path_, dict[str, Any]]]:
    """Each principle and question map of the parsed YAML, with its path, in file order."""
    principles = data.get("principles") if isinstance(data, dict) else None
    for pi, principle in enumerate(principles if isinstance(principles, list) else []):
        if not isinstance(principle, dict):
            continue
        yield ("principles", pi), principle
        questions = principle.get("questions")
        for qi, question in enumerate(questions if isinstance(questions, list) else []):
            if isinstance(question, dict):
                yield ("principles", pi, "questions", qi), question
