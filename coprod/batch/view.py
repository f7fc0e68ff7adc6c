"""What `coprod batch` shows in the terminal: rows counted, problems, the group's figures."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from coprod.batch.combine import explain
from coprod.batch.run import BatchResult
from coprod.batch.stats import GAP_POINTS, GroupStats
from coprod.console import bar, labelled
from coprod.i18n.messages import ui_text
from coprod.scoring.marks import ScoreShown
from coprod.scoring.score import percent
from coprod.scoring.spread import CONTESTED_BELOW, MIN_GROUP
from coprod.sheets.read import AnswerSheets, ColumnMatch

SHOW_PROBLEMS = 20


def counts_line(result: BatchResult, lang: str = "en") -> str:
    """'Read 30 rows from 1 sheet: 24 clean, 4 with problems, 2 with no readable answers; ...'."""
    c = result.sheets.counts
    count = len(result.sheets.sources)
    sheets = (
        ui_text("batch_one_sheet", lang)
        if count == 1
        else ui_text("batch_sheets", lang, count=count)
    )
    kept = ui_text("batch_kept_strict" if result.strict else "batch_kept", lang)
    return ui_text(
        "batch_counts",
        lang,
        read=c.read,
        sheets=sheets,
        used=c.used,
        problems=c.with_problems,
        kept=kept,
        empty=c.empty,
        scored=c.scored,
    )


def problem_lines(result: BatchResult, where: str) -> list[Text]:
    """The first problems, one line each, and where to find the rest."""
    lines = []
    for problem in result.problems[:SHOW_PROBLEMS]:
        style = "red" if problem.severity == "error" else "yellow"
        line = Text(f"{problem.severity}: ", style=style)
        line.append(str(problem))
        lines.append(line)
    rest = len(result.problems) - SHOW_PROBLEMS
    if rest > 0:
        lines.append(Text(f"... and {rest} more in {where}."))
    return lines


def understood_lines(sheets: AnswerSheets) -> list[Text]:
    """What coprod understood of each sheet, before any score: the tool's layout, how
    columns matched, the metadata used, every column not used and why, and the cells."""
    q = sheets.questionnaire
    ids = {qn.id for qn in q.questions}
    lines = [Text("What coprod understood", style="bold")]
    for seen in sheets.understood:
        tool = f"{seen.tool} layout" if seen.tool else "no form tool's layout (a plain sheet)"
        rows = "row" if seen.header_rows == 1 else "rows"
        lines.append(
            Text(f"{seen.source}: {tool}, {seen.header_rows} header {rows}, {seen.rows} people")
        )
        direct = [m for m in seen.matches if m.target in ids and m.how.startswith(_KINDS)]
        options = [m for m in seen.matches if "/" in m.target]
        by_options = {m.target.partition("/")[0] for m in options}
        how = Counter(_how(m.how) for m in direct)
        parts = [f"{n} by {k}" for k, n in sorted(how.items(), key=lambda kv: -kv[1])]
        if by_options:
            parts.append(f"{len(by_options)} from one column per choice")
        fed = {m.target for m in direct} | by_options
        matched = ", ".join(parts) or "none"
        lines.append(Text(f"  Questions: {len(fed)} of {len(ids)} matched ({matched})"))
        if options:
            lines.append(
                Text(
                    f"  Choice columns: {len(options)}, read as the ticked choices of "
                    + ", ".join(sorted(by_options))
                )
            )
        notes = [m for m in seen.matches if m.target.startswith("note:")]
        if notes:
            lines.append(
                Text(
                    "  Notes kept with answers: "
                    + "; ".join(f"{m.column} {_cut(m.header)} ({_note(m)})" for m in notes)
                )
            )
        meta = [
            m
            for m in seen.matches
            if m.target not in ids and "/" not in m.target and not m.target.startswith("note:")
        ]
        if meta:
            lines.append(
                Text(
                    "  Metadata: "
                    + "; ".join(f"{m.column} {_cut(m.header)} -> {_field(m.target)}" for m in meta)
                )
            )
        for source, said in sheets.dates:
            if source == seen.source:
                lines.append(Text(f"  Dates in column {said}"))
        if seen.not_used or seen.unmatched:
            lines.append(Text("  Not used:"))
            for item in seen.not_used:
                lines.append(Text(f"    {item.column} {_cut(item.header)}: {item.reason}"))
            for column in seen.unmatched:
                lines.append(Text(f"    {column}: matches no question or field (see problems)"))
    c = sheets.cell_counts
    lines.append(
        Text(
            f"Cells under the headers: {c.non_empty:,} with something in them = "
            f"{c.answers:,} answers and notes + {c.metadata:,} metadata + {c.not_kept:,} "
            f"not kept + {c.problems:,} problems."
        )
    )
    return lines


_KINDS = ("question", "map file")


def _note(match: ColumnMatch) -> str:
    qid = match.target.removeprefix("note:")
    return (
        match.how if match.how.startswith(("note", "'Other'")) else f"note for {qid}, by map file"
    )


def _field(target: str) -> str:
    if target == "email":
        return "email (only to spot repeated submissions; never written out)"
    return target


def _how(how: str) -> str:
    if how.startswith("question id"):
        return "id"
    if how.startswith("question text"):
        return "text"
    if how.startswith("map file"):
        return "map file"
    return how


def _cut(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return f"'{text}'" if len(text) <= width else f"'{text[: width - 1].rstrip()}…'"


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def group_table(
    stats: GroupStats, title: str, lang: str = "en", shown: ScoreShown | None = None
) -> Table:
    """Principles and overall for one group: n, mean, median, IQR, consensus and a bar.

    With ``shown`` (a questionnaire showing marks), mean, median and IQR are in marks;
    for levels (a ladder) only the median level, since a mean of rungs means nothing.
    """
    levels = shown is not None and shown.level
    converted = shown is not None and not shown.plain
    table = Table(title=title, title_justify="left")
    table.add_column(ui_text("table_principle", lang), overflow="fold", ratio=1)
    keys = ("median_level", "consensus") if levels else ("mean", "median", "iqr", "consensus")
    for name in ["n"] + [ui_text(f"batch_col_{k}", lang) for k in keys]:
        table.add_column(name, justify="right", no_wrap=not levels)
    table.add_column("", no_wrap=True)
    items = [p for p in stats.principles if p.scored] + ([stats.overall] if stats.overall else [])
    for item in items:
        s = item.summary
        median = shown.figure(item.id, s.median, "-") if shown and converted else _fmt(s.median)
        figures = (
            [median]
            if levels
            else [
                shown.mean(item.id, s.mean, "-") if shown and converted else _fmt(s.mean),
                median,
                shown.width(item.id, s.iqr, "-") if shown and converted else _fmt(s.iqr),
            ]
        )
        table.add_row(
            item.title if item.kind != "overall" else ui_text("table_overall", lang),
            str(s.n),
            *figures,
            _fmt(item.consensus),
            bar(s.median if levels else s.mean),
            style="bold" if item.kind == "overall" else None,
        )
    return table


def combined_lines(result: BatchResult) -> list[Text]:
    """For stderr: each group counted with another or held back, why, and how to change it."""
    plan = result.stats.plan
    return [labelled("note", "yellow", line) for line in explain(plan)] if plan else []


def agreement_lines(group: GroupStats, lang: str = "en") -> list[Text]:
    """For questions on an agreement scale: how many agree, are neutral and disagree."""
    items = [q for q in group.questions if q.shares is not None and not q.suppressed]
    if not items:
        return []
    lines = [Text("\n" + ui_text("batch_agreement", lang), style="bold")]
    for item in items:
        agree, neutral, disagree = item.shares or (0.0, 0.0, 0.0)
        shares = {"agree": f"{agree:g}", "neutral": f"{neutral:g}", "disagree": f"{disagree:g}"}
        lines.append(
            Text(ui_text("batch_agreement_item", lang, id=item.id, title=item.title, **shares))
        )
    return lines


def batch_view(result: BatchResult, lang: str = "en") -> Group:
    """Everyone's table, the contested questions, each group's overall, and perspective gaps.

    In ``lang`` where coprod speaks it (``coprod batch --lang cy``), else English.
    """
    stats = result.stats

    def say(key: str, **values: object) -> str:
        return ui_text(key, lang, **values)

    people = stats.everyone.people
    shown = ScoreShown(result.loaded.questionnaire)
    parts: list[Table | Text] = [
        group_table(stats.everyone, say("batch_everyone", people=people), lang, shown)
    ]
    if shown.marks and (total := shown.span("overall")) is not None:
        parts.append(Text(say("batch_in_marks", total=f"{total.high:g}")))
    contested = stats.everyone.contested
    parts.append(Text("\n" + say("batch_contested", below=percent(CONTESTED_BELOW)), style="bold"))
    if not contested:
        parts.append(Text(say("batch_no_contested")))
    # Every contested question, as the report and the JSON list them: the room discusses all.
    for item in contested:
        consensus = percent(item.consensus) if item.consensus is not None else "-"
        parts.append(
            Text(say("batch_contested_item", id=item.id, consensus=consensus, title=item.title))
        )
    parts += agreement_lines(stats.everyone, lang)
    if stats.groups:
        parts.append(Text("\n" + say("batch_by", by=stats.by), style="bold"))
        plan = stats.plan
        for group in stats.groups:
            members = plan.members(group.name or "") if plan else ()
            name = f"{group.name} (with {', '.join(members)})" if members else group.name
            if group.suppressed:
                parts.append(Text(say("batch_group_hidden", name=name, min=MIN_GROUP)))
            elif group.overall is not None:
                mean = _fmt(group.overall.summary.mean)
                parts.append(Text(say("batch_group", name=name, people=group.people, mean=mean)))

    if stats.by == "perspective":
        parts.append(Text("\n" + say("batch_gaps", points=f"{GAP_POINTS:.0f}"), style="bold"))
        if not stats.gaps:
            parts.append(Text(say("batch_no_gaps")))
        for gap in stats.gaps[:10]:
            staff, lived, diff = (
                f"{gap.first_mean:.1f}",
                f"{gap.second_mean:.1f}",
                f"{gap.gap:+.1f}",
            )
            parts.append(Text(say("batch_gap", id=gap.id, staff=staff, lived=lived, gap=diff)))
    return Group(*parts)


@contextmanager
def slow_spinner(console: Console, after: float = 1.0) -> Iterator[Callable[[str], None]]:
    """A spinner on stderr that appears only if the work takes over ``after`` seconds on a TTY.

    Yields a function that changes the spinner's text.
    """
    status = console.status("Reading") if console.is_terminal else None

    def update(message: str) -> None:
        if status is not None:
            status.update(message)

    timer = threading.Timer(after, lambda: status.start() if status else None)
    timer.daemon = True
    timer.start()
    try:
        yield update
    finally:
        timer.cancel()
        if status is not None:
            status.stop()
