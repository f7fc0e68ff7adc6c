"""The checks :mod:`coprod.sheets.read` runs once every row is read: each finds problems, located.

Each check looks at a whole column at once and only walks row by row when it has
something to report, so a clean 100,000-row sheet costs a few C-level passes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import compress
from operator import not_

from coprod.i18n.words import PERSPECTIVE_ALIASES, normalise
from coprod.model import PERSPECTIVES, pick
from coprod.sheets.cells import (
    DAY_FIRST,
    MONTH_FIRST,
    BadCell,
    Cell,
    CellReader,
    Parsed,
    decide_date_order,
    parse_timestamp,
)

#: Names that say nobody in particular, so two of them are not the same participant.
ANONYMOUS = frozenset(("", "anonymous", "anon", "prefer not to say"))


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
    #: The cell's content is not used (an unreadable answer, time or perspective), so the
    #: cell counts as a problem when every cell is accounted for.
    unused: bool = field(default=False, compare=False)

    def __str__(self) -> str:
        value = f" '{self.value}'" if self.value else ""
        text = f"{self.source}, row {self.row}, column {self.column}:{value} {self.message}."
        return f"{text} Fix: {self.hint}" if self.hint else text


def bad_cell_problems(
    codes: list[int],
    table: list[Parsed],
    origin: list[tuple[int, int]],
    sources: list[str],
    where_col: dict[tuple[int, str], str],
    qid: str,
    consequence: str,
    skip: set[int] | frozenset[int] = frozenset(),
) -> list[SheetProblem]:
    """A problem for every cell of one question's column that could not be read, in row order.

    Rows in ``skip`` (repeated headers, reported once as a whole) are passed over.
    """
    bad = {code for code, cell in enumerate(table) if isinstance(cell, BadCell)}
    found = []
    if bad:
        for i, code in enumerate(codes):
            if code in bad and i not in skip:
                cell = table[code]
                assert isinstance(cell, BadCell)
                src, row = origin[i]
                found.append(
                    SheetProblem(
                        sources[src],
                        row,
                        where_col[(src, qid)],
                        cell.text,
                        f"{cell.reason}; {consequence}",
                        cell.hint,
                        unused=True,
                    )
                )
    return found


def other_note_problems(
    codes: list[int],
    table: list[Parsed],
    origin: list[tuple[int, int]],
    sources: list[str],
    where_col: dict[tuple[int, str], str],
    qid: str,
    skip: set[int] | frozenset[int] = frozenset(),
) -> list[SheetProblem]:
    """A warning for each multiple-choice cell holding text that is not a choice.

    Google Forms and Microsoft Forms put the typed "Other" text in the same cell as the
    ticked choices: it is kept as the answer's note and the choices still count, but a
    misspelt choice looks the same, so each is listed for a look.
    """
    noted = {code for code, cell in enumerate(table) if isinstance(cell, Cell) and cell.note}
    found = []
    if noted:
        for i, code in enumerate(codes):
            if code in noted and i not in skip:
                cell = table[code]
                assert isinstance(cell, Cell)
                src, row = origin[i]
                chosen = ", ".join(cell.value) if cell.value else "no listed choice"
                found.append(
                    SheetProblem(
                        sources[src],
                        row,
                        where_col[(src, qid)],
                        cell.note or "",
                        f"is not one of the choices, so it is kept as the answer's note "
                        f"('Other'); counted: {chosen}",
                        "Nothing to do if it is an 'Other' answer; if it is a misspelt choice, "
                        "correct it.",
                        "warning",
                    )
                )
    return found


def check_perspectives(
    meta: dict[str, list[str]],
    spellings: dict[str, str],
    origin: list[tuple[int, int]],
    sources: list[str],
    where_col: dict[tuple[int, str], str],
    problems: list[SheetProblem],
) -> None:
    """Turn each perspective into coprod's id in place; report (and clear) unknown ones."""
    known = {**PERSPECTIVE_ALIASES, **spellings}
    column = meta["perspective"]
    canonical: dict[str, str] = {}
    unknown = set()
    for text in set(column):
        if not text.strip():
            canonical[text] = text
            continue
        canonical[text] = known.get(normalise(text), "")
        if not canonical[text]:
            unknown.add(text)
    if unknown:
        for i, text in enumerate(column):
            if text not in unknown:
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
                    unused=True,
                )
            )
    column[:] = map(canonical.__getitem__, column)


def check_duplicates(
    meta: dict[str, list[str]],
    origin: list[tuple[int, int]],
    sources: list[str],
    where_col: dict[tuple[int, str], str],
    problems: list[SheetProblem],
) -> None:
    """Report each row whose participant (or, without names, email) was seen on an earlier row."""
    for fieldname in ("participant", "email"):
        keys = list(map(" ".join, map(str.split, map(str.casefold, meta[fieldname]))))
        counts = Counter(keys)
        named = [key for key in counts if key not in ANONYMOUS]
        if any(counts[key] > 1 for key in named):
            _report_duplicates(
                meta[fieldname], keys, fieldname, origin, sources, where_col, problems
            )
        if named:
            return


def _report_duplicates(
    texts: list[str],
    keys: list[str],
    fieldname: str,
    origin: list[tuple[int, int]],
    sources: list[str],
    where_col: dict[tuple[int, str], str],
    problems: list[SheetProblem],
) -> None:
    first: dict[str, int] = {}
    for i, key in enumerate(keys):
        if key in ANONYMOUS:
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
                texts[i].strip(),
                f"is the same participant as {earlier}; both rows are scored",
                "Delete the row that should not count, or tell the two people apart.",
                "warning",
            )
        )


def empty_rows(columns: Sequence[list[int]], n: int) -> set[int]:
    """The rows with no answer in any question column (blank cells are code 0)."""
    if not columns:
        return set(range(n))
    # Narrow the candidates column by column: after a few columns hardly any are left.
    candidates = list(compress(range(n), map(not_, columns[0])))
    for column in columns[1:]:
        if not candidates:
            break
        candidates = [i for i in candidates if not column[i]]
    return set(candidates)


def unreadable_rows(columns: Sequence[tuple[list[int], list[Parsed]]], n: int) -> set[int]:
    """The rows where no question cell can be read: every cell blank or unreadable."""
    if not columns:
        return set(range(n))
    # Blank (code 0) or unreadable: the codes that give a row nothing to score.
    useless = [
        (codes, frozenset(c for c, x in enumerate(table) if x is None or isinstance(x, BadCell)))
        for codes, table in columns
    ]
    codes, bad = useless[0]
    candidates = list(compress(range(n), map(bad.__contains__, codes)))
    for codes, bad in useless[1:]:
        if not candidates:
            break
        candidates = [i for i in candidates if codes[i] in bad]
    return set(candidates)


def unusable_problems(
    origin: list[tuple[int, int]],
    sources: list[str],
    empty: set[int],
    repeated: set[int],
    unreadable: set[int],
) -> list[SheetProblem]:
    """One problem for each row that is not scored: empty, a repeated header, nothing readable."""
    why = [
        (empty, "has no answers, so it is not scored", "Fill in the answers, or delete the row."),
        (
            repeated,
            "repeats the header row, so it is not scored",
            "Delete the row (two exports pasted together repeat the header).",
        ),
        (
            unreadable,
            "has no answer that can be read, so it is not scored",
            "Fix the cells listed for this row, or delete it.",
        ),
    ]
    found = []
    for rows, message, hint in why:
        for i in sorted(rows):
            src, row = origin[i]
            found.append(SheetProblem(sources[src], row, "-", "", message, hint, "warning"))
    return found


def missing_question_problems(
    source: str, row: int, readers: list[CellReader]
) -> list[SheetProblem]:
    """A problem for each question this sheet has no column for (at its header row)."""
    found = []
    for reader in readers:
        text = pick(reader.question.text, "en")
        short = text if len(text) <= 60 else text[:59].rstrip() + "…"
        found.append(
            SheetProblem(
                source,
                row,
                "-",
                "",
                f"no column for question '{reader.question.id}' ({short}); it counts as "
                "unanswered for this sheet's rows",
                "Add the column, or map a header to it in a --map file.",
                "warning",
            )
        )
    return found


def check_timestamps(
    meta: dict[str, list[str]],
    origin: list[tuple[int, int]],
    sources: list[str],
    where_col: dict[tuple[int, str], str],
    problems: list[SheetProblem],
    date_order: str | None = None,
    tool_orders: dict[int, str] | None = None,
) -> list[tuple[str, str]]:
    """Turn start and completion times into ISO 8601 in place; report and clear unreadable ones.

    Day/month order is decided per sheet and column from its own dates (a day over 12
    settles it), then by ``date_order`` (--date-order), then by the sheet's tool. Returns
    (sheet, line) for each column, saying how its dates were read, and a warning for each column
    that stayed ambiguous (in ``problems``).
    """
    said: list[tuple[str, str]] = []
    by_source: dict[int, Sequence[int]] = {}
    if len({src for src, _ in origin}) == 1:
        by_source[origin[0][0]] = range(len(origin))  # one sheet: whole columns at once
    else:
        lists: dict[int, list[int]] = {}
        for i, (src, _) in enumerate(origin):
            lists.setdefault(src, []).append(i)
        by_source.update(lists)
    for fieldname in ("started", "completed"):
        column = meta[fieldname]
        for src, rows in by_source.items():
            whole = isinstance(rows, range)
            texts = set(column) if whole else {column[i] for i in rows}
            order, settled = decide_date_order(texts)
            where = where_col.get((src, fieldname), fieldname)
            if not settled:
                order = date_order or (tool_orders or {}).get(src, "") or ""
                if not date_order:
                    guess = {
                        DAY_FIRST: "day first (as this tool writes them)",
                        MONTH_FIRST: "month first (as this tool writes them)",
                    }.get(order, "day first as in the UK, or month first where there is AM/PM")
                    problems.append(
                        SheetProblem(
                            sources[src],
                            origin[rows[0]][1],
                            where,
                            "",
                            "every date in this column could be day first or month first; "
                            f"read as {guess}",
                            "Run again with --date-order mdy (month first) or --date-order dmy "
                            "(day first) to say which.",
                            "warning",
                        )
                    )
            elif date_order and order and order != date_order:
                order = date_order
            if texts - {""}:
                name = {DAY_FIRST: "day first", MONTH_FIRST: "month first"}.get(order, "")
                if not settled and not date_order:
                    name = f"{name or 'day first, or month first with AM/PM'} (unsure)"
                said.append((sources[src], f"{where}: read {name or 'year first, as written'}"))
            parsed = {text: parse_timestamp(text, order) for text in texts}
            if whole and None not in parsed.values():
                fixed = {text: iso or "" for text, iso in parsed.items()}
                column[:] = map(fixed.__getitem__, column)
                continue
            for i in rows:
                text = column[i]
                iso = parsed[text]
                if iso is None:
                    src_, row = origin[i]
                    problems.append(
                        SheetProblem(
                            sources[src_],
                            row,
                            where,
                            text.strip(),
                            "is not a date and time coprod can read, so it is left empty "
                            "(never replaced by today's date)",
                            "Write it as 2026-03-04 10:01 or 04/03/2026 10:01, as the form "
                            "tools export it.",
                            "warning",
                            unused=True,
                        )
                    )
                column[i] = iso or ""
    return said
