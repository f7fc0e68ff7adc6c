"""Answer sheets (CSV/XLSX) -> answers per question, column by column, and every problem found.

The pipeline is read (bytes -> rows of text) -> match (headers -> questions and
metadata) -> parse (cells -> answers, via :mod:`coprod.sheets.cells`) -> check (duplicates,
empty rows, perspectives). Nothing is printed: problems come back located by
sheet, row and column, with what is wrong and how to fix it. Answers are kept
column by column so that 100,000 rows stay fast and small.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain, compress, islice, repeat
from operator import not_
from pathlib import Path

from coprod.errors import SheetError
from coprod.gcpause import gc_paused
from coprod.i18n.words import METADATA_FIELDS
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
    other_note_problems,
    unreadable_rows,
    unusable_problems,
)
from coprod.sheets.columns import (
    ColumnMatch,
    HeaderMatcher,
    NotUsed,
    column_letter,
    plan_columns,
    short,
)
from coprod.sheets.files import MAX_SHEET_BYTES, XLSX_SUFFIXES, Table, read_tables
from coprod.sheets.layouts import detect_layout
from coprod.sheets.mapfile import Mapping, load_mapping
from coprod.sheets.tally import (
    CellCounts,
    Tally,
    count_cells,
    headless_problems,
    maybe_unused,
    non_empty,
    row_roles,
    shape_row,
    useless_codes,
)

__all__ = [
    "MAX_SHEET_BYTES",
    "XLSX_SUFFIXES",
    "AnswerSheets",
    "CellCounts",
    "ColumnMatch",
    "Counts",
    "HeaderMatcher",
    "Mapping",
    "NotUsed",
    "SheetProblem",
    "Table",
    "Understood",
    "column_letter",
    "load_mapping",
    "read_sheets",
    "read_tables",
]

#: Rows parsed at a time: small enough that a chunk's text stays in the CPU cache (with
#: 59 columns, 512 rows read about a tenth faster than 1024 on a 2-core Xeon, 4 MB L2).
CHUNK_ROWS = 512
Progress = Callable[[str], None]
#: The guide sheets `coprod template` adds beside 'Answers'; skipping them is expected.
TEMPLATE_SHEETS = ("sheet 'Questions'", "sheet 'Lists'")


@dataclass(frozen=True)
class Counts:
    """Rows read = used (clean) + with problems + empty. Blank lines are not counted."""

    read: int
    used: int
    with_problems: int
    empty: int
    scored: int


@dataclass(frozen=True)
class Understood:
    """What coprod made of one sheet: its tool, header rows and what every column feeds."""

    source: str
    tool: str
    header_rows: int
    rows: int
    matches: list[ColumnMatch]
    not_used: list[NotUsed]
    unmatched: list[str]  # "F (Shoe size)": columns that match nothing (also problems)


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
    notes: dict[str, list[str]] = field(default_factory=dict)  # question id -> note per row
    understood: list[Understood] = field(default_factory=list)
    cell_counts: CellCounts = field(default_factory=lambda: CellCounts(0, 0, 0, 0, 0))
    dates: list[tuple[str, str]] = field(default_factory=list)  # (sheet, how a column was read)

    @property
    def rows(self) -> int:
        """How many rows are held (blank lines dropped)."""
        return len(self.origin)

    def where(self, index: int) -> str:
        """A row's location for people, e.g. 'answers.csv, row 7'."""
        source, row = self.origin[index]
        return f"{self.sources[source]}, row {row}"


# --- the whole pipeline -----------------------------------------------------


def read_sheets(
    paths: Sequence[Path],
    questionnaire: Questionnaire,
    mapping: Mapping | None = None,
    by: str | None = None,
    strict: bool = False,
    progress: Progress | None = None,
    date_order: str | None = None,
) -> AnswerSheets:
    """Read, match and parse answer sheets; every problem is returned, located, never raised.

    ``date_order`` ('dmy' or 'mdy', --date-order) settles dates that could be either.
    Raises SheetError only when nothing can be used: no column matches a question.
    """
    with gc_paused():
        return _read_sheets(paths, questionnaire, mapping, by, strict, progress, date_order)


def _read_sheets(
    paths: Sequence[Path],
    questionnaire: Questionnaire,
    mapping: Mapping | None,
    by: str | None,
    strict: bool,
    progress: Progress | None,
    date_order: str | None,
) -> AnswerSheets:
    mapping = mapping or Mapping()
    matcher = HeaderMatcher(questionnaire, mapping, by)
    questions = questionnaire.questions
    readers = {
        qn.id: CellReader(questionnaire, qn, mapping.recode(questionnaire, qn.id))
        for qn in questions
    }
    got = _Collected(
        codes={qn.id: [] for qn in questions},
        meta={f: [] for f in METADATA_FIELDS},
        by_values=[] if matcher.by is not None else None,
        notes={qn.id: [] for qn in questions},
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
    seen = {c.target.partition("/")[0] for c in got.columns}
    unmatched = [qn.id for qn in questions if qn.id not in seen]
    if not origin and not any(c.target.partition("/")[0] in codes for c in got.columns):
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
        problems.extend(
            other_note_problems(
                codes[qn.id], readers[qn.id].table, origin, sources, where_col, qn.id, got.repeated
            )
        )
    dates = check_timestamps(
        meta, origin, sources, where_col, problems, date_order, got.tool_orders
    )
    check_perspectives(meta, mapping.perspectives, origin, sources, where_col, problems)
    check_duplicates(meta, origin, sources, where_col, problems)
    empty = empty_rows(list(codes.values()), n)
    unreadable = unreadable_rows([(codes[q], readers[q].table) for q in codes], n) - empty
    unreadable -= got.repeated
    problems.extend(unusable_problems(origin, sources, empty, got.repeated, unreadable))
    unusable = empty | got.repeated | unreadable
    problem_rows: set[int] = set()
    # Rows by (sheet, row number), to place problems: only needed when there are some.
    index = {(sources[s], r): i for i, (s, r) in enumerate(origin)} if problems else {}
    if problems:
        problem_rows = {index[(p.source, p.row)] for p in problems if (p.source, p.row) in index}
        problem_rows -= unusable
    order = {s: i for i, s in enumerate(sources)}
    problems.sort(key=lambda p: (order.get(p.source, -1), p.row))
    with_problems = len(problem_rows)
    clean = n - len(unusable) - with_problems
    scored = clean + (0 if strict else with_problems)
    cells = {qid: readers[qid].column(column) for qid, column in codes.items()}
    return AnswerSheets(
        questionnaire=questionnaire,
        sources=sources,
        origin=origin,
        meta=meta,
        by_values=got.by_values if got.by_found else None,
        cells=cells,
        columns=got.columns,
        unmatched_questions=unmatched,
        problems=problems,
        problem_rows=problem_rows,
        empty_rows=unusable,
        counts=Counts(n, clean, with_problems, len(unusable), scored),
        warnings=got.warnings,
        headers=list(got.headers),
        notes={q: _padded(v, n) for q, v in got.notes.items() if any(v)},
        understood=got.understood,
        cell_counts=count_cells(got.tally, cells, problems, index, unusable),
        dates=dates,
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
    notes: dict[str, list[str]]
    by_found: bool = False
    sources: list[str] = field(default_factory=list)
    origin: list[tuple[int, int]] = field(default_factory=list)
    columns: list[ColumnMatch] = field(default_factory=list)
    problems: list[SheetProblem] = field(default_factory=list)
    where_col: dict[tuple[int, str], str] = field(default_factory=dict)
    repeated: set[int] = field(default_factory=set)  # rows that repeat their sheet's header
    headers: dict[str, None] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    understood: list[Understood] = field(default_factory=list)
    tool_orders: dict[int, str] = field(default_factory=dict)  # source -> the tool's date order
    tally: Tally = field(init=False)

    def __post_init__(self) -> None:
        self.tally = Tally(self.origin, self.sources)


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
    peeked = list(islice(rows, 2))
    layout = detect_layout([header, *peeked])
    hr = layout.header_rows
    rows = chain(peeked[hr - 1 :], rows)
    header_row = table.first_row + top + hr - 1
    codes, origin = got.codes, got.origin
    mark = len(got.problems)
    plan = plan_columns(table.source, header_row, layout, matcher, set())
    if not any(t in codes for t in plan.questions) and not plan.groups:
        del got.problems[mark:]
        return False
    got.problems.extend(plan.problems)
    got.columns.extend(plan.matches)
    got.headers.update(dict.fromkeys(h.strip() for h in layout.labels if h.strip()))
    if layout.date_order:
        got.tool_orders[src] = layout.date_order
    labels = layout.labels
    width_h = len(labels)
    for j in range(width_h):
        got.tally.col_role[(src, column_letter(j))] = plan.roles.get(j, "problem")
    for target, j in [*plan.questions.items(), *plan.meta.items()]:
        got.where_col[(src, target)] = f"{column_letter(j)} ({short(labels[j].strip(), 40)})"
    # Option columns become one virtual column per question, after the real ones; so do notes.
    base = max(width_h, 1)
    groups = list(plan.groups.items())
    virtual = {qid: base + k for k, (qid, _) in enumerate(groups)}
    note_at = {qid: base + len(groups) + k for k, qid in enumerate(plan.notes)}
    for qid, members in groups:
        lo, hi = column_letter(members[0][0]), column_letter(members[-1][0])
        span = lo if lo == hi else f"{lo}-{hi}"
        got.where_col[(src, qid)] = f"{span} ({short(labels[members[0][0]].strip(), 40)})"
    questions = {**plan.questions, **virtual}
    got.tally.direct[src] = list(plan.questions)
    got.problems.extend(
        missing_question_problems(
            table.source, header_row, [readers[q] for q in codes if q not in questions]
        )
    )
    by = plan.by
    got.by_found |= by is not None
    number = header_row + 1
    parse = [(codes[t], readers[t].__getitem__, j) for t, j in questions.items() if t in codes]
    absent = [column for qid, column in codes.items() if qid not in questions]
    texts = [(column, plan.meta.get(name)) for name, column in got.meta.items()]
    if got.by_values is not None:
        texts.append((got.by_values, by))
    # Only questions with a note column in this table get notes; the others' lists are
    # filled with blanks when a later table has one (or at the end, if any note is kept).
    notes = [(_padded(got.notes[q], len(origin)), place) for q, place in note_at.items()]
    heads = [(j, labels[j].strip()) for t, j in plan.questions.items()]
    first_head = labels[heads[0][0]] if heads else "\0"
    first = heads[0][0] if heads else 0
    width = base + len(groups) + len(note_at)
    counted = [j for j in range(width_h) if j not in plan.questions.values()]
    blank_cols = [j for j in counted if not labels[j].strip()]
    headless: Counter[int] = Counter()
    extra_total = 0
    shaping = bool(groups or note_at)
    start = len(origin)
    useful = [t for t in questions if t in codes]
    useless: dict[str, set[int]] = {}
    seen_sizes: dict[str, int] = {}
    while chunk := list(islice(rows, CHUNK_ROWS)):
        numbers: Iterable[int] = range(number, number + len(chunk))
        number += len(chunk)
        extra = 0
        if max(map(len, chunk)) > width_h:  # cells right of the last header: rare
            extra = sum(non_empty(r[width_h:]) for r in chunk if len(r) > width_h)
        if shaping:
            chunk = [
                shape_row(
                    r, n, base, groups, plan.notes, table.source, got.problems, matcher.choices
                )
                for r, n in zip(chunk, range(number - len(chunk), number), strict=True)
            ]
        elif min(map(len, chunk)) < width:
            chunk = [r if len(r) >= width else r + [""] * (width - len(r)) for r in chunk]
        transposed = list(zip(*chunk, strict=False))
        blank = _blank_rows(chunk, transposed[0])
        if len(blank) == len(chunk):
            continue
        if blank:
            keep = [i not in blank for i in range(len(chunk))]
            chunk = list(compress(chunk, keep))
            numbers = compress(numbers, keep)
            transposed = [tuple(compress(column, keep)) for column in transposed]
        got.tally.role_cells["problem"] += extra
        extra_total += extra
        for j in counted:
            found = non_empty(transposed[j])
            got.tally.role_cells[plan.roles.get(j, "problem")] += found
            if j in blank_cols:
                headless[j] += found
        if first_head in transposed[first]:
            got.repeated.update(_repeated_headers(transposed, heads, len(origin)))
        base_row = len(origin)
        origin.extend(zip(repeat(src), numbers))
        size = len(transposed[0])
        for column, code, j in parse:
            column.extend(map(code, transposed[j]))
        for column in absent:
            column.extend(repeat(0, size))
        for values, place in [*texts, *notes]:
            values.extend(transposed[place] if place is not None else repeat("", size))
        for t in useful:  # a reader's useless codes change only when it meets a new spelling
            if len(readers[t].table) != seen_sizes.get(t):
                seen_sizes[t] = len(readers[t].table)
                useless[t] = useless_codes(readers[t])
        for k in maybe_unused(useless, codes, base_row, size, got.repeated):
            got.tally.row_cells[k] = row_roles(chunk[k - base_row], counted, plan.roles)
    got.tally.role_cells["answer"] += sum(
        len(codes[q]) - start - (codes[q][start:] if start else codes[q]).count(0)
        for q in plan.questions
    )
    got.problems.extend(headless_problems(table.source, header_row, headless, extra_total))
    got.understood.append(
        Understood(
            table.source,
            layout.tool,
            hr,
            len(origin) - start,
            plan.matches,
            plan.not_used,
            [f"{p.column} ({p.value})" for p in plan.problems if "matches no" in p.message],
        )
    )
    return True


def _padded(values: list[str], size: int) -> list[str]:
    """The list itself, blanks added at the end up to ``size``."""
    values.extend(repeat("", size - len(values)))
    return values


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
