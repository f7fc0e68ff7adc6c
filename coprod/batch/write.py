"""Write a batch's results: scores, group figures, gaps and problems (CSV, XLSX, JSON),
response files, and the group report (HTML, PDF).

The group report is imported only when asked for, so ``coprod batch`` starts
without Jinja (and without WeasyPrint unless a PDF is wanted).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from operator import itemgetter
from pathlib import Path
from typing import Any

from coprod.batch.columns import code_column
from coprod.batch.combine import HELD_BACK_REASON
from coprod.batch.run import NOT_ENOUGH, BatchResult, group_column
from coprod.batch.stats import BatchStats, GroupStats
from coprod.errors import OutputError
from coprod.files.tables import (
    CodedColumn,
    Sheet,
    Value,
    cell_texts,
    write_csv,
    write_csv_columns,
    write_json,
    write_xlsx,
)
from coprod.gcpause import gc_paused
from coprod.model import Answer, Questionnaire, Respondent, Status, pick
from coprod.report.formats import BATCH_FORMATS
from coprod.responses.files import new_response, save_response
from coprod.scoring.marks import ScoreShown
from coprod.scoring.score import principle_is_scored
from coprod.scoring.spread import CONTESTED_BELOW, SHARE_COLUMNS, SPREAD_COLUMNS
from coprod.sheets.cells import Cell
from coprod.sheets.read import SheetProblem

# --- outputs ----------------------------------------------------------------


def score_rows(
    result: BatchResult, lang: str = "en", safe: bool = True
) -> tuple[list[str], Iterator[list[Value]]]:
    """One row per scored person: who, where, overall, band, coverage and each principle's score.

    ``safe``: text neutralised for a spreadsheet (CSV, XLSX); JSON keeps the text as given.
    """
    header, columns = score_columns_table(result, lang, safe)
    expanded = [map(table.__getitem__, codes) for codes, table in columns]
    return header, map(list, zip(*expanded, strict=True))


def score_columns_table(
    result: BatchResult, lang: str = "en", safe: bool = True
) -> tuple[list[str], list[CodedColumn]]:
    """:func:`score_rows` column by column, each column as codes into its distinct values.

    With ``safe``, every text cell is neutralised here, so the writers need not look again.
    """
    q = result.loaded.questionnaire
    sheets = result.sheets
    meta = sheets.meta
    scores = result.scores
    n = len(result.rows)
    everyone = range(n)
    header = ["participant", "source", "row", "organisation", "service", "role", "perspective"]
    if result.by == "group":
        header.append("group")
    # No overall or band column for a questionnaire without them, no column for a part
    # that is only reported: an empty column would read as "not enough answers".
    header += ["overall"] if q.scoring.overall else []
    header += ["band"] if q.scoring.overall and q.bands else []
    header += ["coverage", "problems"]
    header += [p.id for p in q.principles if principle_is_scored(p)]

    def pick_rows(values: Sequence[Any]) -> Sequence[Any]:
        if n == len(values):
            return values
        return [values[i] for i in result.rows]

    def text_column(values: Sequence[str], strip: bool = True) -> CodedColumn:
        # Each distinct spelling is cleaned once (most columns hold a handful of them);
        # a column of names, nearly all different, is cleaned in C-level passes.
        taken = pick_rows(values)
        distinct = list(dict.fromkeys(taken))
        if len(distinct) > n // 2:
            return everyone, cell_texts(taken, safe) if strip else [t or None for t in taken]
        codes = list(map(dict(zip(distinct, range(len(distinct)), strict=True)).__getitem__, taken))
        return codes, cell_texts(distinct, safe) if strip else [t or None for t in distinct]

    origin = pick_rows(sheets.origin)
    columns: dict[str, CodedColumn] = {
        "participant": text_column(meta["participant"]),
        "source": (list(map(itemgetter(0), origin)), cell_texts(sheets.sources, safe)),
        "row": (everyone, list(map(itemgetter(1), origin))),
        "perspective": text_column(meta["perspective"], strip=False),
    }
    for name in ("organisation", "service", "role"):
        columns[name] = text_column(meta[name])
    if result.by == "group":
        columns["group"] = text_column(group_column(sheets, result.requested_by or "group") or [])
    overall = scores.coded_overall or code_column(scores.overall)
    # The overall table holds each person's unrounded score, nearly one entry per person;
    # what is written is the rounded score and coverage: far fewer pairs, coded again.
    pairs = list(map(itemgetter(0, 1), overall.table))  # (score, coverage)
    distinct = list(dict.fromkeys(pairs))
    shown = dict(zip(distinct, range(len(distinct)), strict=True))
    codes = list(map(list(map(shown.__getitem__, pairs)).__getitem__, overall.codes))
    bands = {s: pick(q.band_label(s), lang) for s in {s for s, _ in shown} if s is not None}
    columns["overall"] = (codes, [s for s, _ in shown])
    columns["band"] = (codes, [bands.get(s, NOT_ENOUGH) for s, _ in shown])
    columns["coverage"] = (codes, [c for _, c in shown])
    problems = Counter((p.source, p.row) for p in result.problems)
    names = sheets.sources
    if problems:
        columns["problems"] = (everyone, [problems.get((names[s], r), 0) for s, r in origin])
    else:
        columns["problems"] = ([0] * n, [0])
    for p in q.principles:
        coded = scores.coded_principles.get(p.id) or code_column(scores.principles[p.id])
        columns[p.id] = (coded.codes, [r.score for r in coded.table])
    header += shown_columns(q, columns, lang)
    return header, [columns[h] for h in header]


def shown_columns(q: Questionnaire, columns: dict[str, CodedColumn], lang: str) -> list[str]:
    """With ``show: marks`` or ``level``, each score again as the report shows it.

    'assets_marks' (12.5, out of the principle's most) and 'overall_marks' for an audit;
    'assets_level' ('4 – Asking') for a ladder. Added to ``columns``; their names returned.
    """
    shown = ScoreShown(q, lang)
    if shown.plain:
        return []
    ids = [p.id for p in q.principles if principle_is_scored(p)]
    ids += ["overall"] if q.scoring.overall and shown.marks else []
    added = []
    for item in ids:
        codes, values = columns[item]
        scores = [float(v) if isinstance(v, (int, float)) else None for v in values]
        if shown.marks and (span := shown.span(item)) is not None:
            name = f"{item}_marks"
            columns[name] = (codes, [None if v is None else span.marks(v) for v in scores])
        elif shown.level:
            name = f"{item}_level"
            columns[name] = (codes, [shown.level_text(item, v, None) for v in scores])
        else:
            continue
        added.append(name)
    return added


STAT_HEADER = [
    "group",
    "people",
    "kind",
    "id",
    "principle",
    "title",
    *SPREAD_COLUMNS,
    "contested",
    "not_applicable",
    "dont_know",
    "unanswered",
    "distribution",
    "suppressed",
    *SHARE_COLUMNS,
    "not_asked",
]


def stats_rows(stats: BatchStats) -> list[list[Value]]:
    """Group figures as rows: every item for everyone, then for each group."""
    out: list[list[Value]] = []
    for group in [stats.everyone, *stats.groups]:
        name = group.name or "everyone"
        if group.suppressed:
            out.append([name, None, *([None] * 19), f"yes: {HELD_BACK_REASON}"])
            continue
        contested = {c.id for c in group.contested}
        items = [
            *([group.overall] if group.overall else []),
            *(p for p in group.principles if p.scored),
            *group.questions,
        ]
        for item in items:
            s = item.summary
            out.append(
                [
                    name,
                    group.people,
                    item.kind,
                    item.id,
                    item.principle,
                    item.title,
                    s.n,
                    s.mean,
                    s.median,
                    s.sd,
                    s.q1,
                    s.q3,
                    s.iqr,
                    s.min,
                    s.max,
                    item.consensus,
                    "yes" if item.id in contested else None,
                    item.not_applicable,
                    item.dont_know,
                    item.unanswered,
                    "; ".join(f"{label}: {n}" for label, n in item.distribution) or None,
                    "yes: fewer than 3 answers" if item.suppressed else None,
                    *(item.shares or (None, None, None)),
                    item.not_asked or None,
                ]
            )
    return out


GAP_HEADER = ["kind", "id", "title", "staff_mean", "lived_experience_mean", "gap"]
PROBLEM_HEADER = ["severity", "source", "row", "column", "value", "problem", "fix"]


def problem_rows(problems: list[SheetProblem]) -> list[list[Value]]:
    """Problems as rows for problems.csv."""
    return [[p.severity, p.source, p.row, p.column, p.value, p.message, p.hint] for p in problems]


def stats_to_data(stats: BatchStats) -> dict[str, Any]:
    """Group figures as plain data for JSON."""

    def group(g: GroupStats) -> dict[str, Any]:
        if g.suppressed:
            return {"name": g.name, "suppressed": True, "reason": HELD_BACK_REASON}
        items = [
            *([g.overall] if g.overall else []),
            *(p for p in g.principles if p.scored),
            *g.questions,
        ]
        return {
            "name": g.name,
            "people": g.people,
            "includes": list(stats.plan.members(g.name or "")) if stats.plan else [],
            "items": [
                {
                    "kind": i.kind,
                    "id": i.id,
                    "principle": i.principle,
                    "title": i.title,
                    "n": i.summary.n,
                    "mean": i.summary.mean,
                    "median": i.summary.median,
                    "sd": i.summary.sd,
                    "q1": i.summary.q1,
                    "q3": i.summary.q3,
                    "iqr": i.summary.iqr,
                    "min": i.summary.min,
                    "max": i.summary.max,
                    "consensus": i.consensus,
                    # The old name, kept for one release so scripts reading it go on working.
                    "agreement": i.consensus,
                    "not_applicable": i.not_applicable,
                    "dont_know": i.dont_know,
                    "unanswered": i.unanswered,
                    "distribution": dict(i.distribution),
                    "suppressed": i.suppressed,
                    **dict(zip(SHARE_COLUMNS, i.shares or (None, None, None), strict=True)),
                    "not_asked": i.not_asked,
                }
                for i in items
            ],
            "contested": [c.id for c in g.contested],
        }

    plan = stats.plan
    return {
        "contested_below": CONTESTED_BELOW,
        "everyone": group(stats.everyone),
        "by": stats.by,
        "groups": [group(g) for g in stats.groups],
        "combined": [
            {"groups": list(c.members), "into": c.into, "asked_for": c.requested}
            for c in (plan.combined if plan else [])
        ],
        "gaps": [
            {
                "kind": g.kind,
                "id": g.id,
                "title": g.title,
                g.first: g.first_mean,
                g.second: g.second_mean,
                "gap": g.gap,
            }
            for g in stats.gaps
        ],
    }


def write_responses(result: BatchResult, folder: Path) -> int:
    """One response file per scored person, so `coprod report` and `coprod compare` can use them."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the folder ({exc.strerror}).") from None
    q = result.loaded.questionnaire
    meta = result.sheets.meta
    template = new_response(result.loaded)
    notes = result.sheets.notes
    for k, i in enumerate(result.rows):
        answers = {}
        for question in q.questions:
            cell = result.sheets.cells[question.id][i]
            extra = notes[question.id][i].strip() if question.id in notes else ""
            note = "; ".join(t for t in (cell.note if isinstance(cell, Cell) else None, extra) if t)
            if not isinstance(cell, Cell):
                if note:  # a comment or 'Other' text without a readable answer is still kept
                    answers[question.id] = Answer(status=Status.skipped, note=note)
                continue
            value = list(cell.value) if isinstance(cell.value, tuple) else cell.value
            status = Status(cell.status)
            answers[question.id] = Answer(
                value=value if status == Status.answered else None,
                status=status,
                note=note or None,
            )
        respondent = Respondent(
            organisation=meta["organisation"][i].strip() or None,
            service=meta["service"][i].strip() or None,
            role=meta["role"][i].strip() or None,
            perspective=meta["perspective"][i] or None,
            name=meta["participant"][i].strip() or None,
            group=meta["group"][i].strip() or None,
        )
        # Times are ISO 8601 already (coprod.sheets.checks.check_timestamps); when the sheet
        # has none, none is written: the batch's own run time would misdate the answers.
        stamp = meta["completed"][i] or None
        response = template.model_copy(
            update={
                "respondent": respondent,
                "answers": answers,
                "started": meta["started"][i] or None,
                "updated": stamp,
                "completed": stamp,
            }
        )
        # Numbered as in scores.csv, never named after the person: file names get shared.
        save_response(response, folder / f"participant-{k + 1:04d}.yaml")
    return len(result.rows)


def write_batch(
    result: BatchResult,
    out: Path,
    formats: Sequence[str] = BATCH_FORMATS.default,
    responses: bool = True,
    lang: str = "en",
    *,
    show_text: bool = False,
) -> list[Path]:
    """Write scores, group figures, gaps and problems (and response files) into ``out``.

    ``html`` and ``pdf`` in ``formats`` add the group report (group-report.html / .pdf);
    ``show_text`` puts the written answers in it, with participants' names taken out.
    """
    with gc_paused():
        return _write_batch(result, out, formats, responses, lang, show_text)


def _write_batch(
    result: BatchResult,
    out: Path,
    formats: Sequence[str],
    responses: bool,
    lang: str,
    show_text: bool,
) -> list[Path]:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out}: cannot create the folder ({exc.strerror}).") from None
    written: list[Path] = []
    gaps: list[list[Value]] = [
        [g.kind, g.id, g.title, g.first_mean, g.second_mean, g.gap] for g in result.stats.gaps
    ]
    stat_rows: list[list[Value]] = stats_rows(result.stats)
    problems = problem_rows(result.problems)
    if "csv" in formats:
        header, columns = score_columns_table(result, lang)
        write_csv_columns(out / "scores.csv", header, columns)
        written.append(out / "scores.csv")
        for name, head, body in (
            ("group-stats.csv", STAT_HEADER, stat_rows),
            ("problems.csv", PROBLEM_HEADER, problems),
        ):
            write_csv(out / name, head, body)
            written.append(out / name)
        if result.by == "perspective":
            write_csv(out / "perspective-gaps.csv", GAP_HEADER, gaps)
            written.append(out / "perspective-gaps.csv")
    if "xlsx" in formats:
        header, rows = score_rows(result, lang)
        sheets = [
            Sheet("Scores", header, rows),
            Sheet("Group statistics", STAT_HEADER, stat_rows),
            Sheet("Perspective gaps", GAP_HEADER, gaps),
            Sheet("Problems", PROBLEM_HEADER, problems),
        ]
        write_xlsx(out / "batch.xlsx", sheets)
        written.append(out / "batch.xlsx")
    if "json" in formats:
        header, rows = score_rows(result, lang, safe=False)
        data = {
            "questionnaire": {
                "id": result.loaded.questionnaire.id,
                "version": result.loaded.questionnaire.version,
                "hash": result.loaded.hash,
            },
            "counts": vars(result.sheets.counts),
            "scores": [dict(zip(header, r, strict=True)) for r in rows],
            "stats": stats_to_data(result.stats),
            "problems": [dict(zip(PROBLEM_HEADER, r, strict=True)) for r in problems],
        }
        write_json(out / "batch.json", data)
        written.append(out / "batch.json")
    if "html" in formats or "pdf" in formats:
        from coprod.batch.report import write_group_report  # jinja2, and weasyprint for a PDF

        written += write_group_report(result, out, list(formats), lang, show_text=show_text)
    if responses:
        write_responses(result, out / "responses")
        written.append(out / "responses")
    return written
