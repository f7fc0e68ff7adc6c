"""Write a comparison: a report (HTML, PDF; the renderer imported only then) or a table
(CSV, XLSX, JSON).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from coprod.compare.results import Comparison, Unit
from coprod.errors import (
    OutputError,
)
from coprod.files.tables import Sheet, Value, write_csv, write_json, write_xlsx
from coprod.report.formats import CompareFormat
from coprod.report.progress import ProgressBuilder
from coprod.scoring.spread import SPREAD_COLUMNS

HEADER = [
    "unit",
    "round",
    "responses",
    "item",
    "title",
    *SPREAD_COLUMNS,
    "wide_spread",
    "suppressed",
    "rank",
    "strongest",
    "weakest",
]
CHANGE_HEADER = ["baseline", "baseline_mean", "change", "spread", "verdict"]
LEFT_OUT_HEADER = ["input", "file", "reason"]


def comparison_rows(c: Comparison) -> tuple[list[str], Iterator[list[Value]]]:
    """One row per unit, round and item (overall, then each principle), with n and spread."""
    # "agree" only for questionnaires with agreement scales, so other tables keep their shape.
    agree = any(scale.is_agreement for scale in c.questionnaire.scales.values())
    header = HEADER + (CHANGE_HEADER if c.over_time else []) + (["agree"] if agree else [])

    def rows() -> Iterator[list[Value]]:
        for unit in c.units:
            changes = {(ch.round, ch.id): ch for ch in unit.changes}
            for label, figures in unit.rounds.items():
                latest = label == c.latest
                for cell in [figures.overall, *figures.principles]:
                    s = cell.stats.summary if cell.stats else None
                    row: list[Value] = [
                        unit.label,
                        label,
                        None if figures.suppressed else figures.responses,
                        cell.id,
                        cell.title,
                        s.n if s else None,
                        s.mean if s else None,
                        s.median if s else None,
                        s.sd if s else None,
                        s.q1 if s else None,
                        s.q3 if s else None,
                        s.iqr if s else None,
                        s.min if s else None,
                        s.max if s else None,
                        cell.stats.consensus if cell.stats else None,
                        "yes" if cell.wide_spread else None,
                        f"yes: fewer than {c.min_group}" if cell.suppressed else None,
                    ]
                    if cell.id == "overall" and latest:
                        row += [
                            unit.rank or None,
                            "; ".join(unit.strongest) or None,
                            "; ".join(unit.weakest) or None,
                        ]
                    else:
                        row += [None, None, None]
                    if c.over_time:
                        ch = changes.get((label, cell.id))
                        row += (
                            [c.baseline, ch.baseline, ch.change, ch.spread, ch.verdict]
                            if ch
                            else [None] * len(CHANGE_HEADER)
                        )
                    if agree:
                        row.append(cell.agree)
                    yield row

    return header, rows()


def left_out_rows(c: Comparison) -> list[list[Value]]:
    """The inputs left out, with their reasons (file names and details withheld when anonymised)."""
    if c.anonymised:
        return [[s.number, None, s.kind] for s in c.skipped]
    return [[s.number, s.where, s.reason] for s in c.skipped]


def comparison_to_data(c: Comparison) -> dict[str, Any]:
    """The comparison as plain data for JSON."""
    header, rows = comparison_rows(c)
    q = c.questionnaire
    return {
        "questionnaire": {"id": q.id, "version": q.version, "hash": c.questionnaire_hash},
        "by": c.by,
        "over_time": c.over_time,
        "rounds": c.rounds,
        "baseline": c.baseline,
        "min_group": c.min_group,
        "people_level": c.people_level,
        "anonymised": c.anonymised,
        "responses": c.responses,
        "units": [_unit_data(u) for u in c.units],
        "rows": [with_old_names(dict(zip(header, r, strict=True))) for r in rows],
        "left_out": [dict(zip(LEFT_OUT_HEADER, r, strict=True)) for r in left_out_rows(c)],
        "warnings": c.warnings,
    }


def with_old_names(row: dict[str, Any]) -> dict[str, Any]:
    """A row with "agreement" beside "consensus": the old name, kept for one release."""
    return {**row, "agreement": row["consensus"]} if "consensus" in row else row


def _unit_data(unit: Unit) -> dict[str, Any]:
    return {
        "unit": unit.label,
        "rank": unit.rank or None,
        "strongest": unit.strongest,
        "weakest": unit.weakest,
        "rounds": [
            {
                "round": r.round,
                "responses": None if r.suppressed else r.responses,
                "suppressed": r.suppressed,
            }
            for r in unit.rounds.values()
        ],
    }


def default_out(fmt: CompareFormat, out: Path | str | None) -> Path:
    """Where the comparison goes: ``--out`` as a file or folder, else comparison.<format> here.

    ``out`` is a folder when it exists as one or ends with a slash ("reports/").
    """
    if out is None:
        return Path(f"comparison.{fmt}")
    text = str(out)
    if Path(out).is_dir() or text.endswith(("/", os.sep)):
        return Path(out) / f"comparison.{fmt}"
    return Path(out)


def write_comparison(
    c: Comparison,
    fmt: CompareFormat,
    out: Path | str | None = None,
    progress: ProgressBuilder | None = None,
) -> Path:
    """Write the comparison as a report (html, pdf) or a table (csv, xlsx, json).

    ``out`` is a file, or a folder (created if need be) to write comparison.<format> in.
    ``progress`` (html and pdf only) adds the "Progress on the action plan" section.
    """
    target = default_out(fmt, out)
    if target.exists() and target.is_dir():
        raise OutputError(f"{target}: is a folder.", "Give a file name with --out.")
    if out is not None and target != Path(out):  # --out named a folder
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(
                f"{out}: cannot create this folder ({exc.strerror}).", "Pick another --out."
            ) from None
    if fmt in ("html", "pdf"):
        from coprod.compare.report import comparison_html
        from coprod.files.atomic import atomic_write
        from coprod.report.files import write_pdf

        html = comparison_html(c, progress)
        if fmt == "html":
            atomic_write(target, html)
        else:
            write_pdf(target, html)
    elif fmt == "csv":
        header, rows = comparison_rows(c)
        write_csv(target, header, rows)
    elif fmt == "xlsx":
        header, rows = comparison_rows(c)
        write_xlsx(
            target,
            [
                Sheet("Comparison", header, rows),
                Sheet("Left out", LEFT_OUT_HEADER, left_out_rows(c)),
            ],
        )
    else:
        write_json(target, comparison_to_data(c))
    return target
