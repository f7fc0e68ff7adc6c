"""Answer sheets (CSV/XLSX) -> answers per question, column by column, and every problem found.

The pipeline is read (bytes -> rows of text) -> match (headers -> questions and
metadata) -> parse (cells -> answers, via :mod:`coprod.cells`) -> check (duplicates,
empty rows, perspectives). Nothing is printed: problems come back located by
sheet, row and column, with what is wrong and how to fix it. Answers are kept
column by column so that 100,000 rows stay fast and small.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import compress, islice, repeat
from operator import not_
from pathlib import Path

from coprod.aliases import (
    IGNORED_HEADERS,
    METADATA_FIELDS,
    METADATA_HEADERS,
    normalise,
    normalise_header,
)
from coprod.cells import CellReader, Column
from coprod.errors import InvalidFileError, Problem, SheetError
from coprod.gcpause import gc_paused
from coprod.model import PERSPECTIVES, Questionnaire, pick
from coprod.sheetchecks import (
    SheetProblem,
    bad_cell_problems,
    check_duplicates,
    check_perspectives,
    empty_rows,
)
from coprod.sheetfiles import MAX_SHEET_BYTES, XLSX_SUFFIXES, Table, read_tables
from coprod.yamlio import load_yaml_file

__all__ = [
    "MAX_SHEET_BYTES",
    "XLSX_SUFFIXES",
    "AnswerSheets",
    "ColumnMatch",
    "Counts",
    "HeaderMatcher",
    "Mapping",
    "SheetProblem",
    "Table",
    "column_letter",
    "load_mapping",
    "read_sheets",
    "read_tables",
]

#: Rows parsed at a time: small enough that a chunk's text stays in the CPU cache.
CHUNK_ROWS = 1024
Progress = Callable[[str], None]
#: The guide sheets `coprod template` adds beside 'Answers'; skipping them is expected.
TEMPLATE_SHEETS = ("sheet 'Questions'", "sheet 'Lists'")


@dataclass(frozen=True)
class Mapping:
    """A --map file: header -> question id, field or 'ignore'; extra perspective spellings."""

    columns: dict[str, str] = field(default_factory=dict)
    perspectives: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ColumnMatch:
    """How one header was understood: the question or field it feeds, and how it was matched."""

    source: str
    column: str
    header: str
    target: str
    how: str


@dataclass(frozen=True)
class Counts:
    """Rows read = used (clean) + with problems + empty. Blank lines are not counted."""

    read: int
    used: int
    with_problems: int
    empty: int
    scored: int


@dataclass
class AnswerSheets:
    """Every sheet combined: one entry per row in each list, answers column by column."""

    questionnaire: Questionnaire
    sources: list[str]
    origin: list[tuple[int, int]]  # (index into sources, spreadsheet row number)
    meta: dict[str, list[str]]
    group: list[str] | None
    cells: dict[str, Column]
    columns: list[ColumnMatch]
    unmatched_questions: list[str]
    problems: list[SheetProblem]
    problem_rows: set[int]
    empty_rows: set[int]
    counts: Counts
    warnings: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        """How many rows are held (blank lines dropped)."""
        return len(self.origin)

    def where(self, index: int) -> str:
        """A row's location for people, e.g. 'answers.csv, row 7'."""
        source, row = self.origin[index]
        return f"{self.sources[source]}, row {row}"


# --- map files and headers --------------------------------------------------


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


def column_letter(index: int) -> str:
    """Spreadsheet column letters for a 0-based index: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


class HeaderMatcher:
    """Decides what each header means; built once per questionnaire."""

    def __init__(self, q: Questionnaire, mapping: Mapping, by: str | None) -> None:
        self.mapping = {normalise_header(k): v for k, v in mapping.columns.items()}
        self.ids = {qn.id.casefold(): qn.id for qn in q.questions}
        self.texts: dict[str, str] = {}
        for qn in q.questions:
            for text in qn.text.values():
                self.texts.setdefault(normalise(text), qn.id)
        self.meta = {normalise(a): f for f, aliases in METADATA_HEADERS.items() for a in aliases}
        self.by = normalise_header(by) if by and by not in METADATA_FIELDS else None
        self.ignored = {normalise(h) for h in IGNORED_HEADERS}

    def match(self, header: str) -> tuple[str, str]:
        """(target, how) for a header; target '' when nothing matched."""
        plain = header.strip()
        key = normalise_header(plain)
        if key in self.mapping:
            return self.mapping[key], "map file"
        head = re.split(r"\s*[:|]\s*|\s+[-–—]\s+", plain, maxsplit=1)[0].casefold()
        if plain.casefold() in self.ids or head in self.ids:
            return self.ids.get(plain.casefold()) or self.ids[head], "question id"
        if key in self.texts:
            return self.texts[key], "question text"
        if self.by is not None and key == self.by:
            return "group", "--by"
        if key in self.meta:
            return self.meta[key], "metadata"
        if key in self.ignored:
            return "ignore", "form tool column"
        if len(key) >= 25:
            near = {
                qid
                for text, qid in self.texts.items()
                if text.startswith(key) or key.startswith(text)
            }
            if len(near) == 1:
                return near.pop(), "question text (start)"
        return "", ""


# --- the whole pipeline -----------------------------------------------------


def read_sheets(
    paths: Sequence[Path],
    questionnaire: Questionnaire,
    mapping: Mapping | None = None,
    by: str | None = None,
    strict: bool = False,
    progress: Progress | None = None,
) -> AnswerSheets:
    """Read, match and parse answer sheets; every problem is returned, located, never raised.

    Raises SheetError only when nothing can be used: no column matches a question.
    """
    with gc_paused():
        return _read_sheets(paths, questionnaire, mapping, by, strict, progress)


def _read_sheets(
    paths: Sequence[Path],
    questionnaire: Questionnaire,
    mapping: Mapping | None = None,
    by: str | None = None,
    strict: bool = False,
    progress: Progress | None = None,
) -> AnswerSheets:
    mapping = mapping or Mapping()
    matcher = HeaderMatcher(questionnaire, mapping, by)
    questions = questionnaire.questions
    readers = {qn.id: CellReader(questionnaire, qn) for qn in questions}
    sources: list[str] = []
    origin: list[tuple[int, int]] = []
    codes: dict[str, list[int]] = {qn.id: [] for qn in questions}
    meta: dict[str, list[str]] = {f: [] for f in METADATA_FIELDS}
    meta["group"] = []
    columns: list[ColumnMatch] = []
    problems: list[SheetProblem] = []
    where_col: dict[tuple[int, str], str] = {}
    warnings: list[str] = []
    for path in paths:
        for table in read_tables(Path(path)):
            if progress:
                progress(f"Reading {table.source}")
            start = len(origin)
            src = len(sources)
            sources.append(table.source)
            if table.encoding and table.encoding != "UTF-8":
                warnings.append(f"{table.source} was read as {table.encoding} text.")
            used = _add_table(
                table, src, matcher, readers, codes, meta, origin, columns, problems, where_col
            )
            if not used:
                sources.pop()
                del origin[start:]
                if not table.source.endswith(TEMPLATE_SHEETS):
                    warnings.append(f"{table.source}: no column matches a question; skipped.")
    seen = {c.target for c in columns}
    unmatched = [qn.id for qn in questions if qn.id not in seen]
    if not origin and not any(c.target in codes for c in columns):
        names = ", ".join(str(p) for p in paths)
        raise SheetError(
            f"{names}: no column matches a question of '{questionnaire.id}'.",
            "Put the question ids or question texts in the first row (coprod template "
            f"{questionnaire.id} makes a blank sheet), or write a --map file (docs/batch.md).",
        )
    n = len(origin)
    consequence = "the row is left out (--strict)" if strict else "the row is scored without it"
    for qn in questions:
        problems.extend(
            bad_cell_problems(
                codes[qn.id], readers[qn.id].table, origin, sources, where_col, qn.id, consequence
            )
        )
    check_perspectives(meta, mapping.perspectives, origin, sources, where_col, problems)
    check_duplicates(meta, origin, sources, where_col, problems)
    empty = empty_rows(list(codes.values()), n)
    for i in sorted(empty):
        src, row = origin[i]
        problems.append(
            SheetProblem(
                sources[src],
                row,
                "-",
                "",
                "has no answers, so it is not scored",
                "Fill in the answers, or delete the row.",
                "warning",
            )
        )
    problem_rows: set[int] = set()
    if problems:
        index = {(sources[s], r): i for i, (s, r) in enumerate(origin)}
        problem_rows = {index[(p.source, p.row)] for p in problems if (p.source, p.row) in index}
        problem_rows -= empty
    for qid in unmatched:
        missing = questionnaire.question(qid)
        text = pick(missing.text if missing else None, "en")
        problems.append(
            SheetProblem(
                ", ".join(sources) or "sheets",
                1,
                "-",
                "",
                f"no column for question '{qid}' ({_short(text)}); it counts as unanswered",
                "Add the column, or map a header to it in a --map file.",
                "warning",
            )
        )
    order = {s: i for i, s in enumerate(sources)}
    problems.sort(key=lambda p: (order.get(p.source, -1), p.row))
    with_problems = len(problem_rows)
    clean = n - len(empty) - with_problems
    counts = Counts(n, clean, with_problems, len(empty), clean + (0 if strict else with_problems))
    cells = {qid: readers[qid].column(column) for qid, column in codes.items()}
    return AnswerSheets(
        questionnaire=questionnaire,
        sources=sources,
        origin=origin,
        meta=meta,
        group=meta.pop("group") if by else None,
        cells=cells,
        columns=columns,
        unmatched_questions=unmatched,
        problems=problems,
        problem_rows=problem_rows,
        empty_rows=empty,
        counts=counts,
        warnings=warnings,
    )


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _add_table(
    table: Table,
    src: int,
    matcher: HeaderMatcher,
    readers: dict[str, CellReader],
    codes: dict[str, list[int]],
    meta: dict[str, list[str]],
    origin: list[tuple[int, int]],
    columns: list[ColumnMatch],
    problems: list[SheetProblem],
    where_col: dict[tuple[int, str], str],
) -> bool:
    rows = iter(table.rows)
    top = -1
    header: list[str] = []
    for top, header in enumerate(rows):  # noqa: B007 - the header is the first non-blank row
        if "".join(header).strip():
            break
    else:
        return False
    mark = len(problems)
    plan: dict[str, int] = {}
    matches: list[ColumnMatch] = []
    for j, text in enumerate(header):
        if not text.strip():
            continue
        target, how = matcher.match(text)
        letter = column_letter(j)
        if not target:
            problems.append(
                SheetProblem(
                    table.source,
                    table.first_row + top,
                    letter,
                    _short(text.strip()),
                    "matches no question or known field, so this column is not read",
                    "Rename it to a question id, or map it in a --map file "
                    "(use 'ignore' for columns you do not need).",
                    "warning",
                )
            )
            continue
        if target == "ignore":
            continue
        if target in plan:
            first = column_letter(plan[target])
            problems.append(
                SheetProblem(
                    table.source,
                    table.first_row + top,
                    letter,
                    _short(text.strip()),
                    f"is a second column for '{target}' (column {first}), so it is not read",
                    "Delete or rename one of the two columns.",
                    "warning",
                )
            )
            continue
        plan[target] = j
        matches.append(ColumnMatch(table.source, letter, text.strip(), target, how))
    if not any(t in codes for t in plan):
        del problems[mark:]
        return False
    columns.extend(matches)
    for target, j in plan.items():
        where_col[(src, target)] = f"{column_letter(j)} ({_short(header[j].strip(), 40)})"
    width = max(plan.values()) + 1
    number = table.first_row + top + 1
    # Each question column becomes codes through its reader's dict, one C-level map()
    # per column of a chunk: a cell costs one hash of its text.
    parse = [(codes[t], readers[t].__getitem__, j) for t, j in plan.items() if t in codes]
    absent = [column for qid, column in codes.items() if qid not in plan]
    texts = [(column, plan.get(name)) for name, column in meta.items()]
    while chunk := list(islice(rows, CHUNK_ROWS)):
        numbers: Iterable[int] = range(number, number + len(chunk))
        number += len(chunk)
        if min(map(len, chunk)) < width:
            chunk = [r if len(r) >= width else r + [""] * (width - len(r)) for r in chunk]
        transposed = list(zip(*chunk, strict=False))
        blank = _blank_rows(chunk, transposed[0])
        if len(blank) == len(chunk):
            continue
        if blank:
            keep = [i not in blank for i in range(len(chunk))]
            numbers = compress(numbers, keep)
            transposed = [tuple(compress(column, keep)) for column in transposed]
        origin.extend(zip(repeat(src), numbers))
        size = len(transposed[0])
        for column, code, j in parse:
            column.extend(map(code, transposed[j]))
        for column in absent:
            column.extend(repeat(0, size))
        for values, place in texts:
            values.extend(transposed[place] if place is not None else repeat("", size))
    return True


def _blank_rows(chunk: list[list[str]], first: tuple[str, ...]) -> set[int]:
    """The rows of a chunk with nothing but spaces in any cell (looked at only when cell A is)."""
    maybe = compress(range(len(first)), map(not_, map(str.strip, first)))
    return {i for i in maybe if not "".join(chunk[i]).strip()}
