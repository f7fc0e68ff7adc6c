"""What the person sees in ``coprod assess``: its Rich screens and the console UI.

What a typed line means is in :mod:`coprod.assess.typed`.

Numbered prompts only (no arrow-key menus): they work with screen readers, over
SSH, in any terminal and with piped input. Screens are Rich renderables built
from plain text, so NO_COLOR and 60-column terminals stay readable. Every word
of coprod's own comes from :mod:`coprod.i18n.messages` in the session's language;
the key letters are the same in every language.
"""

from __future__ import annotations

import shlex
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from coprod.assess.typed import (
    KEYS,
    describe_answer,
    how_to_answer,
    is_given,
    keys_for,
    options,
    perspective_label,
)
from coprod.console import coprod_command, fmt, safe_console, score_table
from coprod.errors import OutputError
from coprod.i18n.messages import ui_text
from coprod.model import (
    PERSPECTIVES,
    Answer,
    Principle,
    Question,
    Questionnaire,
    Respondent,
    pick,
)
from coprod.scoring.scored import Scored


class UI(Protocol):
    """How a session talks to the person: the terminal (:class:`ConsoleUI`), or tests' script."""

    def show(self, renderable: RenderableType) -> None:
        """Show part of a screen (a question, the review, the scores)."""

    def tell(self, text: str | Command, style: str = "") -> None:
        """Show a short message, e.g. why an answer was not accepted, or a command to copy."""

    def ask(self, prompt: str) -> str:
        """Read one line; raise EOFError when input has ended."""

    @property
    def piped(self) -> bool:
        """True when input comes from a pipe or file: then it holds answers only, no details."""


# --- screens ------------------------------------------------------------------


class KeyLine:
    """Items joined by ' · ' and wrapped between items, so 'x not applicable' never splits."""

    def __init__(self, items: list[str], style: str = "dim") -> None:
        self.items = items
        self.style = style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """Pack as many items on each line as fit the width."""
        line = ""
        for item in self.items:
            joined = f"{line} · {item}" if line and line != self.items[0] else f"{line} {item}"
            if line and len(joined.strip()) > options.max_width:
                yield Text(line, style=self.style)
                line = item
            else:
                line = joined.strip()
        if line:
            yield Text(line, style=self.style)


def numbered(rows: list[tuple[str, str]]) -> Table:
    """Keys and texts side by side, so a wrapped text stays indented under itself."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(overflow="fold")
    for key, text in rows:
        grid.add_row(Text(key, style="bold"), Text(text))
    return grid


def welcome_screen(q: Questionnaire, lang: str, path: Path) -> Group:
    """What co-production is, how long this takes, how answers are saved, and the keys."""
    return Group(
        Text(pick(q.title, lang), style="bold"),
        Text(pick(q.introduction, lang) if q.introduction else ui_text("welcome_intro", lang)),
        Text(size_line(q, lang)),
        Text(ui_text("welcome_saved", lang, path=path)),
        Text(ui_text("welcome_keys", lang)),
        numbered(key_rows(KEYS, lang)),
    )


def size_line(q: Questionnaire, lang: str) -> str:
    """How many questions will be asked: 'up to N' when some depend on earlier answers."""
    minutes = max(5, round(len(q.questions) * 0.6 / 5) * 5)
    conditional = any(question.when for question in q.questions)
    figures = {"questions": len(q.questions), "parts": len(q.principles), "minutes": minutes}
    if q.answer_for is not None:
        # The questionnaire's own "answer for ..." sentence, after how long it takes.
        key = "welcome_length_up_to" if conditional else "welcome_length"
        return f"{ui_text(key, lang, **figures)} {pick(q.answer_for, lang)}"
    return ui_text("welcome_size_up_to" if conditional else "welcome_size", lang, **figures)


def key_rows(keys: dict[str, str], lang: str) -> list[tuple[str, str]]:
    """Each key letter with what it does, in ``lang``."""
    return [(key, ui_text(f"key_{action}", lang)) for key, action in keys.items()]


def question_screen(
    q: Questionnaire,
    question: Question,
    number: int,
    total: int,
    answer: Answer | None,
    lang: str,
) -> Group:
    """One question: progress and principle, text, help, numbered options, the keys."""
    where = progress_line(q, question, number, total, lang)
    parts: list[RenderableType] = [Text(""), Text(where, style="bold cyan")]
    text = pick(question.text, lang)
    if question.grid is not None:  # a grid's row: its stem, then which row this is
        grid = question.grid
        parts.append(Text(pick(grid.text, lang)))
        text = ui_text("grid_row", lang, row=grid.row, rows=grid.rows, text=text)
    if question.required:
        text += ui_text("required", lang)
    parts.append(Text(text, style="bold"))
    if question.help:
        parts.append(Text(pick(question.help, lang), style="italic"))
    rows = options(q, question, lang)
    if rows:
        parts.append(numbered(rows))
    if is_given(answer) or (answer is not None and answer.note):
        current = ui_text("answer_now", lang, answer=describe_answer(q, question, answer, lang))
        if is_given(answer):
            current += ui_text("enter_keeps", lang)
        parts.append(Text(current, style="green"))
    if answer is not None and answer.note:
        parts.append(Text(ui_text("note_shown", lang, note=answer.note), style="green"))
    parts.append(Text(f"{how_to_answer(question, lang)}.", style="dim"))
    parts.append(KeyLine([ui_text("keys_heading", lang), *key_items(question, lang)]))
    return Group(*parts)


def progress_line(
    q: Questionnaire, question: Question, position: int, total: int, lang: str
) -> str:
    """'Question 5.1 · Sharing power (16 of 34)': the number in the structure, then progress."""
    principle = q.principle_of(question.id)
    return ui_text(
        "question_progress",
        lang,
        number=q.numbers()[question.id],
        part=pick(principle.title, lang) if principle else "",
        position=position,
        total=total,
    )


def progress_change(before: int, after: int, lang: str) -> str | None:
    """Why the number of questions changed after an answer, or None when it did not."""
    if after == before:
        return None
    count = abs(after - before)
    key = ("progress_more" if after > before else "progress_fewer") + (
        "_one" if count == 1 else "_many"
    )
    return ui_text(key, lang, count=count, total=after)


def question_by_number(q: Questionnaire, visible: list[Question], typed: str) -> str | None:
    """The id of the question that applies whose number ('5.1') or id was typed, if any."""
    numbers = q.numbers()
    for question in visible:
        if typed in (numbers[question.id], question.id.lower()):
            return question.id
    return None


def key_items(question: Question, lang: str) -> list[str]:
    """The keys this question offers; when it cannot be skipped, says it needs an answer."""
    keys = keys_for(question)
    items = [f"{k} {v}" for k, v in key_rows(keys, lang)]
    if "s" not in keys:
        items.append(ui_text("key_needs_answer", lang))
    return items


def help_screen(principle: Principle | None, question: Question, lang: str) -> Group:
    """The longer guidance for a question, and what its principle means."""
    parts: list[RenderableType] = []
    if question.guidance:
        parts.append(Text(pick(question.guidance, lang)))
    if principle is not None and principle.description:
        parts.append(Text(f"{pick(principle.title, lang)}: {pick(principle.description, lang)}"))
    if not parts:
        parts.append(Text(ui_text("no_more_help", lang)))
    return Group(Text(ui_text("more_help", lang), style="bold"), *parts)


def review_screen(
    q: Questionnaire, items: list[tuple[str, Question, str]], total: int, lang: str
) -> Group:
    """Skipped and unanswered questions, each by its number (5.1), and how to go back or finish.

    ``items`` are (number, question, state) with state 'skipped' or 'not_answered'.
    """
    parts: list[RenderableType] = [
        Text(""),
        Text(ui_text("review_heading", lang), style="bold cyan"),
    ]
    if not items:
        parts.append(Text(ui_text("review_all_answered", lang, total=total)))
    else:
        count = len(items)
        key = "review_open_one" if count == 1 else "review_open_many"
        parts.append(Text(ui_text(key, lang, count=count)))
        rows = [
            (n, ui_text("review_item", lang, state=ui_text(f"state_{state}", lang), text=text))
            for n, question, state in items
            if (text := pick(question.text, lang))
        ]
        parts.append(numbered(rows))
    example = items[0][0] if items else next(iter(q.numbers().values()))
    parts.append(Text(ui_text("review_help", lang, example=example), style="dim"))
    return Group(*parts)


@dataclass(frozen=True)
class Command:
    """A command to copy and paste: shown whole, never wrapped or cut."""

    text: str

    def __rich__(self) -> Text:
        """The command in bold."""
        return Text(self.text, style="bold")


def end_screen(scored: Scored, lang: str) -> list[RenderableType]:
    """The score table, top strengths and priorities, and how to make the report."""
    q = scored.loaded.questionnaire
    titles = {p.id: pick(p.title, lang) for p in q.principles}
    scores = scored.scores
    have = [p for p in scores.principles if p.score is not None]
    parts: list[RenderableType] = [Text(""), score_table(scored, lang)]
    if len(have) >= 2:
        # never list the same principle as both a strength and a priority
        count = min(3, len(have) // 2)
        strengths = scores.strengths(count)
        taken = {p.id for p in strengths}
        priorities = [p for p in scores.priorities(len(have)) if p.id not in taken][:count]
        for heading, items in (("strengths", strengths), ("priorities", priorities)):
            parts.append(Text(f"\n{ui_text(heading, lang)}", style="bold"))
            for i, p in enumerate(items, 1):
                parts.append(Text(f"{i}. {titles[p.id]} ({fmt(p.score, lang)})"))
    path = shlex.quote(str(scored.path))
    parts.append(Text("\n" + ui_text("answers_saved", lang, path=scored.path)))
    parts.append(Text(ui_text("make_report", lang)))
    parts.append(Command(f"  {coprod_command()} report {path}"))
    return parts


# --- the terminal ---------------------------------------------------------------


class ConsoleUI:
    """The real terminal: screens on stdout, messages on stderr, one line read per answer.

    When input is piped, each line read is echoed after its prompt so that a
    transcript reads like the screen would.
    """

    def __init__(
        self,
        out: Console | None = None,
        err: Console | None = None,
        read: Callable[[], str] | None = None,
        interactive: bool | None = None,
    ) -> None:
        self.out = out or safe_console(highlight=False)
        self.err = err or safe_console(stderr=True, highlight=False)
        self.interactive = sys.stdin.isatty() if interactive is None else interactive
        self._read = read or sys.stdin.readline
        # a terminal gets input(): line editing, and the terminal echoes what is typed
        self._terminal = self.interactive and read is None
        self._piped = not self.interactive and read is None
        if self._terminal:
            try:
                import readline  # noqa: F401 - line editing (arrows, history) for input()
            except ImportError:  # pragma: no cover - not on every platform
                pass

    @property
    def piped(self) -> bool:
        """True when stdin is a pipe or a file (not a terminal, nor a test's typed lines)."""
        return self._piped

    def show(self, renderable: RenderableType) -> None:
        """Print part of a screen."""
        self.out.print(renderable, soft_wrap=isinstance(renderable, Command))

    def tell(self, text: str | Command, style: str = "") -> None:
        """Print a short message, or a command to copy, on stderr."""
        if isinstance(text, Command):
            self.err.print(text, soft_wrap=True)
        else:
            self.err.print(Text(text, style=style))

    def ask(self, prompt: str) -> str:
        """Read one line; EOFError at the end of input."""
        if self._terminal:
            try:
                return self.out.input(Text(prompt, style="bold"))
            except (EOFError, KeyboardInterrupt):
                self.out.print()  # Ctrl-D or Ctrl-C leave the cursor after the prompt
                raise
        self.out.print(Text(prompt, style="bold"), end="")
        line = self._read()
        if not line:
            self.out.print()
            raise EOFError
        self.out.print(Text(line.rstrip("\r\n")), highlight=False)
        return line.rstrip("\r\n")


def not_saved(exc: OutputError, path: Path, earlier: int) -> OutputError:
    """A failed save, saying what is safe in the file and the command to carry on."""
    resume = f"{coprod_command()} assess --resume {shlex.quote(str(path))}"
    if not path.exists():
        return OutputError(exc.message, exc.hint or "Pick a folder you can write to with --out.")
    answers = "answer is" if earlier == 1 else "answers are"
    return OutputError(
        f"{exc.message} Your {earlier} earlier {answers} saved in {path}; "
        "only the last one was not.",
        f"Free some space (or fix the folder), then carry on with: {resume}",
    )


def details_not_asked(r: Respondent, lang: str = "en") -> str | None:
    """With piped input: which details were not asked and where to give them; None if none."""
    names = ("organisation", "service", "role", "perspective")
    missing = [f"--{name}" for name in names if getattr(r, name) is None]
    return ui_text("details_not_asked", lang, options=" ".join(missing)) if missing else None


def details_screen(lang: str = "en") -> Text:
    """The heading before the respondent details."""
    return Text("\n" + ui_text("details_heading", lang), style="bold")


def perspective_screen(lang: str = "en") -> Table:
    """The numbered perspectives."""
    return numbered(
        [(str(i), perspective_label(pid, lang)) for i, pid in enumerate(PERSPECTIVES, 1)]
    )
