"""Write an action plan for a spreadsheet: XLSX (openpyxl, imported only here) or CSV.

The XLSX has an Actions sheet (a title, the link line, then one row per action,
with drop-downs for type, priority and status and real date cells for the due
date), a Targets sheet (one row per principle, and the overall score), a How to
use sheet, and a very hidden ``coprod`` sheet holding the link and the baseline
figures again, so that they survive people editing the visible ones. The CSV has
the same Actions rows, then the Targets table, in one file.

Every text cell goes through :func:`coprod.files.tables.neutralise` and is stored
as text, so an action starting with ``=`` stays words (formula injection).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from coprod.errors import OutputError
from coprod.files.atomic import atomic_write
from coprod.files.tables import Value, neutralise
from coprod.model import Questionnaire, pick
from coprod.plan.actions import OVERALL, PLAN_FORMAT, PRIORITIES, STATUSES, Action, Plan
from coprod.plan.build import Made, make_plan, wording

#: The Actions sheet's columns, in the order written (people may re-order them).
ACTION_COLUMNS = (
    "col_ref",
    "col_kind",
    "col_principle",
    "col_recommendation",
    "col_priority",
    "col_action",
    "col_owner",
    "col_due",
    "col_status",
    "col_notes",
)
TARGET_COLUMNS = (
    "col_principle_id",
    "col_principle",
    "col_baseline",
    "col_people",
    "col_spread",
    "col_target",
    "col_notes",
)
#: The name of the hidden sheet holding the link and baseline, and its first cell.
META_SHEET = "coprod"
LINK_PREFIX = "coprod plan"
#: Rows above the Actions header: title, the keep-this-line note, the link line, a blank.
HEADER_ROW = 5
#: Empty rows below the actions that get the drop-downs and date format too.
SPARE_ROWS = 200
DATE_FORMAT = "DD/MM/YYYY"
WIDTHS = {
    "col_ref": 6,
    "col_kind": 12,
    "col_principle": 22,
    "col_recommendation": 30,
    "col_priority": 10,
    "col_action": 60,
    "col_owner": 16,
    "col_due": 12,
    "col_status": 14,
    "col_notes": 30,
}


def link_line(plan: Plan) -> str:
    """The link as one line of text people can see: questionnaire, version, hash, round."""
    k = plan.link
    fields = [
        ("questionnaire", k.questionnaire),
        ("version", k.version),
        ("hash", k.hash),
        ("round", k.round),
        ("made", k.made),
        ("held", k.held),
        ("service", k.service),
        ("organisation", k.organisation),
        ("people", str(k.people)),
        ("lang", k.lang),
        ("source", k.source),
        ("path", k.path),
    ]
    # '|' separates the fields, so one inside a value (a round label) becomes '/'.
    parts = [f"{name} {value.replace('|', '/')}" for name, value in fields if value]
    return f"{LINK_PREFIX} {PLAN_FORMAT} | " + " | ".join(parts)


def _principle_title(q: Questionnaire, pid: str, t: dict[str, str], lang: str) -> str:
    from coprod.plan.build import texts

    if pid == OVERALL:
        return t["overall_row"]
    principle = next((p for p in q.principles if p.id == pid), None)
    return texts(principle.title, lang) if principle else t["whole_service"]


def action_cells(a: Action, q: Questionnaire, t: dict[str, str], lang: str) -> dict[str, Any]:
    """One action's cells by column key, in the plan's language (text not yet neutralised)."""
    return {
        "col_ref": a.ref or None,
        "col_kind": t[f"kind_{a.kind}"],
        "col_principle": _principle_title(q, a.principle, t, lang),
        "col_recommendation": a.recommendation or None,
        "col_priority": t[f"level_{a.priority}"] if a.priority else None,
        "col_action": a.text or None,
        "col_owner": a.owner or None,
        "col_due": a.due,
        "col_status": t[f"status_{a.status}"],
        "col_notes": a.notes or None,
    }


def target_rows(plan: Plan, q: Questionnaire, t: dict[str, str], lang: str) -> list[list[Value]]:
    """The Targets table: one row per principle, then the overall score (target optional)."""
    rows: list[list[Value]] = []
    for pid in [p.id for p in q.principles] + [OVERALL]:
        base = plan.baseline_for(pid)
        target = next((x for x in plan.targets if x.principle == pid), None)
        rows.append(
            [
                pid,
                _principle_title(q, pid, t, lang),
                base.mean if base else None,
                base.n if base else None,
                base.sd if base else None,
                target.target if target else None,
                (target.notes or None) if target else None,
            ]
        )
    return rows


def title_line(plan: Plan, q: Questionnaire, t: dict[str, str]) -> str:
    """The plan's title: questionnaire, service and round, as people see it."""
    parts = [pick(q.title, plan.link.lang.split("+")[0]), plan.link.service, plan.link.round]
    return f"{t['plan_title']}: " + " · ".join(p for p in parts if p)


def plan_xlsx(plan: Plan, q: Questionnaire) -> bytes:
    """The plan as an XLSX workbook (see the module docstring for its sheets)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    lang = plan.link.lang
    t = wording(lang)
    book = Workbook()
    ws = book.active
    ws.title = _sheet_name(t["sheet_actions"])
    wrap = Alignment(wrap_text=True, vertical="top")

    def put(sheet: Any, row: int, col: int, value: Value | date) -> Any:
        """Write one cell: text neutralised and stored as text, anything else as it is."""
        cell = sheet.cell(row=row, column=col)
        if isinstance(value, str):
            cell.value = neutralise(value)
            cell.data_type = "s"  # never a formula, whatever it starts with
        else:
            cell.value = value
        return cell

    put(ws, 1, 1, title_line(plan, q, t)).font = Font(bold=True, size=14)
    put(ws, 2, 1, t["link_keep"]).font = Font(italic=True)
    put(ws, 3, 1, link_line(plan))
    for col, key in enumerate(ACTION_COLUMNS, 1):
        put(ws, HEADER_ROW, col, t[key]).font = Font(bold=True)
        ws.column_dimensions[get_column_letter(col)].width = WIDTHS[key]
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)
    last = HEADER_ROW + len(plan.actions) + SPARE_ROWS
    due_col = ACTION_COLUMNS.index("col_due") + 1
    for r, action in enumerate(plan.actions, HEADER_ROW + 1):
        cells = action_cells(action, q, t, lang)
        for col, key in enumerate(ACTION_COLUMNS, 1):
            put(ws, r, col, cells[key]).alignment = wrap
    for r in range(HEADER_ROW + 1, last + 1):
        ws.cell(row=r, column=due_col).number_format = DATE_FORMAT

    def choices(key: str, values: Sequence[str]) -> None:
        """A drop-down of these labels on the column, down to the spare rows."""
        col = get_column_letter(ACTION_COLUMNS.index(key) + 1)
        listed = ",".join(t[v] for v in values)
        check = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True)
        check.error = f"{t[key]}: {listed.replace(',', ', ')}"
        check.errorStyle = "warning"  # a warning, so a spelling coprod also reads is not refused
        check.add(f"{col}{HEADER_ROW + 1}:{col}{last}")
        ws.add_data_validation(check)

    choices("col_status", [f"status_{s}" for s in STATUSES])
    choices("col_kind", ["kind_action", "kind_discussion"])
    choices("col_priority", [f"level_{p}" for p in PRIORITIES])

    targets = book.create_sheet(_sheet_name(t["sheet_targets"]))
    for col, key in enumerate(TARGET_COLUMNS, 1):
        put(targets, 1, col, t[key]).font = Font(bold=True)
        targets.column_dimensions[get_column_letter(col)].width = 14 if col != 2 else 36
    for r, row in enumerate(target_rows(plan, q, t, lang), 2):
        for col, value in enumerate(row, 1):
            put(targets, r, col, value)
    target_col = get_column_letter(TARGET_COLUMNS.index("col_target") + 1)
    score = DataValidation(type="decimal", operator="between", formula1="0", formula2="100")
    score.error = f"{t['col_target']}: 0-100"
    score.errorStyle = "warning"
    score.add(f"{target_col}2:{target_col}{len(q.principles) + 2}")
    targets.add_data_validation(score)
    targets.freeze_panes = "A2"

    about = book.create_sheet(_sheet_name(t["sheet_about"]))
    put(about, 1, 1, t["about_heading"]).font = Font(bold=True, size=14)
    for r, key in enumerate([f"about_{k}" for k in range(1, 7)], 3):
        put(about, r, 1, t[key]).alignment = wrap
    about.column_dimensions["A"].width = 100

    meta = book.create_sheet(META_SHEET)
    for r, row in enumerate(meta_rows(plan), 1):
        for col, value in enumerate(row, 1):
            put(meta, r, col, value)
    meta.sheet_state = "veryHidden"  # out of sight, so it is not deleted by accident
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def meta_rows(plan: Plan) -> list[list[Value]]:
    """The hidden sheet: the link, the baseline figures and the references coprod wrote."""
    k = plan.link
    rows: list[list[Value]] = [[LINK_PREFIX, PLAN_FORMAT]]
    for name in ("questionnaire", "version", "hash", "round", "made", "service"):
        rows.append(["link", name, getattr(k, name)])
    for name in ("organisation", "source", "lang", "path", "held"):
        rows.append(["link", name, getattr(k, name)])
    rows.append(["link", "people", k.people])
    rows += [["baseline", b.principle, b.n, b.mean, b.sd] for b in plan.baseline]
    rows += [["original", ref, text] for ref, text in plan.original.items()]
    rows += [["differed", ref, qid] for ref, qid in plan.differed.items()]
    return rows


def plan_csv(plan: Plan, q: Questionnaire) -> str:
    """The plan as one CSV text: the actions, the targets, then the title and link line.

    The headings come first, so that spreadsheets and coprod's reader tell the
    delimiter from them (a semicolon CSV from European Excel reads back too).
    """
    lang = plan.link.lang
    t = wording(lang)
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\r\n")

    def row(values: Sequence[Value | date]) -> None:
        """Write one CSV row: dates day first, text neutralised."""
        out.writerow(
            [v.strftime("%d/%m/%Y") if isinstance(v, date) else neutralise(v) for v in values]
        )

    row([t[key] for key in ACTION_COLUMNS])
    for action in plan.actions:
        cells = action_cells(action, q, t, lang)
        row([cells[key] for key in ACTION_COLUMNS])
    row([])
    row([t["sheet_targets"]])
    row([t[key] for key in TARGET_COLUMNS])
    for values in target_rows(plan, q, t, lang):
        row(values)
    row([])
    row([title_line(plan, q, t)])
    row([t["link_keep"]])
    row([link_line(plan)])
    return buffer.getvalue()


def _sheet_name(name: str) -> str:
    bad = "[]:*?/\\"
    return "".join("_" if c in bad else c for c in name)[:31]


def default_plan_path(source: Path, out: Path | None) -> Path:
    """Where a plan goes: ``--out`` (a file, or a folder to put plan.xlsx in), else here."""
    name = f"{source.stem if source.is_file() else source.resolve().name}-plan.xlsx"
    if out is None:
        return Path(name)
    if out.is_dir():
        return out / name
    return out


def write_plan(plan: Plan, q: Questionnaire, path: Path) -> Path:
    """Write the plan as XLSX or CSV, chosen by the file's suffix."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        atomic_write(path, ("\ufeff" + plan_csv(plan, q)).encode("utf-8"))
    elif suffix == ".xlsx":
        atomic_write(path, plan_xlsx(plan, q))
    else:
        raise OutputError(
            f"{path}: a plan is written as .xlsx or .csv, not '{suffix or 'no suffix'}'.",
            "Give --out a name ending in .xlsx or .csv.",
        )
    return path


def create_plan(
    source: Path | str, out: Path | str | None = None, lang: str | None = None
) -> tuple[Path, Made]:
    """Make a plan from a response file or batch folder and write it (behind `coprod plan`)."""
    made = make_plan(source, lang)
    target = default_plan_path(Path(source), Path(out) if out else None)
    if target.exists() and target.is_dir():
        raise OutputError(f"{target}: is a folder.", "Give a file name with --out.")
    return write_plan(made.plan, made.questionnaire, target), made


def made_summary(made: Made) -> str:
    """One line on the plan just written, for the terminal."""
    from coprod.plan.actions import DISCUSSION

    plan = made.plan
    talk = sum(a.kind == DISCUSSION for a in plan.actions)
    acts = len(plan.actions) - talk
    people = plan.link.people
    targets = sum(t.target is not None for t in plan.targets)
    return (
        f"Plan: {acts} action{'s' if acts != 1 else ''}"
        + (f" and {talk} item{'s' if talk != 1 else ''} to discuss" if talk else "")
        + f", from {people} response{'s' if people != 1 else ''} (round {plan.link.round}); "
        f"suggested targets for {targets} of {len(made.questionnaire.principles)} principles."
    )
