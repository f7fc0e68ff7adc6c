"""The rows of an edited plan: the Actions table and the Targets table, cell by cell.

Columns are found by their headings (any order, English or Welsh); every cell
that cannot be read becomes a located problem (sheet, row, column and heading)
and the rest of the row is still read. :mod:`coprod.plan.read` puts the tables
together with the plan's link.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from coprod.i18n.words import normalise
from coprod.model import Questionnaire, pick
from coprod.plan.actions import (
    ACTION,
    KINDS,
    NOT_STARTED,
    OVERALL,
    PRIORITIES,
    STATUSES,
    Action,
    Baseline,
    Target,
)
from coprod.plan.cells import (
    CellError,
    cell_text,
    read_count,
    read_date,
    read_score,
    read_word,
    word_table,
)
from coprod.plan.write import ACTION_COLUMNS, LINK_PREFIX, TARGET_COLUMNS
from coprod.report.labels import labels
from coprod.sheets.checks import SheetProblem
from coprod.sheets.files import Table
from coprod.sheets.read import column_letter

#: Headings an Actions table must have, and a Targets table.
NEEDED = ("col_action", "col_status")
TARGET_NEEDED = ("col_target",)
#: How far down a sheet its headings row may be.
HEADER_SEARCH = 40


@dataclass(frozen=True)
class PlanProblem(SheetProblem):
    """A problem in a plan: a cell (sheet, row, column) or, with row 0, the whole file."""

    def __str__(self) -> str:
        if self.row:
            return super().__str__()
        value = f" '{self.value}'" if self.value else ""
        text = f"{self.source}:{value} {self.message}."
        return f"{text} Fix: {self.hint}" if self.hint else text


@dataclass
class PlanSheet:
    """One sheet (or CSV file) of a plan as text rows, and the list its problems go to."""

    table: Table
    rows: list[list[str]]
    problems: list[SheetProblem]

    def problem(self, value: str, message: str, hint: str = "", severity: str = "error") -> None:
        """Add a problem about the whole sheet (row 0)."""
        self.problems.append(PlanProblem(self.table.source, 0, "-", value, message, hint, severity))

    def at(self, row: int, col: int, heading: str, value: str, exc: CellError) -> None:
        """A cell that cannot be read: where, its heading, its value, why and how to fix it."""
        self.problems.append(
            PlanProblem(
                self.table.source,
                row,
                f"{column_letter(col)} ({heading})",
                value,
                exc.message,
                exc.hint,
                exc.severity,
            )
        )


def find_header(
    rows: list[list[str]], table: dict[str, str], needed: Sequence[str], start: int = 0
) -> int | None:
    """The index of the first row (from ``start``) holding every ``needed`` heading."""
    for index in range(start, min(len(rows), start + HEADER_SEARCH)):
        found = {read_word(cell_text(c), table) for c in rows[index] if c.strip()}
        if all(key in found for key in needed):
            return index
    return None


def columns(sheet: PlanSheet, header: int, table: dict[str, str]) -> dict[str, int]:
    """Which column holds each heading; an unknown heading is a warning, a repeated one an error."""
    found: dict[str, int] = {}
    row = sheet.table.first_row + header
    for col, raw in enumerate(sheet.rows[header]):
        text = cell_text(raw)
        if not text:
            continue
        key = read_word(text, table)
        if key is None:
            sheet.at(
                row,
                col,
                text,
                "",
                CellError(
                    "is a column coprod does not read; it stays in your file but not in reports",
                    "Keep notes in the Notes column if they should travel with the plan.",
                    "warning",
                ),
            )
        elif key in found:
            sheet.at(
                row,
                col,
                text,
                "",
                CellError(
                    f"is a second such column (the first is column {column_letter(found[key])})",
                    "Delete or rename one of them.",
                ),
            )
        else:
            found[key] = col
    return found


def principle_names(q: Questionnaire) -> dict[str, str]:
    """Every way a principle can be named (id, title in each language) -> its id."""
    table = {normalise(p.id): p.id for p in q.principles}
    for p in q.principles:
        for code in {*q.languages, "en", "cy"}:
            title = pick(p.title, code)
            if title:
                table[normalise(title)] = p.id
    return table


def read_principle(text: str, q: Questionnaire, extra: dict[str, str]) -> str:
    """A principle's id from its title or id ('' for the whole service, in ``extra``)."""
    key = read_word(text, principle_names(q) | extra)
    if key is None:
        listed = "; ".join(pick(p.title, "en") for p in q.principles)
        raise CellError(
            "is not a principle of this questionnaire",
            f"Use one of: {listed}; or leave it empty for the whole service.",
        )
    return "" if key == "whole_service" else key


class _Row:
    """One row of a table being read: its cells by column key, and where to report."""

    def __init__(self, sheet: PlanSheet, header: int, cols: dict[str, int], index: int) -> None:
        raw = sheet.rows[index]
        self.sheet = sheet
        self.cols = cols
        self.heads = sheet.rows[header]
        self.number = sheet.table.first_row + index
        self.cells = {k: cell_text(raw[c]) if c < len(raw) else "" for k, c in cols.items()}

    def get(self, key: str) -> str:
        """The cell under this heading, as typed ('' when the column is missing)."""
        return self.cells.get(key, "")

    def bad(self, key: str, exc: CellError) -> None:
        """Report the cell under this heading, with its row, column and heading."""
        col = self.cols[key]
        self.sheet.at(self.number, col, self.heads[col].strip(), self.get(key), exc)

    def read(self, key: str, reader: Callable[[str], object]) -> object | None:
        """The cell read with ``reader``, or None when it is empty or cannot be read."""
        if not self.get(key):
            return None
        try:
            return reader(self.get(key))
        except CellError as exc:
            self.bad(key, exc)
            return None

    def word(self, key: str, table: dict[str, str], prefix: str, default: str) -> str:
        """A word from a drop-down (status, type, priority) as its key without ``prefix``."""
        text = self.get(key)
        if not text:
            return default
        found = read_word(text, table)
        if found is None:
            en = labels("en", "plan")
            allowed = ", ".join(en[k] for k in dict.fromkeys(table.values()))
            self.bad(
                key,
                CellError("is not one of the words coprod reads here", f"Use one of: {allowed}."),
            )
            return default
        return found[len(prefix) :]


def is_furniture(raw: list[str]) -> bool:
    """A line coprod writes around the tables: the title, the keep-this-line note, the link
    line, or the 'Targets' line of a CSV plan. Each is one filled cell."""
    filled = [cell_text(c) for c in raw if c.strip()]
    if len(filled) != 1:
        return False
    text = filled[0]
    if text.startswith(LINK_PREFIX + " ") or read_word(text, word_table(["sheet_targets"])):
        return True
    for code in ("en", "cy"):
        t = labels(code, "plan")
        if text.startswith(t["plan_title"] + ":") or normalise(text) == normalise(t["link_keep"]):
            return True
    return text.count(" / ") > 0 and text.split(" / ")[0].strip() in {
        labels(c, "plan")["link_keep"] for c in ("en", "cy")
    }


def action_rows(
    sheet: PlanSheet, header: int, heads: dict[str, str], q: Questionnaire
) -> list[Action]:
    """Every filled row below the headings as an Action (a CSV plan stops at its Targets).

    A reference used by two rows (a copied row) is an error at the second.
    """
    cols = columns(sheet, header, heads)
    rows = list(_action_rows(sheet, header, cols, q))
    seen: dict[str, int] = {}
    for action, row in rows:
        if action.ref and action.ref in seen:
            row.bad(
                "col_ref",
                CellError(
                    f"is the reference of row {seen[action.ref]} too (a copied row?)",
                    "Clear Ref in the row you added, so that each reference is used once.",
                ),
            )
        elif action.ref:
            seen[action.ref] = action.row
    return [a for a, _ in rows]


def _action_rows(
    sheet: PlanSheet, header: int, cols: dict[str, int], q: Questionnaire
) -> Iterator[tuple[Action, _Row]]:
    statuses = word_table([f"status_{s}" for s in STATUSES])
    kinds = word_table([f"kind_{k}" for k in KINDS])
    levels = word_table([f"level_{p}" for p in PRIORITIES])
    whole = word_table(["whole_service"])
    target_heads = word_table(TARGET_COLUMNS)
    for index in range(header + 1, len(sheet.rows)):
        if find_header([sheet.rows[index]], target_heads, TARGET_NEEDED) == 0:
            return
        row = _Row(sheet, header, cols, index)
        if not any(row.cells.values()) or is_furniture(sheet.rows[index]):
            continue
        if not row.get("col_action"):
            row.bad(
                "col_action",
                CellError("this row has no action text", "Write what will be done, or delete it."),
            )
        status = row.word("col_status", statuses, "status_", "")
        if not row.get("col_status"):
            row.bad(
                "col_status",
                CellError(
                    "has no status; read as not started",
                    "Choose a status from the drop-down.",
                    "warning",
                ),
            )
        principle = row.read("col_principle", lambda s: read_principle(s, q, whole))
        due = row.read("col_due", read_date)
        yield (
            Action(
                ref=row.get("col_ref"),
                kind=row.word("col_kind", kinds, "kind_", ACTION),
                principle=str(principle or ""),
                recommendation=row.get("col_recommendation"),
                priority=row.word("col_priority", levels, "level_", ""),
                text=row.get("col_action"),
                owner=row.get("col_owner"),
                due=due if isinstance(due, date) else None,
                status=status or NOT_STARTED,
                notes=row.get("col_notes"),
                row=row.number,
            ),
            row,
        )


def target_rows(
    sheet: PlanSheet, header: int, heads: dict[str, str], q: Questionnaire
) -> tuple[list[Target], list[Baseline]]:
    """The Targets table: each principle's target, and the baseline figures as shown."""
    cols = columns(sheet, header, heads)
    overall = {k: OVERALL for k in word_table(["overall_row"])} | {OVERALL: OVERALL}
    targets: list[Target] = []
    baseline: list[Baseline] = []
    seen: dict[str, int] = {}
    for index in range(header + 1, len(sheet.rows)):
        row = _Row(sheet, header, cols, index)
        if not any(row.cells.values()) or is_furniture(sheet.rows[index]):
            continue
        key = "col_principle_id" if row.get("col_principle_id") else "col_principle"
        pid = row.read(key, lambda s: read_word(s, overall) or read_principle(s, q, {}))
        if not isinstance(pid, str) or not pid:
            if key in cols and not row.get(key):
                row.bad(key, CellError("is empty", "Give the principle's id, as coprod wrote it."))
            continue
        if pid in seen:
            row.bad(
                key,
                CellError(
                    f"has a second row (the first is row {seen[pid]})", "Delete one of the two."
                ),
            )
            continue
        seen[pid] = row.number
        target = row.read("col_target", lambda s: read_score(s, "a target"))
        mean = row.read("col_baseline", lambda s: read_score(s, "a baseline score"))
        spread = row.read("col_spread", lambda s: read_score(s, "a spread"))
        people = row.read("col_people", read_count)
        targets.append(
            Target(
                pid, target if isinstance(target, float) else None, row.get("col_notes"), row.number
            )
        )
        mean_f = mean if isinstance(mean, float) else None
        n = people if isinstance(people, int) else (1 if mean_f is not None else 0)
        baseline.append(Baseline(pid, n, mean_f, spread if isinstance(spread, float) else None))
    return targets, baseline


def action_headings() -> dict[str, str]:
    """Every accepted spelling of the Actions table's headings -> its column key."""
    return word_table(ACTION_COLUMNS)


def target_headings() -> dict[str, str]:
    """Every accepted spelling of the Targets table's headings -> its column key."""
    return word_table(TARGET_COLUMNS)
