"""Answer sheets (CSV/XLSX) -> answers per question, column by column, and every problem found.

The pipeline is read (bytes -> rows of text) -> match (headers -> questions and
metadata) -> parse (cells -> answers, via :mod:`coprod.sheets.cells`) -> check (duplicates,
empty rows, perspectives). Nothing is printed: problems come back located by
sheet, row and column, with what is wrong and how to fix it. Answers are kept
column by column so that 100,000 rows stay fast and small.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import compress, islice, repeat
from operator import not_
from pathlib import Path

from coprod.errors import SheetError
from coprod.gcpause import gc_paused
from coprod.i18n.words import (
    IGNORED_HEADERS,
    METADATA_FIELDS,
    METADATA_HEADERS,
    normalise,
    normalise_header,
)
from coprod.model import Questionnaire
from coprod.sheets.cells import CellReader, Column
from coprod.sheets.checks import (
    SheetProblem,
    bad_cell_problems,
    check_duplicates,
    check_perspectives,
    check_timestamps,
    empty_rows,
    missing_question_problems,
    unreadable_rows,
    unusable_problems,
)
from coprod.sheets.files import MAX_SHEET_BYTES, XLSX_SUFFIXES, Table, read_tables
from coprod.sheets.mapfile import Mapping, load_mapping

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
    meta: dict[str, list[str]]  # every metadata field, 'group' (workshop, round) included
    by_values: list[str] | None  # the --by COLUMN's text per row; None without one
    cells: dict[str, Column]
    columns: list[ColumnMatch]
    unmatched_questions: list[str]
    problems: list[SheetProblem]
    problem_rows: set[int]
    empty_rows: set[int]
    counts: Counts
    warnings: list[str] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)  # every non-blank header, first seen first

    @property
    def rows(self) -> int:
        """How many rows are held (blank lines dropped)."""
        return len(self.origin)

    def where(self, index: int) -> str:
        """A row's location for people, e.g. 'answers.csv, row 7'."""
        source, row = self.origin[index]
        return f"{self.sources[source]}, row {row}"


# --- map files and headers --------------------------------------------------


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
        self.questions = set(self.ids.values())
        self.texts: dict[str, str] = {}
        for qn in q.questions:
            for text in qn.text.values():
                self.texts.setdefault(normalise(text), qn.id)
        self.meta = {normalise(a): f for f, aliases in METADATA_HEADERS.items() for a in aliases}
        # --by COLUMN names a header, read beside whatever else that column feeds.
        self.by = normalise_header(by) if by and by not in METADATA_FIELDS else None
        self.ignored = {normalise(h) for h in IGNORED_HEADERS}

    def is_by(self, header: str) -> bool:
        """Whether this header is the --by COLUMN."""
        return self.by is not None and normalise_header(header) == self.by

    def question_count(self, header: list[str]) -> int:
        """How many cells of a header row name a question (to choose a CSV's delimiter)."""
        return sum(self.match(text)[0] in self.questions for text in header if text.strip())

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
    got = _Collected(
        codes={qn.id: [] for qn in questions},
        meta={f: [] for f in METADATA_FIELDS},
        by_values=[] if matcher.by is not None else None,
    )
    sources = got.sources
    for path, label in zip(paths, source_labels(paths), strict=True):
        for table in read_tables(Path(path), label, matcher.question_count):
            if progress:
                progress(f"Reading {table.source}")
            start = len(got.origin)
            sources.append(table.source)
            if table.encoding and table.encoding != "UTF-8":
                got.warnings.append(f"{table.source} was read as {table.encoding} text.")
            if not _add_table(table, len(sources) - 1, matcher, readers, got):
                sources.pop()
                del got.origin[start:]
                if not table.source.endswith(TEMPLATE_SHEETS):
                    got.warnings.append(f"{table.source}: no column matches a question; skipped.")
    codes, meta, origin, problems = got.codes, got.meta, got.origin, got.problems
    seen = {c.target for c in got.columns}
    unmatched = [qn.id for qn in questions if qn.id not in seen]
    if not origin and not any(c.target in codes for c in got.columns):
        names = ", ".join(str(p) for p in paths)
        raise SheetError(
            f"{names}: no column matches a question of '{questionnaire.id}'.",
            "Put the question ids or question texts in the first row (coprod template "
            f"{questionnaire.id} makes a blank sheet), or write a --map file (docs/batch.md).",
        )
    n = len(origin)
    for values in [*meta.values(), *([got.by_values] if got.by_values is not None else [])]:
        for i in got.repeated:
            values[i] = ""  # a repeated header names nobody
    consequence = "the row is left out (--strict)" if strict else "the row is scored without it"
    where_col = got.where_col
    for qn in questions:
        problems.extend(
            bad_cell_problems(
                codes[qn.id],
                readers[qn.id].table,
                origin,
                sources,
                where_col,
                qn.id,
                consequence,
                got.repeated,
            )
        )
    check_timestamps(meta, origin, sources, where_col, problems)
    check_perspectives(meta, mapping.perspectives, origin, sources, where_col, problems)
    check_duplicates(meta, origin, sources, where_col, problems)
    empty = empty_rows(list(codes.values()), n)
    unreadable = unreadable_rows([(codes[q], readers[q].table) for q in codes], n) - empty
    unreadable -= got.repeated
    problems.extend(unusable_problems(origin, sources, empty, got.repeated, unreadable))
    unusable = empty | got.repeated | unreadable
    problem_rows: set[int] = set()
    if problems:
        index = {(sources[s], r): i for i, (s, r) in enumerate(origin)}
        problem_rows = {index[(p.source, p.row)] for p in problems if (p.source, p.row) in index}
        problem_rows -= unusable
    order = {s: i for i, s in enumerate(sources)}
    problems.sort(key=lambda p: (order.get(p.source, -1), p.row))
    with_problems = len(problem_rows)
    clean = n - len(unusable) - with_problems
    scored = clean + (0 if strict else with_problems)
    return AnswerSheets(
        questionnaire=questionnaire,
        sources=sources,
        origin=origin,
        meta=meta,
        by_values=got.by_values if got.by_found else None,
        cells={qid: readers[qid].column(column) for qid, column in codes.items()},
        columns=got.columns,
        unmatched_questions=unmatched,
        problems=problems,
        problem_rows=problem_rows,
        empty_rows=unusable,
        counts=Counts(n, clean, with_problems, len(unusable), scored),
        warnings=got.warnings,
        headers=list(got.headers),
    )


def source_labels(paths: Sequence[Path]) -> list[str]:
    """How each file is named in problems: its name, or its path as given when names clash.

    Two files called answers.csv in different folders must never share a name, or
    their rows and problems would be mixed up; the same file given twice is numbered.
    """
    names = Counter(Path(p).name for p in paths)
    labels = [Path(p).name if names[Path(p).name] == 1 else str(p) for p in paths]
    seen: Counter[str] = Counter()
    out = []
    for label in labels:
        seen[label] += 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


@dataclass
class _Collected:
    """What the tables add up to while they are read, row by row and column by column."""

    codes: dict[str, list[int]]
    meta: dict[str, list[str]]
    by_values: list[str] | None
    by_found: bool = False
    sources: list[str] = field(default_factory=list)
    origin: list[tuple[int, int]] = field(default_factory=list)
    columns: list[ColumnMatch] = field(default_factory=list)
    problems: list[SheetProblem] = field(default_factory=list)
    where_col: dict[tuple[int, str], str] = field(default_factory=dict)
    repeated: set[int] = field(default_factory=set)  # rows that repeat their sheet's header
    headers: dict[str, None] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _plan(
    table: Table, top: int, header: list[str], matcher: HeaderMatcher, got: _Collected
) -> tuple[dict[str, int], list[ColumnMatch]]:
    """Which column feeds each question and field; unknown and second columns are reported."""
    plan: dict[str, int] = {}
    matches: list[ColumnMatch] = []
    for j, text in enumerate(header):
        if not text.strip():
            continue
        target, how = matcher.match(text)
        letter = column_letter(j)
        if not target:
            if matcher.is_by(text):
                continue  # the --by column: read for grouping only
            got.problems.append(
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
            got.problems.append(
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
    return plan, matches


def _add_table(
    table: Table,
    src: int,
    matcher: HeaderMatcher,
    readers: dict[str, CellReader],
    got: _Collected,
) -> bool:
    rows = iter(table.rows)
    top = -1
    header: list[str] = []
    for top, header in enumerate(rows):  # noqa: B007 - the header is the first non-blank row
        if "".join(header).strip():
            break
    else:
        return False
    codes, origin = got.codes, got.origin
    mark = len(got.problems)
    plan, matches = _plan(table, top, header, matcher, got)
    if not any(t in codes for t in plan):
        del got.problems[mark:]
        return False
    got.columns.extend(matches)
    got.headers.update(dict.fromkeys(h.strip() for h in header if h.strip()))
    for target, j in plan.items():
        got.where_col[(src, target)] = f"{column_letter(j)} ({_short(header[j].strip(), 40)})"
    got.problems.extend(
        missing_question_problems(
            table.source, table.first_row + top, [readers[q] for q in codes if q not in plan]
        )
    )
    by = next((j for j, text in enumerate(header) if text.strip() and matcher.is_by(text)), None)
    got.by_found |= by is not None
    width = max([*plan.values(), by or 0]) + 1
    number = table.first_row + top + 1
    # Each question column becomes codes through its reader's dict, one C-level map()
    # per column of a chunk: a cell costs one hash of its text.
    parse = [(codes[t], readers[t].__getitem__, j) for t, j in plan.items() if t in codes]
    absent = [column for qid, column in codes.items() if qid not in plan]
    texts = [(column, plan.get(name)) for name, column in got.meta.items()]
    if got.by_values is not None:
        texts.append((got.by_values, by))
    heads = [(j, header[j].strip()) for _, _, j in parse]
    first, first_head = parse[0][2], header[parse[0][2]]
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
        if first_head in transposed[first]:
            got.repeated.update(_repeated_headers(transposed, heads, len(origin)))
        origin.extend(zip(repeat(src), numbers))
        size = len(transposed[0])
        for column, code, j in parse:
            column.extend(map(code, transposed[j]))
        for column in absent:
            column.extend(repeat(0, size))
        for values, place in texts:
            values.extend(transposed[place] if place is not None else repeat("", size))
    return True


def _repeated_headers(
    transposed: list[tuple[str, ...]], heads: list[tuple[int, str]], base: int
) -> list[int]:
    """Rows of a chunk that repeat the header in at least half the question columns."""
    found = []
    for k in range(len(transposed[0])):
        same = sum(transposed[j][k].strip() == head for j, head in heads)
        if same * 2 >= len(heads):
            found.append(base + k)
    return found


def _blank_rows(chunk: list[list[str]], first: tuple[str, ...]) -> set[int]:
    """The rows of a chunk with nothing but spaces in any cell (looked at only when cell A is)."""
    maybe = compress(range(len(first)), map(not_, map(str.strip, first)))
    return {i for i in maybe if not "".join(chunk[i]).strip()}
