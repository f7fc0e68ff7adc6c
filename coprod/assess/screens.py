"""What the person sees and types in ``coprod assess``: screens, keys, and reading typed lines.

Numbered prompts only (no arrow-key menus): they work with screen readers, over
SSH, in any terminal and with piped input. Screens are Rich renderables built
from plain text, so NO_COLOR and 60-column terminals stay readable. Every word
of coprod's own comes from :mod:`coprod.i18n.messages` in the session's language;
the key letters are the same in every language.
"""

from __future__ import annotations

import math
import re
import shlex
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from coprod.console import coprod_command, fmt, score_table
from coprod.i18n.messages import LANGUAGES, is_no, is_yes, ui_text
from coprod.model import (
    PERSPECTIVES,
    Answer,
    AnswerValue,
    MultipleChoiceQuestion,
    NumberQuestion,
    Principle,
    Question,
    Questionnaire,
    ScaleQuestion,
    SingleChoiceQuestion,
    Status,
    YesNoQuestion,
    pick,
)
from coprod.responses.answers import value_problem
from coprod.scoring.scored import Scored

#: Single-letter keys, in the order they are shown on screen, and what each does.
KEYS = {
    "?": "help",
    "n": "note",
    "b": "back",
    "s": "skip",
    "x": "not_applicable",
    "d": "dont_know",
    "q": "quit",
}

# Words typed instead of the x and d keys. "na" is Welsh for "no", so in a Welsh
# session it answers a yes/no question and never means "not applicable".
_NA_WORDS = {"n/a", "na", "not applicable", "amherthnasol", "ddim yn berthnasol", "d/b", "dd/b"}
_DK_WORDS = {"don't know", "dont know", "dk", "ddim yn gwybod", "dim yn gwybod", "wn i ddim"}


def is_given(answer: Answer | None) -> bool:
    """True when the person has dealt with the question: a value, N/A, don't know or a skip."""
    return answer is not None and (answer.status != Status.answered or answer.value is not None)


def perspective_label(pid: str, lang: str) -> str:
    """A perspective as the session names it, e.g. 'person with lived experience'."""
    return ui_text(f"perspective_{pid}", lang) if pid in PERSPECTIVES else pid


def perspective_id(text: str) -> str | None:
    """The perspective id for what someone typed ('lived experience', '2', 'gofalwr'), or None."""
    cleaned = text.strip().lower().replace(" ", "_").replace("-", "_")
    if cleaned.isascii() and cleaned.isdigit() and 1 <= int(cleaned) <= len(PERSPECTIVES):
        return PERSPECTIVES[int(cleaned) - 1]
    if cleaned in PERSPECTIVES:
        return cleaned
    for pid in PERSPECTIVES:
        for lang in LANGUAGES:
            if cleaned == perspective_label(pid, lang).lower().replace(" ", "_"):
                return pid
    return None


# --- reading what was typed -----------------------------------------------------


@dataclass(frozen=True)
class Action:
    """What one typed line means for the current question."""

    kind: str  # answer, keep, help, note, back, skip, not_applicable, dont_know, quit, invalid
    value: AnswerValue = None
    message: str = ""


def keys_for(question: Question) -> dict[str, str]:
    """The single-letter keys this question offers, in screen order, and what each does."""
    keys = dict(KEYS)
    if question.required:
        del keys["s"]
    if not question.not_applicable:
        del keys["x"]
    if not question.dont_know:
        del keys["d"]
    return keys


def options(q: Questionnaire, question: Question, lang: str) -> list[tuple[str, str]]:
    """The numbered options shown for a question: (what to type, what it means)."""
    if isinstance(question, ScaleQuestion):
        out = []
        for level in q.scales[question.scale].levels:
            label = pick(level.label, lang)
            if level.descriptor:
                label += f": {pick(level.descriptor, lang)}"
            out.append((str(level.value), label))
        return out
    if isinstance(question, YesNoQuestion):
        return [("1", ui_text("yes", lang)), ("2", ui_text("no", lang))]
    if isinstance(question, (SingleChoiceQuestion, MultipleChoiceQuestion)):
        out = [(str(i), pick(c.label, lang)) for i, c in enumerate(question.choices, 1)]
        if isinstance(question, MultipleChoiceQuestion):
            out.append(("0", ui_text("none_of_these", lang)))
        return out
    return []


def how_to_answer(question: Question, lang: str) -> str:
    """The hint before the keys, e.g. 'Type the number of your answer'."""
    if isinstance(question, ScaleQuestion | YesNoQuestion | SingleChoiceQuestion):
        return ui_text("how_number_of_answer", lang)
    if isinstance(question, MultipleChoiceQuestion):
        return ui_text("how_numbers_all", lang)
    if isinstance(question, NumberQuestion):
        unit = f" ({pick(question.unit, lang)})" if question.unit else ""
        limits = []
        if question.min is not None:
            limits.append(ui_text("at_least", lang, number=f"{question.min:g}"))
        if question.max is not None:
            limits.append(ui_text("at_most", lang, number=f"{question.max:g}"))
        kind = "how_whole_number" if question.integer else "how_number"
        joined = f" {ui_text('and', lang)} ".join(limits)
        return ui_text(kind, lang, unit=unit) + (f", {joined}" if limits else "")
    return ui_text("how_text", lang)


def parse_input(
    q: Questionnaire, question: Question, text: str, has_answer: bool, lang: str = "en"
) -> Action:
    """Turn one typed line into an action; invalid input says, in ``lang``, what to type instead."""
    typed = text.strip()
    lowered = " ".join(typed.lower().replace("’", "'").split())
    keys = keys_for(question)
    if not typed:
        if has_answer:
            return Action("keep")
        return Action(
            "invalid",
            message=ui_text("type_answer_or_skip" if "s" in keys else "needs_answer", lang),
        )
    if lowered in KEYS:
        if lowered not in keys:
            return Action("invalid", message=ui_text(f"cannot_{KEYS[lowered]}", lang))
        return Action(KEYS[lowered])
    welsh_no = lang == "cy" and isinstance(question, YesNoQuestion) and lowered == "na"
    if lowered in _NA_WORDS and "x" in keys and not welsh_no:
        return Action("not_applicable")
    if lowered in _DK_WORDS and "d" in keys:
        return Action("dont_know")
    value, message = _parse_value(q, question, typed, lang)
    if message:
        return Action("invalid", message=message)
    problem = value_problem(q, question, Answer(value=value))
    if problem:
        return Action("invalid", message=problem)
    return Action("answer", value)


def _parse_value(
    q: Questionnaire, question: Question, typed: str, lang: str
) -> tuple[AnswerValue, str]:
    if isinstance(question, ScaleQuestion):
        values = [lv.value for lv in q.scales[question.scale].levels]
        if typed.isascii() and typed.lstrip("-").isdigit() and int(typed) in values:
            return int(typed), ""
        return None, ui_text("type_one_of", lang, values=", ".join(map(str, values)))
    if isinstance(question, YesNoQuestion):
        if typed == "1" or is_yes(typed):
            return "yes", ""
        if typed == "2" or is_no(typed):
            return "no", ""
        return None, ui_text("type_yes_no", lang)
    if isinstance(question, NumberQuestion):
        return _number(question, typed, lang)
    if isinstance(question, SingleChoiceQuestion):
        index = _choice(question.choices, typed)
        if index is None:
            return None, ui_text("type_choice", lang, count=len(question.choices))
        return question.choices[index].id, ""
    if isinstance(question, MultipleChoiceQuestion):
        parts = [p for p in re.split(r"[,\s]+", typed) if p]
        if parts == ["0"]:
            return [], ""
        chosen: list[str] = []
        for part in parts:
            index = _choice(question.choices, part)
            if index is None:
                return None, ui_text("not_a_choice", lang, part=part, count=len(question.choices))
            if question.choices[index].id not in chosen:
                chosen.append(question.choices[index].id)
        return chosen, ""
    return typed, ""


def _number(question: NumberQuestion, typed: str, lang: str) -> tuple[AnswerValue, str]:
    try:
        number = float(typed.replace(",", ""))
    except ValueError:
        number = math.nan
    if not math.isfinite(number):  # 'nan', 'inf', '1e400' are not answers
        return None, ui_text("not_a_number", lang, typed=typed, how=how_to_answer(question, lang))
    if question.integer and number != int(number):
        return None, ui_text("type_whole_number", lang)
    shown = f"{number:g}"
    if question.min is not None and number < question.min:
        return None, ui_text("number_below", lang, value=shown, limit=f"{question.min:g}")
    if question.max is not None and number > question.max:
        return None, ui_text("number_above", lang, value=shown, limit=f"{question.max:g}")
    return (int(number) if question.integer else number), ""


def _choice(choices: list[Any], typed: str) -> int | None:
    if typed.isascii() and typed.isdigit() and 1 <= int(typed) <= len(choices):
        return int(typed) - 1
    ids = [c.id for c in choices]
    return ids.index(typed) if typed in ids else None


def describe_answer(q: Questionnaire, question: Question, answer: Answer | None, lang: str) -> str:
    """An answer as a person reads it: '3 Growing', 'not applicable', 'skipped'."""
    if answer is None or not is_given(answer):
        return ui_text("status_not_answered", lang)
    if answer.status != Status.answered:
        return ui_text(f"status_{answer.status.value}", lang)
    value = answer.value
    if isinstance(question, ScaleQuestion) and isinstance(value, int):
        level = q.scales[question.scale].level(value)
        return f"{value} {pick(level.label, lang)}" if level else str(value)
    if isinstance(question, (SingleChoiceQuestion, MultipleChoiceQuestion)):
        labels = {c.id: pick(c.label, lang) for c in question.choices}
        chosen = value if isinstance(value, list) else [value]
        return "; ".join(labels.get(str(v), str(v)) for v in chosen) or ui_text("status_none", lang)
    if isinstance(question, YesNoQuestion):
        word = str(value).strip().lower()
        return ui_text(word, lang) if word in ("yes", "no") else str(value)
    if isinstance(question, NumberQuestion) and question.unit:
        return f"{value} {pick(question.unit, lang)}"
    return str(value)


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
    minutes = max(5, round(len(q.questions) * 0.6 / 5) * 5)
    return Group(
        Text(pick(q.title, lang), style="bold"),
        Text(ui_text("welcome_intro", lang)),
        Text(
            ui_text(
                "welcome_size",
                lang,
                questions=len(q.questions),
                parts=len(q.principles),
                minutes=minutes,
            )
        ),
        Text(ui_text("welcome_saved", lang, path=path)),
        Text(ui_text("welcome_keys", lang)),
        numbered(key_rows(KEYS, lang)),
    )


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
    principle = q.principle_of(question.id)
    where = ui_text("question_progress", lang, number=number, total=total)
    if principle is not None:
        where += f" · {pick(principle.title, lang)}"
    parts: list[RenderableType] = [Text(""), Text(where, style="bold cyan")]
    text = pick(question.text, lang)
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
    keys = [f"{k} {v}" for k, v in key_rows(keys_for(question), lang)]
    parts.append(Text(f"{how_to_answer(question, lang)}.", style="dim"))
    parts.append(KeyLine([ui_text("keys_heading", lang), *keys]))
    return Group(*parts)


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
    q: Questionnaire, items: list[tuple[int, Question, str]], total: int, lang: str
) -> Group:
    """Skipped and unanswered questions, with how to go back to them or finish.

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
        parts.append(
            numbered(
                [
                    (str(n), f"{ui_text(f'status_{state}', lang)}: {pick(question.text, lang)}")
                    for n, question, state in items
                ]
            )
        )
    parts.append(Text(ui_text("review_help", lang, total=total), style="dim"))
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
        self.out = out or Console(highlight=False)
        self.err = err or Console(stderr=True, highlight=False)
        self.interactive = sys.stdin.isatty() if interactive is None else interactive
        self._read = read or sys.stdin.readline
        # a terminal gets input(): line editing, and the terminal echoes what is typed
        self._terminal = self.interactive and read is None
        if self._terminal:
            try:
                import readline  # noqa: F401 - line editing (arrows, history) for input()
            except ImportError:  # pragma: no cover - not on every platform
                pass

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


def details_screen(lang: str = "en") -> Text:
    """The heading before the respondent details."""
    return Text("\n" + ui_text("details_heading", lang), style="bold")


def perspective_screen(lang: str = "en") -> Table:
    """The numbered perspectives."""
    return numbered(
        [(str(i), perspective_label(pid, lang)) for i, pid in enumerate(PERSPECTIVES, 1)]
    )
