"""Rich output for the terminal: tables and bars readable at 60 columns and with NO_COLOR."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rich import box
from rich.cells import cell_len, chop_cells
from rich.console import (
    Console,
    ConsoleOptions,
    ConsoleRenderable,
    Group,
    RenderHook,
    RenderResult,
    RichCast,
)
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from coprod.errors import Problem
from coprod.i18n.messages import ui_text
from coprod.model import (
    MultipleChoiceQuestion,
    NumberQuestion,
    Question,
    Questionnaire,
    ScaleQuestion,
    SingleChoiceQuestion,
    TextQuestion,
    YesNoQuestion,
    pick,
)
from coprod.questionnaire.builtin import BuiltinInfo
from coprod.questionnaire.trace import source_uses
from coprod.scoring.marks import ScoreShown
from coprod.scoring.score import is_scored, percent
from coprod.scoring.scored import Scored


def coprod_command() -> str:
    """The command that runs this coprod from the user's shell, for hints to type.

    "coprod" when that name on PATH is this program; otherwise the path it was started by
    (``make assess`` starts ``.venv/bin/coprod``, which is not on PATH), or
    ``python -m coprod`` with this Python when started that way.
    """
    started = sys.argv[0] if sys.argv else ""
    here = Path(started)
    if here.name == "__main__.py" and here.parent.name == "coprod":
        return f"{shlex.quote(_shell_path(sys.executable))} -m coprod"
    if here.name != "coprod" or os.sep not in started:
        return "coprod"  # typed as "coprod", so it is on PATH (or not started from a shell)
    on_path = shutil.which("coprod")
    if on_path and Path(on_path).resolve() == here.resolve():
        return "coprod"
    return shlex.quote(_shell_path(started))


def _shell_path(path: str) -> str:
    full = Path(path).absolute()
    try:
        relative = str(full.relative_to(Path.cwd()))
    except ValueError:
        return str(full)
    return relative if os.sep in relative else os.path.join(os.curdir, relative)


# --- the one printer: nothing from a file reaches the terminal raw ---------------

#: Escape sequences (ESC or its C1 form): CSI (colours, cursor moves, clearing), the
#: string commands OSC/DCS/SOS/PM/APC up to BEL or ST (window titles, OSC 8 links), and
#: two-character escapes. Matched whole, so nothing of them is left to show; a string
#: with no end loses only its introducer (what follows is shown as plain text).
ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[ -/]*[0-~]?"
)
#: Control characters left after that: C0 but tab and newline, DEL, and C1.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """Text with every escape sequence and control character removed (tab and newline kept).

    Questionnaires, responses, sheets and file names are written by others: an
    escape sequence in a title could retitle the window, recolour the terminal or,
    with OSC 8, turn text into a clickable ``file://`` link.
    """
    return CONTROL_CHARACTER.sub("", ESCAPE_SEQUENCE.sub("", text))


class Cleaned:
    """A renderable printed with :func:`clean` applied to its text (Rich's own codes kept)."""

    def __init__(self, renderable: ConsoleRenderable | RichCast | str) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """The renderable's segments, their text cleaned."""
        for segment in console.render(self.renderable, options):
            if segment.control or not segment.text:
                yield segment
            else:
                yield Segment(clean(segment.text), segment.style)


class CleanHook(RenderHook):
    """Wraps everything a console prints in :class:`Cleaned`."""

    def process_renderables(self, renderables: list[ConsoleRenderable]) -> list[ConsoleRenderable]:
        """Each renderable, cleaned."""
        return [Cleaned(r) for r in renderables]


def safe_console(**options: Any) -> Console:
    """A Rich console that removes control and escape characters from whatever it prints.

    Every console coprod prints with comes from here (:func:`stdout`, :func:`stderr`,
    the assessment's screens).
    """
    console = Console(**options)
    console.push_render_hook(CleanHook())
    return console


def stdout() -> Console:
    """The console for data."""
    return safe_console(highlight=False, soft_wrap=False)


def stderr() -> Console:
    """The console for messages."""
    return safe_console(stderr=True, highlight=False, soft_wrap=True)


def echo(text: str, *, err: bool = False) -> None:
    """Print one plain line (a file name, JSON), cleaned, on stdout or stderr."""
    stream = sys.stderr if err else sys.stdout
    stream.write(clean(text) + "\n")
    stream.flush()


def echo_json(data: object) -> None:
    """Print data as JSON on stdout; C1 controls, which JSON leaves raw, are written escaped."""
    text = json.dumps(data, indent=2, ensure_ascii=False)
    sys.stdout.write(_C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")
    sys.stdout.flush()


_C1 = re.compile(r"[\x7f-\x9f]")


def labelled(label: str, style: str, text: str, *, colon: bool = True) -> Text:
    """'label: text' with the label coloured and the text shown exactly as given (no markup)."""
    line = Text(f"{label}{':' if colon else ''} ", style=style)
    line.append(text)
    return line


def bar(score: float | None, width: int = 10) -> str:
    """A text bar for a 0-100 score, e.g. '██████░░░░'."""
    if score is None:
        return ""
    filled = round(score / 100 * width)
    return "█" * filled + "░" * (width - filled)


def fmt(score: float | None, lang: str = "en") -> str:
    """A score for people: one decimal, or 'not enough answers' (in ``lang``)."""
    return ui_text("not_enough", lang) if score is None else f"{score:.1f}"


#: Below this width the score table leaves out its bars, so that names wrap between words.
BARS_FROM_WIDTH = 70


class PrincipleTable:
    """Each principle's score, bar, band and coverage; the bars only where there is room."""

    def __init__(self, scored: Scored, lang: str = "en") -> None:
        self.scored = scored
        self.lang = lang

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """The table for the width at hand."""
        yield self.table(bars=options.max_width >= BARS_FROM_WIDTH)

    def table(self, bars: bool = True) -> Table:
        """The table, with or without the bar column."""
        q, s, lang = self.scored.loaded.questionnaire, self.scored.scores, self.lang
        r = self.scored.response.respondent
        who = " · ".join(x for x in (r.organisation, r.service, r.perspective) if x)
        title = Text(f"{pick(q.title, lang)} {q.version}" + (f"\n{who}" if who else ""))
        table = Table(title=title)
        table.add_column(ui_text("table_principle", lang), ratio=3, overflow="fold")
        table.add_column(ui_text("table_score", lang), justify="right", no_wrap=True)
        if bars:
            table.add_column("", no_wrap=True)
        # Without bands there is nothing to name a score with, so no empty column either.
        banded = bool(q.bands)
        if banded:
            table.add_column(ui_text("table_band", lang), ratio=1, overflow="fold")
        table.add_column(ui_text("table_coverage", lang), justify="right", no_wrap=True)

        shown = ScoreShown(q, lang)
        missing = ui_text("not_enough", lang)

        def row(name: Text, score: float | None, band: Text | str, coverage: str, pid: str) -> None:
            written = (
                shown.overall(score, missing) if pid == "" else shown.principle(pid, score, missing)
            )
            cells: list[Text | str] = [name, Text(written, style=name.style)]
            cells += [bar(score)] if bars else []
            table.add_row(*cells, *([band] if banded else []), coverage)

        for p, principle in zip(s.principles, q.principles, strict=True):
            if not p.scored:  # only reported: listed under the table
                continue
            if not p.asked:  # for other perspectives: not a shortfall of answers
                name = Text(pick(principle.title, lang))
                cells: list[Text | str] = [name, Text(ui_text("not_asked", lang), style="dim")]
                cells += [""] if bars else []
                table.add_row(*cells, *([""] if banded else []), "–")
                continue
            band = Text(pick(p.band.label, lang)) if p.band else ""
            row(
                Text(pick(principle.title, lang)),
                p.score,
                band,
                f"{p.answered}/{p.applicable}",
                p.id,
            )
        if s.has_overall:
            table.add_section()
            answered = sum(p.answered for p in s.principles)
            applicable = sum(p.applicable for p in s.principles)
            band = Text(pick(s.band.label, lang)) if s.band else ""
            overall = Text(ui_text("table_overall", lang), style="bold")
            row(overall, s.overall, band, f"{answered}/{applicable}", "")
        return table


def score_table(scored: Scored, lang: str = "en") -> Group:
    """The principle table, overall line and recommendations for one response, in ``lang``."""
    s = scored.scores
    table = PrincipleTable(scored, lang)
    parts: list[PrincipleTable | Table | Text] = [table]
    unscored = [
        pick(principle.title, lang)
        for p, principle in zip(s.principles, scored.loaded.questionnaire.principles, strict=True)
        if not p.scored
    ]
    if unscored:
        parts.append(Text(ui_text("table_not_scored_parts", lang, parts="; ".join(unscored))))
    parts.append(
        Text(
            ui_text(
                "table_coverage_line",
                lang,
                coverage=percent(s.coverage),
                minimum=percent(s.min_coverage),
            )
        )
    )
    if s.recommendations:
        parts.append(Text("\n" + ui_text("table_recommendations", lang), style="bold"))
        recs = Table.grid(padding=(0, 1))
        recs.add_column(no_wrap=True)
        recs.add_column(overflow="fold")
        for i, rec in enumerate(s.recommendations, 1):
            actions = Table.grid(padding=(0, 1))
            actions.add_column(no_wrap=True)
            actions.add_column(overflow="fold")
            for action in rec.actions:
                actions.add_row("-", Text(pick(action, lang)))
            priority = ui_text(f"priority_{rec.priority.value}", lang)
            title = Text(f"{pick(rec.title, lang)} ({priority})")
            recs.add_row(f"{i}.", Group(title, actions))
        parts.append(recs)
    return Group(*parts)


def builtin_table(items: list[BuiltinInfo]) -> Table:
    """The table for ``coprod list``; wraps by words down to 60 columns."""
    table = Table(title="Built-in questionnaires", box=box.SIMPLE_HEAD)
    table.add_column("Id", no_wrap=True)
    table.add_column("Title", ratio=3, min_width=14, overflow="fold")
    table.add_column("Size", ratio=2, min_width=12)
    table.add_column("Languages", ratio=1, min_width=9)
    for item in items:
        # Older versions kept for old responses are named as they are typed: id@version.
        older = "".join(f"\nalso {item.id}@{v}" for v in item.older_versions)
        table.add_row(
            Text(f"{item.id}\nversion {item.version}{older}"),
            Text(item.title),
            Text(f"{item.questions} questions in {item.principles} principles"),
            Text(", ".join(item.languages)),
        )
    return table


def describe_answer_type(q: Questionnaire, question: object, lang: str) -> list[str]:
    """Lines saying how a question is answered."""
    lines: list[str] = []
    if isinstance(question, ScaleQuestion):
        for level in q.levels_for(question):
            text = f"{level.value}  {pick(level.label, lang)}"
            if level.descriptor:
                text += f": {pick(level.descriptor, lang)}"
            lines.append(text)
    elif isinstance(question, YesNoQuestion):
        lines.append(ui_text("show_yes_no", lang))
    elif isinstance(question, NumberQuestion):
        unit = f" {pick(question.unit, lang)}" if question.unit else ""
        lines.append(ui_text("show_number", lang, unit=unit))
    elif isinstance(question, (SingleChoiceQuestion, MultipleChoiceQuestion)):
        many = isinstance(question, MultipleChoiceQuestion)
        lines.append(ui_text("show_choose_any" if many else "show_choose_one", lang))
        lines.extend(f"{c.id}  {pick(c.label, lang)}" for c in question.choices)
    elif isinstance(question, TextQuestion):
        lines.append(ui_text("show_free_text", lang))
    return lines


def questionnaire_view(q: Questionnaire, lang: str = "en") -> Group:
    """Principles and questions, readable in a terminal (wrapped lines keep their indent).

    Questions are laid out by :class:`Hanging` rather than a Rich table each: the
    same lines, but 10,000 questions print in a second or two rather than 15.
    """
    parts: list[Text | Hanging] = [
        Text(
            ui_text("show_heading", lang, title=pick(q.title, lang), id=q.id, version=q.version),
            style="bold",
        )
    ]
    if q.description:
        parts.append(Text(pick(q.description, lang)))
    numbers = q.numbers()
    for principle in q.principles:
        parts.append(Text(f"\n{pick(principle.title, lang)}  [{principle.id}]", style="bold"))
        if principle.description:
            parts.append(Text(pick(principle.description, lang), style="italic"))
        rows: list[tuple[str, str, int, str]] = []
        for question in principle.questions:
            flags = []
            if question.weight != 1 and is_scored(question, principle):
                flags.append(ui_text("show_weight", lang, weight=f"{question.weight:g}"))
            if not is_scored(question, principle):
                flags.append(ui_text("show_not_scored", lang))
            if question.required:
                flags.append(ui_text("show_required", lang))
            if question.when:
                flags.append(ui_text("show_only_if", lang, question=question.when.question))
            audience = question.audience or principle.audience
            if audience:  # asked of these perspectives only
                flags.append(ui_text("show_for", lang, perspectives=", ".join(audience)))
            suffix = f"  ({', '.join(flags)})" if flags else ""
            if question.grid is not None:  # shown whole at its first row
                rows.extend(grid_lines(q, question, principle.questions, suffix, lang))
                continue
            rows.append(("", "", 0, ""))
            rows.append(
                (
                    f"{numbers[question.id]} ",
                    f"{pick(question.text, lang)}  [{question.id}]{suffix}",
                    0,
                    "",
                )
            )
            if question.help:
                rows.append(("", pick(question.help, lang), 3, "dim"))
            if question.sources:
                listed = ui_text("show_sources", lang, sources=", ".join(question.sources))
                rows.append(("", listed, 3, "dim italic"))
            lines = [line.partition("  ") for line in describe_answer_type(q, question, lang)]
            key_width = max((cell_len(key) for key, _, rest in lines if rest), default=0)
            for key, _, rest in lines:
                if rest:
                    rows.append((key.ljust(key_width) + "  ", rest, 3, ""))
                else:
                    rows.append(("", key, 3, ""))
        parts.append(Hanging(rows))
    if q.sources:
        parts.append(Text(f"\n{ui_text('show_sources_heading', lang)}", style="bold"))
        uses = source_uses(q)
        listing: list[tuple[str, str, int, str]] = []
        for source in q.sources:
            author = f"{pick(source.author, lang)}, " if source.author else ""
            used = ", ".join(uses.get(source.id, [])) or ui_text("show_source_unused", lang)
            listing.append(("", f"[{source.id}] {author}{pick(source.title, lang)}", 0, ""))
            listing.append(("", used, 3, "dim"))
        parts.append(Hanging(listing))
    return Group(*parts)


def grid_lines(
    q: Questionnaire, question: Question, questions: list[Question], suffix: str, lang: str
) -> list[tuple[str, str, int, str]]:
    """A grid for ``coprod show`` at its first row: the stem once, its rows, their answers."""
    grid = question.grid
    if grid is None or grid.row != 1:
        return []
    numbers = q.numbers()
    members = [x for x in questions if x.grid is not None and x.grid.id == grid.id]
    span = f"{numbers[members[0].id]}–{numbers[members[-1].id]} "
    rows = [("", "", 0, ""), (span, f"{pick(grid.text, lang)}  [{grid.id}]{suffix}", 0, "")]
    if grid.help:
        rows.append(("", pick(grid.help, lang), 3, "dim"))
    if question.sources:
        listed = ui_text("show_sources", lang, sources=", ".join(question.sources))
        rows.append(("", listed, 3, "dim italic"))
    for member in members:
        rows.append(
            (f"   {numbers[member.id]} ", f"{pick(member.text, lang)}  [{member.id}]", 0, "")
        )
        if member.help and member.help != grid.help:
            rows.append(("", pick(member.help, lang), 6, "dim"))
    rows.append(("", ui_text("show_grid_answers", lang), 3, ""))
    lines = [line.partition("  ") for line in describe_answer_type(q, question, lang)]
    key_width = max((cell_len(key) for key, _, rest in lines if rest), default=0)
    for key, _, rest in lines:
        rows.append((key.ljust(key_width) + "  ", rest, 3, "") if rest else ("", key, 3, ""))
    return rows


class Hanging:
    """Lines of text, each after an indent and a prefix, wrapped to hang under the text.

    Each row is (prefix, text, indent, style). Wrapping is by words at the
    console's width (long words folded), as Rich's grid tables do, without their cost.
    """

    def __init__(self, rows: list[tuple[str, str, int, str]]) -> None:
        self.rows = rows

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        """Render every row as wrapped lines."""
        width = options.max_width
        styles: dict[str, Style] = {}
        wrapped: dict[tuple[str, int], list[str]] = {}  # a scale's levels repeat for each question
        newline = Segment.line()
        for prefix, text, indent, style in self.rows:
            if style not in styles:
                styles[style] = console.get_style(style) if style else Style()
            lead = cell_len(prefix) + indent
            first = " " * indent + prefix
            hang = " " * lead
            key = (text, max(width - lead, 1))
            if key not in wrapped:
                wrapped[key] = wrap(*key)
            for k, line in enumerate(wrapped[key]):
                yield Segment(first if k == 0 else hang)
                yield Segment(line, styles[style])
                yield newline


_WORD = re.compile(r"\S+\s*")


def wrap(text: str, width: int) -> list[str]:
    """Text wrapped by words to ``width`` terminal cells; a word longer than that is folded."""
    out: list[str] = []
    size_of = len if text.isascii() else cell_len  # one cell per character in plain ASCII
    for paragraph in text.split("\n"):
        line, used = "", 0
        for found in _WORD.finditer(paragraph):
            word = found.group()
            size = size_of(word.rstrip())
            if line and used + size > width:
                out.append(line.rstrip())
                line, used = "", 0
            if size > width:
                pieces = chop_cells(word.rstrip(), width)
                out.extend(pieces[:-1])
                word = pieces[-1] + word[len(word.rstrip()) :]
            line += word
            used += size_of(word)
        out.append(line.rstrip())
    return out


def problem_line(problem: Problem) -> Text:
    """One located problem, red 'error' or yellow 'warning' first."""
    style = "red" if problem.severity == "error" else "yellow"
    line = Text(f"{problem.severity}: ", style=style)
    line.append(str(problem))
    return line


@contextmanager
def stage_bar(console: Console, title: str) -> Iterator[Callable[[str, int, int], None]]:
    """A progress bar on ``console`` (stderr) while a long job runs, on a terminal only.

    Yields a function taking (what is happening, stages done, stages in all).
    """
    if not console.is_terminal:
        yield lambda _what, _done, _total: None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    bar_ = Progress(
        TextColumn(f"{title}: {{task.description}}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    task = bar_.add_task("starting", total=1)

    def update(what: str, done: int, total: int) -> None:
        bar_.update(task, description=what, completed=done, total=total)

    with bar_:
        yield update
