"""Every non-empty cell of a sheet counted once: an answer or note, metadata, deliberately
not kept, or a problem (:class:`CellCounts`), and the per-row helpers that make it cheap:
columns are counted chunk by chunk, and only the rows that may not be scored one by one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from coprod.i18n.words import BLANK, normalise
from coprod.sheets.cells import BadCell, CellReader, Column
from coprod.sheets.checks import SheetProblem
from coprod.sheets.columns import TICKED, UNTICKED, column_letter


@dataclass(frozen=True)
class CellCounts:
    """Every non-empty cell under the header rows, each counted once.

    ``non_empty = answers + metadata + not_kept + problems``: an answer or note; a
    metadata field; deliberately not kept (personal data, the tool's bookkeeping, a
    column marked 'ignore'); or a problem (reported, and its content not used).
    """

    non_empty: int
    answers: int
    metadata: int
    not_kept: int
    problems: int


@dataclass
class Tally:
    """Non-empty cells while the sheets are read, by what their column does."""

    origin: list[tuple[int, int]]
    sources: list[str]
    # Every non-empty cell, by what its column does (answer, meta, drop, problem) ...
    role_cells: Counter[str] = field(default_factory=Counter)
    # ... and, for rows that may not be scored, the same per row (direct questions apart).
    row_cells: dict[int, Counter[str]] = field(default_factory=dict)
    col_role: dict[tuple[int, str], str] = field(default_factory=dict)
    direct: dict[int, list[str]] = field(default_factory=dict)  # source -> its question columns


def count_cells(
    tally: Tally,
    cells: dict[str, Column],
    problems: list[SheetProblem],
    index: dict[tuple[str, int], int],
    unusable: set[int],
) -> CellCounts:
    """Every non-empty cell once: answer, metadata, not kept, or problem (see CellCounts)."""
    got = tally
    by_role = Counter(got.role_cells)
    moved = 0
    # A row that is not scored: everything in it counts as a problem (the row is reported).
    for i in unusable:
        src = got.origin[i][0]
        row = got.row_cells.get(i, Counter())
        row["answer"] += sum(1 for q in got.direct.get(src, []) if cells[q].codes[i])
        for role, count in row.items():
            by_role[role] -= count
            moved += count
    # A reported cell whose content is not used: an unreadable answer, time or perspective.
    sources = {name: k for k, name in enumerate(got.sources)}
    seen: set[tuple[int, int, str]] = set()
    for p in problems:
        at = index.get((p.source, p.row))
        if not p.unused or at is None or at in unusable:
            continue
        src = sources[p.source]
        letter = p.column.split(" ")[0]
        kind = got.col_role.get((src, letter))
        if kind is None:  # a span of option columns: its bad cells are reported one by one
            continue
        if (src, at, letter) in seen:
            continue
        seen.add((src, at, letter))
        by_role[kind] -= 1
        moved += 1
    problem = by_role["problem"] + moved
    total = by_role["answer"] + by_role["meta"] + by_role["drop"] + problem
    return CellCounts(total, by_role["answer"], by_role["meta"], by_role["drop"], problem)


def non_empty(column: Sequence[str]) -> int:
    """How many cells hold something other than spaces or a blank mark ('-', '.')."""
    # All in C: strip each cell and look it up; no per-cell Python code for 100,000 rows.
    return len(column) - sum(map(BLANK.__contains__, map(str.strip, column)))


def headless_problems(
    source: str, row: int, headless: Counter[int], extra: int
) -> list[SheetProblem]:
    """A problem for each column with no header that holds something, and for cells beyond."""
    found = [
        SheetProblem(
            source,
            row,
            column_letter(j),
            "",
            f"has no header but holds {count} value{'s' if count != 1 else ''}, so this "
            "column is not read",
            "Give it a header (a question id or text), or map it by its letter in a --map "
            f"file ('{column_letter(j)}: question_id').",
            "warning",
        )
        for j, count in sorted(headless.items())
        if count
    ]
    if extra:
        found.append(
            SheetProblem(
                source,
                row,
                "-",
                "",
                f"{extra} value{'s are' if extra != 1 else ' is'} to the right of the last "
                "header, so not read",
                "Give those columns headers, or delete them.",
                "warning",
            )
        )
    return found


def shape_row(
    row: list[str],
    number: int,
    base: int,
    groups: list[tuple[str, list[tuple[int, str, str]]]],
    notes: dict[str, list[int]],
    source: str,
    problems: list[SheetProblem],
    choices: dict[str, dict[str, str]],
) -> list[str]:
    """A row with one cell per option group (its ticked choice ids) and per note, appended."""
    out = row + [""] * (base - len(row)) if len(row) < base else [*row[:base]]
    for qid, members in groups:
        ticked = []
        table = choices.get(qid, {})
        for j, cid, label in members:
            text = out[j].strip()
            key = normalise(text)
            if not key or key in UNTICKED:
                continue
            if key in TICKED or key in (normalise(label), normalise(cid)) or table.get(key) == cid:
                ticked.append(cid)
                continue
            problems.append(
                SheetProblem(
                    source,
                    number,
                    column_letter(j),
                    text,
                    f"is not a tick for the option '{label}', so it is not counted",
                    "Leave it blank when not chosen; write the option, 1 or Yes when chosen.",
                    "error",
                    unused=True,
                )
            )
        out.append(";".join(ticked))
    for _qid, columns in notes.items():
        out.append("; ".join(out[j].strip() for j in columns if j < base and out[j].strip()))
    return out


def useless_codes(reader: CellReader) -> set[int]:
    """The codes that give a row nothing to score: blank or unreadable."""
    return {c for c, x in enumerate(reader.table) if x is None or isinstance(x, BadCell)}


def maybe_unused(
    useless: dict[str, set[int]],
    codes: dict[str, list[int]],
    base: int,
    size: int,
    repeated: set[int],
) -> list[int]:
    """Rows of this chunk that may not be scored: no readable answer, or a repeated header."""
    candidates = [k for k in range(base, base + size) if k in repeated]
    rows = list(range(base, base + size))
    for qid, bad in useless.items():
        rows = [k for k in rows if codes[qid][k] in bad or codes[qid][k] == 0]
        if not rows:
            break
    return sorted({*candidates, *rows})


def row_roles(row: list[str], counted: list[int], roles: dict[int, str]) -> Counter[str]:
    """One row's non-empty cells by role, question columns apart (they are counted from codes).

    Cells right of the last header are left out: they are problems whatever the row.
    """
    found: Counter[str] = Counter()
    for j in counted:
        if j < len(row) and " ".join(row[j].split()) not in BLANK:
            found[roles.get(j, "problem")] += 1
    return found
