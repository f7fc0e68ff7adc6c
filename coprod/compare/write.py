"""Write a comparison: a report (HTML, PDF; the renderer imported only then) or a table
(CSV, XLSX, JSON).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from coprod.compare.results import Comparison, Unit
from coprod.errors import (
    OutputError,
)
from coprod.files.tables import Sheet, Value, write_csv, write_json, write_xlsx
from coprod.model import pick
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
QUESTIONS_HEADER = ["version", "question", "text", "why"]


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


def plural(n: int, word: str, words: str | None = None) -> str:
    """'1 response', '3 responses' (``words`` for an irregular plural)."""
    return f"{n} {word if n == 1 else (words or word + 's')}"


def compare_summary(c: Comparison) -> str:
    """The closing line on the terminal: what was compared, held back and left out."""
    rounds = f", {plural(len(c.rounds), 'round')}" if c.over_time else ""
    held = len(c.held_back())
    return (
        f"Compared {plural(c.responses, 'response')} in {plural(len(c.units), 'group')}"
        f"{rounds}; {held} held back (too few responses), {len(c.skipped)} left out."
    )


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
        "versions": None if c.bridge is None else _versions_data(c),
    }


def questions_left_out(c: Comparison) -> list[list[Value]]:
    """Across versions: each question one version asks that the comparison leaves out, and why."""
    if c.bridge is None:
        return []
    return [[x.version, x.id, pick(x.text, c.lang), x.why] for x in c.bridge.left_out]


def _versions_data(c: Comparison) -> dict[str, Any]:
    """Across versions: which were compared, on which questions, and which were left out."""
    assert c.bridge is not None
    return {
        "compared": c.bridge.versions,
        "shared_questions": c.bridge.shared,
        "left_out_questions": [
            {"version": v, "id": i, "text": t, "why": w} for v, i, t, w in questions_left_out(c)
        ],
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
    *,
    each_unit: bool = False,
    rendering: Callable[[str, int, int], None] | None = None,
) -> Path:
    """Write the comparison as a report (html, pdf) or a table (csv, xlsx, json).

    ``out`` is a file, or a folder (created if need be) to write comparison.<format> in.
    ``progress`` (html and pdf only) adds the "Progress on the action plan" section.
    ``each_unit``: the report adds a page for each unit over time. ``rendering`` hears
    how the PDF renderer is getting on.
    A report in two languages (``c.lang`` 'en+cy') is one file per language; this
    returns the first (see :func:`write_comparisons`).
    """
    return write_comparisons(c, fmt, out, progress, each_unit=each_unit, rendering=rendering)[0]


def write_comparisons(
    c: Comparison,
    fmt: CompareFormat,
    out: Path | str | None = None,
    progress: ProgressBuilder | None = None,
    *,
    each_unit: bool = False,
    rendering: Callable[[str, int, int], None] | None = None,
) -> list[Path]:
    """Write the comparison; every file written. ``c.lang`` 'en+cy': one report per language.

    The group and comparison reports have no one-page bilingual form yet, so a
    bilingual report is ``NAME-cy.html`` and ``NAME-en.html`` (Welsh first).
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
        from coprod.i18n.phrases import report_languages
        from coprod.report.files import write_pdf

        codes = report_languages(c.lang) or ["en"]
        written = []
        for code in codes:
            path = (
                target
                if len(codes) == 1
                else target.with_name(f"{target.stem}-{code}{target.suffix}")
            )
            html = comparison_html(replace(c, lang=code), progress, each_unit=each_unit)
            if fmt == "html":
                atomic_write(path, html)
            else:
                write_pdf(path, html, progress=rendering)
            written.append(path)
        return written
    if fmt == "csv":
        header, rows = comparison_rows(c)
        write_csv(target, header, rows)
    elif fmt == "xlsx":
        header, rows = comparison_rows(c)
        sheets = [
            Sheet("Comparison", header, rows),
            Sheet("Left out", LEFT_OUT_HEADER, left_out_rows(c)),
        ]
        if c.bridge is not None:
            sheets.append(Sheet("Questions left out", QUESTIONS_HEADER, questions_left_out(c)))
        write_xlsx(target, sheets)
    else:
        write_json(target, comparison_to_data(c))
    return [target]
