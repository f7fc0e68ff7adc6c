"""Read an action plan back after people have edited it in Excel or LibreOffice.

Columns are found by their headings (in English or Welsh, in any order), rows by
their content (added, deleted or sorted rows are all fine), dates as date cells
or typed day first, statuses in either language (:mod:`coprod.plan.rows`). Every
cell that cannot be read is a problem with its sheet, row and column, and how to
fix it; a row deleted since coprod wrote the plan, a column coprod does not read,
or a link line that no longer matches is a warning. Nothing is printed here.

The plan's link to its questionnaire and round is kept twice: in a very hidden
sheet (``coprod``, with the baseline figures and the references coprod wrote),
and in the line under the Actions sheet's title. Either is enough; with neither,
the plan cannot be tied to a round and reading stops.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from coprod.errors import PLAN_PROBLEMS, CoprodError, InputFileError, InvalidFileError
from coprod.plan.actions import OVERALL, PLAN_FORMAT, STATUSES, Baseline, Link, Plan
from coprod.plan.cells import cell_text
from coprod.plan.rows import (
    NEEDED,
    TARGET_NEEDED,
    PlanSheet,
    action_headings,
    action_rows,
    find_header,
    target_headings,
    target_rows,
)
from coprod.plan.write import LINK_PREFIX, META_SHEET
from coprod.questionnaire.load import Loaded, builtin_version, load_questionnaire
from coprod.sheets.checks import SheetProblem
from coprod.sheets.files import read_tables

LINK_FIELDS = ("questionnaire", "version", "hash", "round")


class PlanError(InvalidFileError):
    """Raised when a plan cannot be used: no actions table, no link, or cells to fix.

    ``problems`` lists every one, located; the CLI prints them before this message.
    """

    exit_code = PLAN_PROBLEMS

    def __init__(self, message: str, hint: str, problems: Sequence[SheetProblem] = ()) -> None:
        CoprodError.__init__(self, f"{message} Fix: {hint}" if hint else message)
        self.file = ""
        self.problems = list(problems)  # type: ignore[arg-type]


@dataclass(frozen=True)
class ReadPlan:
    """A plan as read back, the questionnaire it is for, and every problem found."""

    plan: Plan
    loaded: Loaded
    problems: list[SheetProblem] = field(default_factory=list)

    @property
    def errors(self) -> list[SheetProblem]:
        """The problems that must be fixed before the plan is used."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def exit_code(self) -> int:
        """0 when the plan can be used as it is, 10 when some cells must be fixed."""
        return PLAN_PROBLEMS if self.errors else 0


@dataclass
class _Meta:
    """What the hidden sheet keeps: the link, the baseline, the references written."""

    fields: dict[str, str] = field(default_factory=dict)
    baseline: list[Baseline] = field(default_factory=list)
    original: dict[str, str] = field(default_factory=dict)
    differed: dict[str, str] = field(default_factory=dict)


def link_fields(text: str) -> dict[str, str] | None:
    """The link line's fields ('coprod plan 1 | questionnaire starter | …'), or None."""
    if not text.startswith(LINK_PREFIX + " "):
        return None
    head, *parts = text.split("|")
    fields = {"format": head[len(LINK_PREFIX) :].strip()}
    for part in parts:
        name, _, value = part.strip().partition(" ")
        fields[name] = value.strip()
    return fields


def _link(fields: dict[str, str]) -> Link:
    people = fields.get("people", "1")
    return Link(
        questionnaire=fields.get("questionnaire", ""),
        version=fields.get("version", ""),
        hash=fields.get("hash", ""),
        round=fields.get("round", ""),
        made=fields.get("made", ""),
        service=fields.get("service", ""),
        organisation=fields.get("organisation", ""),
        source=fields.get("source", ""),
        people=int(people) if people.isdigit() else 1,
        lang=fields.get("lang", "en"),
        path=fields.get("path", ""),
        held=fields.get("held", ""),
    )


def _number(text: str) -> float | None:
    try:
        return float(text) if text.strip() else None
    except ValueError:
        return None


def _meta(rows: list[list[str]]) -> _Meta:
    meta = _Meta({"format": rows[0][1].strip() if len(rows[0]) > 1 else ""})
    for row in rows[1:]:
        kind, a, b, c, d = (*[x.strip() for x in row], "", "", "", "", "")[:5]
        if kind == "link":
            meta.fields[a] = cell_text(b)
        elif kind == "baseline":
            n = _number(b)
            meta.baseline.append(Baseline(a, int(n or 0), _number(c), _number(d)))
        elif kind == "original":
            meta.original[a] = cell_text(b)
        elif kind == "differed":
            meta.differed[a] = b
    return meta


def _short(text: str, size: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def _questionnaire(link: Link, override: str | None) -> Loaded:
    if override:
        return load_questionnaire(override)
    if link.path and Path(link.path).is_file():
        return load_questionnaire(link.path)
    older = builtin_version(link.questionnaire, link.version)
    if older is not None:
        # A plan made from an older built-in version is read with that version.
        return load_questionnaire(older)
    try:
        return load_questionnaire(link.questionnaire)
    except InputFileError:
        gone = f" and its file {link.path} is gone" if link.path else ""
        raise PlanError(
            f"the plan is for questionnaire '{link.questionnaire}', which is not built in{gone}.",
            "Name the questionnaire file with --questionnaire.",
        ) from None


def _locate(path: Path, sheets: list[PlanSheet]) -> tuple[PlanSheet | None, PlanSheet, int]:
    """The hidden sheet (if kept), and the sheet and row of the Actions headings."""
    meta = next((s for s in sheets if s.rows and cell_text(s.rows[0][0]) == LINK_PREFIX), None)
    heads = action_headings()
    for sheet in sheets:
        header = find_header(sheet.rows, heads, NEEDED) if sheet is not meta else None
        if header is not None:
            return meta, sheet, header
    raise PlanError(
        f"{path}: no table of actions found (a row of headings with 'Action' and 'Status').",
        "Give the plan coprod plan wrote, with its headings row kept.",
    )


def _fields(path: Path, meta: _Meta | None, sheet: PlanSheet, header: int) -> dict[str, str]:
    """The link: from the hidden sheet, else the line above the headings; warn if they differ."""
    line = next((f for row in sheet.rows for c in row if (f := link_fields(cell_text(c)))), None)
    if meta is None and line is None:
        raise PlanError(
            f"{path}: the plan has lost its link to its questionnaire and round: the hidden "
            f"'{META_SHEET}' sheet and the line starting '{LINK_PREFIX}' are both gone.",
            "Copy your rows into the plan coprod wrote, or put that line back above the headings.",
        )
    if meta is None:
        assert line is not None
        sheet.problem(
            "",
            f"has no hidden '{META_SHEET}' sheet (a CSV plan, or a copy): the link is read "
            "from the link line and the baseline from the Targets table; rows "
            "deleted since coprod wrote the plan cannot be named",
            severity="warning",
        )
        return line
    for name in LINK_FIELDS if line is not None else ():
        kept = meta.fields.get(name, "")
        if line is not None and line.get(name, "") != kept:
            sheet.problem(
                line.get(name, ""),
                f"the link line's {name} differs from the one kept in the hidden sheet "
                f"('{kept}'); the hidden sheet's is used",
                "Put the line back as coprod wrote it.",
                "warning",
            )
    return meta.fields


def read_plan(path: Path | str, questionnaire: str | None = None) -> ReadPlan:
    """Read an edited plan (XLSX, ODS or CSV) and check every cell; see the module docstring.

    Raises PlanError when the plan has no Actions table or has lost its link;
    other problems are in ``ReadPlan.problems``.
    """
    path = Path(path)
    problems: list[SheetProblem] = []
    sheets = [PlanSheet(t, list(t.rows), problems) for t in read_tables(path)]
    meta_sheet, sheet, header = _locate(path, sheets)
    meta = _meta(meta_sheet.rows) if meta_sheet else None
    fields = _fields(path, meta, sheet, header)
    if fields.get("format", "") not in ("", str(PLAN_FORMAT)):
        raise PlanError(
            f"{path}: written by a newer coprod (plan format {fields['format']}).",
            "Update coprod, or make the plan again with this one.",
        )
    link = _link(fields)
    loaded = _questionnaire(link, questionnaire)
    q = loaded.questionnaire
    actions = action_rows(sheet, header, action_headings(), q)
    heads = target_headings()
    found = [
        (s, h)
        for s in sheets
        if s is not meta_sheet and s is not sheet
        if (h := find_header(s.rows, heads, TARGET_NEEDED)) is not None
    ]
    if not found:  # a CSV plan: the Targets table follows the actions
        h = find_header(sheet.rows, heads, TARGET_NEEDED, header + 1)
        found = [(sheet, h)] if h is not None else []
    targets, shown = target_rows(found[0][0], found[0][1], heads, q) if found else ([], [])
    if not found:
        sheet.problem(
            "",
            "has no Targets table; the plan is read without targets",
            "Put back the Targets sheet coprod wrote to set a target per principle.",
            "warning",
        )
    baseline = meta.baseline if meta and meta.baseline else shown
    if meta and meta.baseline and found:
        _baseline_changed(meta.baseline, shown, found[0][0])
    original = meta.original if meta else {}
    refs = {a.ref for a in actions}
    for ref, text in original.items():
        if ref not in refs:
            sheet.problem(
                ref,
                f"is no longer in the plan (its row was deleted): “{_short(text)}”",
                "Nothing to do if that was meant; otherwise copy the row back.",
                "warning",
            )
    plan = Plan(link, baseline, actions, targets, original, meta.differed if meta else {})
    ordered = sorted(problems, key=lambda p: (p.severity != "error", p.source, p.row))
    return ReadPlan(plan, loaded, ordered)


def _baseline_changed(kept: list[Baseline], shown: list[Baseline], sheet: PlanSheet) -> None:
    by_id = {b.principle: b for b in kept}
    for b in shown:
        k = by_id.get(b.principle)
        if k is None or b.mean is None or k.mean is None or abs(b.mean - k.mean) < 0.05:
            continue
        sheet.problem(
            f"{b.mean:g}",
            f"the baseline score of '{b.principle}' was changed from {k.mean:g}; "
            "coprod keeps the score it measured",
            "Change targets, not baseline scores.",
            "warning",
        )


def check_plan(path: Path | str, questionnaire: str | None = None) -> ReadPlan:
    """Read a plan and check every cell (the library entry point behind `coprod plan --check`)."""
    return read_plan(path, questionnaire)


def usable_plan(path: Path | str, questionnaire: str | None = None) -> ReadPlan:
    """A plan fit to use in a report: read, or PlanError listing every cell to fix."""
    read = read_plan(path, questionnaire)
    if read.errors:
        count = len(read.errors)
        raise PlanError(
            f"{path}: {count} cell{'s' if count != 1 else ''} in the plan must be fixed first.",
            f"Fix them, then check with: coprod plan --check {path}",
            read.problems,
        )
    return read


def plan_summary(read: ReadPlan) -> str:
    """One line on what a plan holds and how many problems it has, for the terminal."""
    plan = read.plan
    tally = Counter(a.status for a in plan.actions)
    states = ", ".join(f"{tally[s]} {s.replace('_', ' ')}" for s in STATUSES)
    targets = sum(t.target is not None for t in plan.targets if t.principle != OVERALL)
    principles = len(read.loaded.questionnaire.principles)
    errors = len(read.errors)
    warnings = len(read.problems) - errors
    return (
        f"{len(plan.actions)} rows ({states}); targets for {targets} of {principles} "
        f"principles; {errors} problem{'s' if errors != 1 else ''} to fix, "
        f"{warnings} warning{'s' if warnings != 1 else ''}."
    )
