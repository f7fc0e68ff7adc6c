"""What `coprod batch` shows in the terminal: rows counted, problems, the group's figures."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from coprod.batch.run import BatchResult
from coprod.batch.stats import GAP_POINTS, HIDDEN_REASON, GroupStats
from coprod.console import bar
from coprod.scoring.score import percent
from coprod.scoring.spread import CONTESTED_BELOW

SHOW_PROBLEMS = 20


def counts_line(result: BatchResult) -> str:
    """'Read 30 rows from 1 sheet: 24 clean, 4 with problems, 2 with no readable answers; ...'."""
    c = result.sheets.counts
    sheets = len(result.sheets.sources)
    kept = "left out (--strict)" if result.strict else "scored with their good answers"
    return (
        f"Read {c.read} rows from {sheets} sheet{'s' if sheets != 1 else ''}: {c.used} clean, "
        f"{c.with_problems} with problems ({kept}), {c.empty} with no readable answers; "
        f"{c.scored} people scored."
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


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def group_table(stats: GroupStats, title: str) -> Table:
    """Principles and overall for one group: n, mean, median, IQR, agreement and a bar."""
    table = Table(title=title, title_justify="left")
    table.add_column("Principle", overflow="fold", ratio=1)
    for name in ("n", "Mean", "Median", "IQR", "Agree %"):
        table.add_column(name, justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    items = stats.principles + ([stats.overall] if stats.overall else [])
    for item in items:
        s = item.summary
        table.add_row(
            item.title if item.kind != "overall" else "Overall",
            str(s.n),
            _fmt(s.mean),
            _fmt(s.median),
            _fmt(s.iqr),
            _fmt(item.agreement),
            bar(s.mean),
            style="bold" if item.kind == "overall" else None,
        )
    return table


def batch_view(result: BatchResult) -> Group:
    """Everyone's table, the contested questions, each group's overall, and perspective gaps."""
    stats = result.stats
    parts: list[Table | Text] = [
        group_table(stats.everyone, f"Everyone ({stats.everyone.people} people)")
    ]
    contested = stats.everyone.contested
    parts.append(
        Text(f"\nContested questions (agreement below {percent(CONTESTED_BELOW)})", style="bold")
    )
    if not contested:
        parts.append(Text("None: people broadly agree on every question."))
    for item in contested[:5]:
        agree = percent(item.agreement) if item.agreement is not None else "-"
        parts.append(Text(f"- {item.id} ({agree} agree): {item.title}"))
    if stats.groups:
        parts.append(Text(f"\nBy {stats.by}", style="bold"))
        for group in stats.groups:
            if group.suppressed:
                parts.append(Text(f"- {group.name}: not shown ({HIDDEN_REASON})"))
            elif group.overall is not None:
                s = group.overall.summary
                parts.append(Text(f"- {group.name}: {group.people} people, overall {_fmt(s.mean)}"))
    if stats.by == "perspective":
        parts.append(Text(f"\nPerspective gaps ({GAP_POINTS:.0f} points or more)", style="bold"))
        if not stats.gaps:
            parts.append(Text("None (or staff or lived experience is not shown as a group)."))
        for gap in stats.gaps[:10]:
            parts.append(
                Text(
                    f"- {gap.id}: staff {gap.first_mean:.1f}, lived experience "
                    f"{gap.second_mean:.1f} ({gap.gap:+.1f})"
                )
            )
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
