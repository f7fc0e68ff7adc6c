"""Answer sheets (CSV/XLSX) -> answers per question, column by column, and every problem found.

The pipeline is read (bytes -> rows of text) -> match (headers -> questions and
metadata) -> parse (cells -> answers, via :mod:`coprod.cells`) -> check (duplicates,
empty rows, perspectives). Nothing is printed: problems come back located by
sheet, row and column, with what is wrong and how to fix it. Answers are kept
column by column so that 100,000 rows stay fast and small.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from coprod.aliases import (
    IGNORED_HEADERS,
    METADATA_FIELDS,
    METADATA_HEADERS,
    PERSPECTIVE_ALIASES,
    normalise,
    normalise_header,
)
from coprod.cells import BadCell, CellReader, Parsed
from coprod.errors import InputFileError, InvalidFileError, Problem, SheetError
from coprod.model import PERSPECTIVES, Questionnaire, pick
from coprod.yamlio import load_yaml_file

CHUNK_ROWS = 4096
XLSX_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
MAX_SHEET_BYTES = 500 * 1024 * 1024
Progress = Callable[[str], None]
#: The guide sheets `coprod template` adds beside 'Answers'; skipping them is expected.
TEMPLATE_SHEETS = ("sheet 'Questions'", "sheet 'Lists'")


@dataclass(frozen=True)
class SheetProblem:
    """One thing in a sheet a trainer should look at: where, the value, why, and how to fix it."""

    source: str
    row: int
    column: str
    value: str
    message: str
    hint: str = ""
    severity: str = "error"

    def __str__(self) -> str:
        value = f" '{self.value}'" if self.value else ""
        text = f"{self.source}, row {self.row}, column {self.column}:{value} {self.message}."
        return f"{text} Fix: {self.hint}" if self.hint else text


@dataclass(frozen=True)
class Table:
    """One sheet as read: where it came from and its rows of text, header first."""

    source: str
    rows: Iterable[list[str]]
    first_row: int = 1
    encoding: str = ""


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
    cells: dict[str, list[Parsed]]
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


# --- read -------------------------------------------------------------------


def read_tables(path: Path) -> list[Table]:
    """Read a CSV or spreadsheet file into tables of text (one per sheet)."""
    if not path.exists():
        raise InputFileError(f"{path}: no such file.", "Check the path and spelling.")
    if path.is_dir():
        raise InputFileError(f"{path}: is a folder.", "Name the .csv or .xlsx file inside it.")
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
        size = path.stat().st_size
    except OSError as exc:
        raise InputFileError(f"{path}: cannot be read ({exc.strerror}).") from None
    if size > MAX_SHEET_BYTES:
        raise InputFileError(f"{path}: too big ({size / 1e6:.0f} MB).", "Split it into parts.")
    if path.suffix.lower() in XLSX_SUFFIXES or head.startswith(b"PK\x03\x04"):
        return _read_workbook(path)
    return [_read_csv(path)]


def _sniff_encoding(path: Path) -> tuple[str, str]:
    """(Python codec, name for people): BOM first, then UTF-16 by its zero bytes, UTF-8, cp1252."""
    with path.open("rb") as handle:
        head = handle.read(4096)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", "UTF-8"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", "UTF-16"
    if head and head.count(b"\x00") > len(head) // 4:
        # UTF-16 without a byte order mark: the zero bytes sit on one side of each pair.
        even = head[0::2].count(b"\x00") > head[1::2].count(b"\x00")
        return ("utf-16-be" if even else "utf-16-le"), "UTF-16"
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252", "Windows-1252"
    return "utf-8", "UTF-8"


def _delimiter(first_line: str) -> str:
    bare = re.sub(r'"[^"]*"', "", first_line)
    counts = {d: bare.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_csv(path: Path) -> Table:
    encoding, name = _sniff_encoding(path)
    try:
        with path.open(encoding=encoding, errors="replace", newline="") as handle:
            first = handle.readline()
    except OSError as exc:
        raise InputFileError(f"{path}: cannot be read ({exc.strerror}).") from None
    return Table(path.name, _csv_rows(path, encoding, _delimiter(first)), encoding=name)


def _csv_rows(path: Path, encoding: str, delimiter: str) -> Iterator[list[str]]:
    # Rows are streamed, so a 100,000-row sheet never sits in memory as text.
    with path.open(encoding=encoding, errors="replace", newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        try:
            yield from reader
        except csv.Error as exc:
            raise InputFileError(
                f"{path}, row {reader.line_num}: not a readable CSV file ({exc}).",
                "Open it in a spreadsheet and save it again as CSV.",
            ) from None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _read_workbook(path: Path) -> list[Table]:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        tables = []
        for name in book.sheet_names:
            data = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            rows = [[_text(v) for v in row] for row in data]
            tables.append(Table(f"{path.name}, sheet '{name}'", rows))
    except (CalamineError, ValueError, OSError) as exc:
        raise InputFileError(
            f"{path}: not a readable spreadsheet ({exc}).",
            "Open it in Excel or LibreOffice and save it again as .xlsx, or export it as CSV.",
        ) from None
    return tables


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
    mapping = mapping or Mapping()
    matcher = HeaderMatcher(questionnaire, mapping, by)
    questions = questionnaire.questions
    readers = {qn.id: CellReader(questionnaire, qn) for qn in questions}
    sources: list[str] = []
    origin: list[tuple[int, int]] = []
    cells: dict[str, list[Parsed]] = {qn.id: [] for qn in questions}
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
                table, src, matcher, readers, cells, meta, origin, columns, problems, where_col
            )
            if not used:
                sources.pop()
                del origin[start:]
                if not table.source.endswith(TEMPLATE_SHEETS):
                    warnings.append(f"{table.source}: no column matches a question; skipped.")
    seen = {c.target for c in columns}
    unmatched = [qn.id for qn in questions if qn.id not in seen]
    if not origin and not any(c.target in cells for c in columns):
        names = ", ".join(str(p) for p in paths)
        raise SheetError(
            f"{names}: no column matches a question of '{questionnaire.id}'.",
            "Put the question ids or question texts in the first row (coprod template "
            f"{questionnaire.id} makes a blank sheet), or write a --map file (docs/batch.md).",
        )
    n = len(origin)
    consequence = "the row is left out (--strict)" if strict else "the row is scored without it"
    for qn in questions:
        reader = readers[qn.id]
        bad = {id(v) for v in reader.values() if isinstance(v, BadCell)}
        if not bad:
            continue
        for i, cell in enumerate(cells[qn.id]):
            if id(cell) in bad:
                assert isinstance(cell, BadCell)
                src, row = origin[i]
                problems.append(
                    SheetProblem(
                        sources[src],
                        row,
                        where_col[(src, qn.id)],
                        cell.text,
                        f"{cell.reason}; {consequence}",
                        cell.hint,
                    )
                )
    _check_perspectives(meta, mapping, origin, sources, where_col, problems)
    _check_duplicates(meta, origin, sources, where_col, problems)
    answered = [any(r) for r in zip(*cells.values(), strict=True)] if cells else [False] * n
    empty = {i for i in range(n) if not answered[i]}
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
    cells: dict[str, list[Parsed]],
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
    if not any(t in cells for t in plan):
        del problems[mark:]
        return False
    columns.extend(matches)
    for target, j in plan.items():
        where_col[(src, target)] = f"{column_letter(j)} ({_short(header[j].strip(), 40)})"
    width = max(plan.values()) + 1
    number = table.first_row + top + 1
    # Chunks keep memory flat; each column of a chunk is parsed by one C-level map().
    while chunk := list(islice(rows, CHUNK_ROWS)):
        kept = [(n, r) for n, r in enumerate(chunk, number) if "".join(r).strip()]
        number += len(chunk)
        if not kept:
            continue
        origin.extend((src, n) for n, _ in kept)
        body = [r if len(r) >= width else r + [""] * (width - len(r)) for _, r in kept]
        transposed = list(zip(*body, strict=False))
        for qid, column in cells.items():
            place = plan.get(qid)
            if place is None:
                column.extend([None] * len(body))
            else:
                column.extend(map(readers[qid].__getitem__, transposed[place]))
        for name, texts in meta.items():
            place = plan.get(name)
            texts.extend(transposed[place] if place is not None else [""] * len(body))
    return True


def _check_perspectives(
    meta: dict[str, list[str]],
    mapping: Mapping,
    origin: list[tuple[int, int]],
    sources: list[str],
    where_col: dict[tuple[int, str], str],
    problems: list[SheetProblem],
) -> None:
    known = {**PERSPECTIVE_ALIASES, **mapping.perspectives}
    column = meta["perspective"]
    seen: dict[str, str] = {}
    for i, text in enumerate(column):
        if not text.strip():
            continue
        if text not in seen:
            seen[text] = known.get(normalise(text), "")
        value = seen[text]
        if value:
            column[i] = value
            continue
        src, row = origin[i]
        problems.append(
            SheetProblem(
                sources[src],
                row,
                where_col.get((src, "perspective"), "perspective"),
                text.strip(),
                "is not a perspective coprod knows, so this person is left out of "
                "perspective groups",
                f"Use one of {', '.join(PERSPECTIVES)}, or add the spelling under "
                "'perspectives:' in a --map file.",
                "warning",
            )
        )
        column[i] = ""


def _check_duplicates(
    meta: dict[str, list[str]],
    origin: list[tuple[int, int]],
    sources: list[str],
    where_col: dict[tuple[int, str], str],
    problems: list[SheetProblem],
) -> None:
    for fieldname in ("participant", "email"):
        first: dict[str, int] = {}
        for i, text in enumerate(meta[fieldname]):
            key = " ".join(text.casefold().split())
            if not key or key in ("anonymous", "anon", "prefer not to say"):
                continue
            if key not in first:
                first[key] = i
                continue
            src, row = origin[i]
            earlier = f"{sources[origin[first[key]][0]]}, row {origin[first[key]][1]}"
            problems.append(
                SheetProblem(
                    sources[src],
                    row,
                    where_col.get((src, fieldname), fieldname),
                    text.strip(),
                    f"is the same participant as {earlier}; both rows are scored",
                    "Delete the row that should not count, or tell the two people apart.",
                    "warning",
                )
            )
        if first:
            return
