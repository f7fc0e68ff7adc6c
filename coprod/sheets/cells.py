"""Read one answer-sheet cell as an answer to one question, or say exactly why it cannot be read.

A cell becomes a :class:`Cell` (an answer, not applicable or don't know), ``None``
(blank) or a :class:`BadCell` carrying the reason and how to fix it. Each question
has a :class:`CellReader` that remembers every distinct spelling it has seen, so a
sheet of 100,000 rows costs one parse per distinct value, not per cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timedelta, timezone
from operator import itemgetter
from typing import Any, NamedTuple, overload

from coprod.i18n.words import (
    BLANK,
    DONT_KNOW_SPELLINGS,
    NO_SPELLINGS,
    NOT_APPLICABLE_SPELLINGS,
    YES_SPELLINGS,
    normalise,
)
from coprod.model import (
    Answer,
    MultipleChoiceQuestion,
    NumberQuestion,
    Question,
    Questionnaire,
    ScaleQuestion,
    SingleChoiceQuestion,
    Status,
    TextQuestion,
    YesNoQuestion,
    pick,
)
from coprod.responses.answers import value_problem


class Cell(NamedTuple):
    """A readable answer: its status, its value when answered (hashable: lists are tuples) and
    a note: the typed "Other" text of a multiple-choice cell, kept beside the ticked choices."""

    status: str  # a Status value; plain text so that hashing 100,000s of cells stays cheap
    value: Any
    note: str | None = None


class BadCell(NamedTuple):
    """A cell that could not be read: what it said, why, and how to fix it."""

    text: str
    reason: str
    hint: str


Parsed = Cell | BadCell | None

ANSWERED = Status.answered.value
NOT_APPLICABLE_CELL = Cell(Status.not_applicable.value, None)
DONT_KNOW_CELL = Cell(Status.dont_know.value, None)

_LEVEL = re.compile(r"^\(?\s*(-?\d+(?:[.,]\d+)?)\s*\)?\s*(?:[-–—:.)=]\s*|\s+)?(.*)$")
_NUMBER = re.compile(
    r"^(?:about|approx\.?|around|c\.|~)?\s*(-?\d{1,3}(?:,\d{3})+|-?\d+)(\.\d+)?\s*(.*)$"
)


#: Dates with slashes, dots or dashes, in any order of day, month and year (parse_timestamp);
#: Google Forms adds AM/PM and its zone ("2026/01/10 10:04:40 AM GMT+1").
_SLASHED = re.compile(
    r"^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})"
    r"(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:\s*([AaPp])\.?[Mm]\.?)?)?"
    r"(?:\s*(?:GMT|UTC|Z)([+-]\d{1,2}(?::?\d{2})?)?)?$"
)
_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")
#: Month names, as Jotform and some Excel formats write them ("Jan 10, 2026", "10 Jan 2026").
_NAMED = ("%b %d, %Y", "%B %d, %Y", "%d %b %Y", "%d %B %Y", "%b %d, %Y %H:%M", "%d %b %Y %H:%M")
#: Day 0 of Excel's date serials (1900 system, as Excel and Microsoft Forms write them).
_EXCEL_EPOCH = datetime(1899, 12, 30)
DAY_FIRST, MONTH_FIRST = "dmy", "mdy"


def date_parts(text: str) -> tuple[int, int] | None:
    """The first two numbers of a day/month date ('10/09/2024' -> (10, 9)); None otherwise."""
    match = _SLASHED.match(text.strip())
    if match is None or len(match.group(1)) == 4:
        return None
    return int(match.group(1)), int(match.group(2))


def decide_date_order(texts: Iterable[str]) -> tuple[str, bool]:
    """(order, settled) for one column's dates: a first number over 12 means day first, a
    second number over 12 month first; ("", True) when no date needs the choice."""
    firsts = seconds = False
    needs = False
    for text in texts:
        parts = date_parts(text)
        if parts is None:
            continue
        needs = True
        firsts |= parts[0] > 12
        seconds |= parts[1] > 12
    if not needs:
        return "", True
    if firsts and not seconds:
        return DAY_FIRST, True
    if seconds and not firsts:
        return MONTH_FIRST, True
    return "", False


def parse_timestamp(text: str, order: str = "") -> str | None:
    """A form tool's date and time as ISO 8601: '' when blank, None when it cannot be read.

    Read as: ISO 8601 (``2026-03-04T10:01:12``, an offset kept); year first
    (``2026/03/04 10:01:12``, ``2026/01/10 10:04:40 AM GMT`` as Google Forms writes
    it); day and month in ``order`` (``dmy`` or ``mdy``, decided per column by
    :func:`decide_date_order`), or when not given **day first** when the year has four
    digits and there is no AM/PM (UK), **month first** otherwise (US); an Excel date
    serial (``46085.42``); month names (``Jan 10, 2026``).
    """
    text = text.strip()
    if not text:
        return ""
    try:
        stamp = datetime.fromisoformat(text)
        return stamp.date().isoformat() if len(text) == 10 else stamp.isoformat()
    except ValueError:
        pass
    if _SERIAL.match(text):
        seconds = round(float(text) * 86400)
        return (_EXCEL_EPOCH + timedelta(seconds=seconds)).isoformat()
    match = _SLASHED.match(text)
    if match is None:
        return _named_date(text)
    a, b, c, hour, minute, second, half, offset = match.groups()
    if len(a) == 4:
        year, month, day = a, b, c
    elif order == DAY_FIRST or (not order and len(c) == 4 and not half):
        day, month, year = a, b, c
    else:
        month, day, year = a, b, c
    if len(year) not in (2, 4):
        return None
    try:
        when = datetime(int(year) + (2000 if len(year) == 2 else 0), int(month), int(day))
        if hour is None:
            return when.date().isoformat()
        h = int(hour)
        if half:
            if not 1 <= h <= 12:
                return None
            h = h % 12 + (12 if half in "Pp" else 0)
        when = when.replace(hour=h, minute=int(minute), second=int(second or 0))
        zone = "GMT" in text.upper() or "UTC" in text.upper() or text.upper().endswith("Z")
        if offset or zone:
            when = when.replace(tzinfo=_zone(offset or "+0"))
        return when.isoformat()
    except ValueError:
        return None


def _zone(offset: str) -> timezone:
    sign = -1 if offset.startswith("-") else 1
    digits = offset[1:].replace(":", "")
    hours, minutes = (digits[:-2], digits[-2:]) if len(digits) > 2 else (digits, "0")
    return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))


def _named_date(text: str) -> str | None:
    for pattern in _NAMED:
        try:
            stamp = datetime.strptime(text, pattern)
        except ValueError:
            continue
        return stamp.date().isoformat() if "%H" not in pattern else stamp.isoformat()
    return None


def code_key(text: str) -> str:
    """How a --map file's code is compared with a cell: case and spaces aside, signs kept."""
    return " ".join(str(text).split()).casefold()


def allowed_answers(q: Questionnaire, question: Question, lang: str = "en") -> str:
    """The answers a question takes, in words for a hint or a template (e.g. '1 Not yet, ...')."""
    extra = []
    if question.not_applicable and not isinstance(question, TextQuestion):
        extra.append("N/A")
    if question.dont_know and not isinstance(question, TextQuestion):
        extra.append("Don't know")
    if isinstance(question, ScaleQuestion):
        levels = q.scales[question.scale].levels
        main = [f"{lv.value} {pick(lv.label, lang)}" for lv in levels]
    elif isinstance(question, YesNoQuestion):
        main = ["Yes", "No"]
    elif isinstance(question, NumberQuestion):
        bounds = []
        if question.min is not None:
            bounds.append(f"at least {question.min:g}")
        if question.max is not None:
            bounds.append(f"at most {question.max:g}")
        kind = "a whole number" if question.integer else "a number"
        main = [kind + (f" ({' and '.join(bounds)})" if bounds else "")]
    elif isinstance(question, SingleChoiceQuestion):
        main = [pick(c.label, lang) for c in question.choices]
    elif isinstance(question, MultipleChoiceQuestion):
        labels = "; ".join(pick(c.label, lang) for c in question.choices)
        main = [f"any of: {labels} (separate them with ';')"]
    else:
        main = ["any text"]
    return (
        "; ".join(main + extra)
        if isinstance(question, MultipleChoiceQuestion)
        else ", ".join(main + extra)
    )


def parse_cell(q: Questionnaire, question: Question, raw: str) -> Parsed:
    """One cell as an answer to ``question``: a Cell, None when blank, or a BadCell saying why."""
    if isinstance(question, MultipleChoiceQuestion) and "\n" in str(raw):
        raw = ";".join(str(raw).splitlines())  # Jotform: one ticked choice per line
    text = " ".join(str(raw).split())
    if text in BLANK:
        return None
    if isinstance(question, TextQuestion):
        return Cell(ANSWERED, text)
    key = normalise(text)
    if key in NOT_APPLICABLE_SPELLINGS:
        if not question.not_applicable:
            return _bad(
                q, question, text, "is not allowed: this question has no 'not applicable' answer"
            )
        return NOT_APPLICABLE_CELL
    if key in DONT_KNOW_SPELLINGS:
        if not question.dont_know:
            return _bad(
                q, question, text, "is not allowed: this question has no 'don't know' answer"
            )
        return DONT_KNOW_CELL
    if isinstance(question, ScaleQuestion):
        return _parse_level(q, question, text)
    if isinstance(question, YesNoQuestion):
        if key in YES_SPELLINGS:
            return Cell(ANSWERED, "yes")
        if key in NO_SPELLINGS:
            return Cell(ANSWERED, "no")
        return _bad(q, question, text, "is not yes or no")
    if isinstance(question, NumberQuestion):
        return _parse_number(q, question, text)
    if isinstance(question, SingleChoiceQuestion):
        choice = _choice_lookup(question).get(key)
        if choice is None:
            return _bad(q, question, text, "is not one of the choices")
        return Cell(ANSWERED, choice)
    return _parse_choices(q, question, text)


class CellReader(dict[str, int]):
    """Reads one question's cells as small int codes, parsing each distinct spelling once.

    ``reader[text]`` is the code of a cell's raw text and ``reader.table[code]`` its
    :data:`Parsed` value. Blank cells are always code 0, so "is this row empty?" and
    "how often was each answer given?" are questions about ints.
    """

    def __init__(
        self, q: Questionnaire, question: Question, recode: dict[str, str] | None = None
    ) -> None:
        super().__init__()
        self.q = q
        self.question = question
        # A --map file's codes for this question (LimeSurvey's A1, Qualtrics' 1 = yes), read
        # before the cell: keys compared after normalise.
        self.recode = recode or {}
        self.table: list[Parsed] = [None]
        self.by_value: dict[Any, int] = {}
        self[""] = 0

    def __missing__(self, raw: str) -> int:
        text = raw
        if self.recode:
            text = self.recode.get(code_key(raw), raw)
            if text is raw and isinstance(self.question, MultipleChoiceQuestion):
                parts = [p.strip() for p in _SPLIT.split(raw) if p.strip()]
                text = ";".join(self.recode.get(code_key(p), p) for p in parts)
        parsed = parse_cell(self.q, self.question, text)
        code = 0
        if parsed is not None:
            # Spellings of one answer ("3", "3 - Growing", "Growing") share a code; the
            # value's type and repr are in the key so that 1, 1.0 and -0.0 stay apart.
            value = parsed.value if isinstance(parsed, Cell) else None
            key = (parsed, type(value), repr(value))
            code = self.by_value.setdefault(key, len(self.table))
            if code == len(self.table):
                self.table.append(parsed)
        self[raw] = code
        return code

    def column(self, codes: list[int]) -> Column:
        """The parsed cells for these codes, as a :class:`Column`."""
        return Column(codes, self.table)


class Column(Sequence[Parsed]):
    """One question's parsed cells in row order, held as ``codes`` into ``table``.

    It reads as a sequence of :data:`Parsed` (``column[i]``, iteration, ``list(column)``)
    without a list of 100,000 entries being built; the batch scorer and the group
    counts use the codes instead, so that each distinct cell is worked on once.
    """

    def __init__(self, codes: list[int], table: list[Parsed]) -> None:
        self.codes = codes
        self.table = table

    def __len__(self) -> int:
        return len(self.codes)

    @overload
    def __getitem__(self, index: int) -> Parsed: ...

    @overload
    def __getitem__(self, index: slice) -> Column: ...

    def __getitem__(self, index: int | slice) -> Parsed | Column:
        if isinstance(index, slice):
            return Column(self.codes[index], self.table)
        return self.table[self.codes[index]]

    def __iter__(self) -> Iterator[Parsed]:
        return map(self.table.__getitem__, self.codes)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Column | list | tuple):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Column({list(self)!r})"

    def take(self, rows: Sequence[int]) -> Column:
        """The cells of these rows, in this order."""
        if len(rows) < 2:
            return Column([self.codes[i] for i in rows], self.table)
        return Column(list(itemgetter(*rows)(self.codes)), self.table)


def _bad(q: Questionnaire, question: Question, text: str, reason: str) -> BadCell:
    return BadCell(text, reason, f"Use {allowed_answers(q, question)}, or leave it blank.")


def _parse_level(q: Questionnaire, question: ScaleQuestion, text: str) -> Parsed:
    scale = q.scales[question.scale]
    by_label = {normalise(t): lv.value for lv in scale.levels for t in lv.label.values()}
    values = {lv.value for lv in scale.levels}
    label_value = _words_level(by_label, text)
    if label_value is not None:
        return Cell(ANSWERED, label_value)
    match = _LEVEL.match(text)
    if match is None:
        return _bad(q, question, text, "is not a level of this scale")
    number = float(match.group(1).replace(",", "."))
    rest = normalise(match.group(2))
    if number != int(number) or int(number) not in values:
        low, high = min(values), max(values)
        return _bad(q, question, text, f"is not a level of this scale ({low} to {high})")
    value = int(number)
    # Words after the number must be that level's label ("3 - Growing"), in any language
    # or in both ("3 - Yn tyfu / Growing"); anything else ("2-3", "3 or 4") is reported.
    if not rest or _words_level(by_label, match.group(2)) == value:
        return Cell(ANSWERED, value)
    label = pick(scale.level(value).label if scale.level(value) else None, "en")  # type: ignore[union-attr]
    if rest in by_label:
        reason = f"has the number {value} ({label}) but the words of level {by_label[rest]}"
    elif any(ch.isdigit() for ch in rest):
        reason = "holds more than one number; choose one level"
    else:
        reason = f"has words after the number {value} that are not its label ({label})"
    return _bad(q, question, text, reason)


def _words_level(by_label: dict[str, int], text: str) -> int | None:
    """The level whose label the text is, in one language or as 'Welsh / English'."""
    found = by_label.get(normalise(text))
    if found is not None or "/" not in text:
        return found
    levels = {by_label.get(normalise(part)) for part in text.split("/")}
    return levels.pop() if len(levels) == 1 else None


def _parse_number(q: Questionnaire, question: NumberQuestion, text: str) -> Parsed:
    match = _NUMBER.match(text)
    units = {normalise(u) for u in (question.unit or {}).values()}
    if match is None or (normalise(match.group(3)) and normalise(match.group(3)) not in units):
        return _bad(q, question, text, "is not a number")
    whole = match.group(1).replace(",", "")
    number: int | float = float(whole + match.group(2)) if match.group(2) else int(whole)
    if question.integer and isinstance(number, float):
        if number != int(number):
            return _bad(q, question, text, "is not a whole number")
        number = int(number)
    reason = value_problem(q, question, Answer(value=number))
    if reason:
        return _bad(q, question, text, reason.removeprefix(f"{number} ").rstrip("."))
    return Cell(ANSWERED, number)


def _choice_lookup(question: SingleChoiceQuestion | MultipleChoiceQuestion) -> dict[str, str]:
    table: dict[str, str] = {}
    for choice in question.choices:
        table[normalise(choice.id)] = choice.id
        for label in choice.label.values():
            table[normalise(label)] = choice.id
    return table


def _parse_choices(q: Questionnaire, question: MultipleChoiceQuestion, text: str) -> Parsed:
    """Choices joined by ';' (Microsoft Forms, with a trailing one), ', ' (Google Forms, even
    when labels hold commas), ',' (Qualtrics) or spaces (KoboToolbox codes).

    Whatever is not a choice is the typed "Other" text: it becomes the cell's note, and the
    ticked choices still count. A cell with no choice and no text is a problem.
    """
    lookup = _choice_lookup(question)
    chosen: list[str] = []
    words = text.split()
    if all(normalise(w) in lookup for w in words) and not any(s in text for s in ",;|"):
        chosen = [lookup[normalise(w)] for w in words]
        others: list[str] = []
    else:
        chosen, others = _segments(lookup, text)
    others = [o for o in others if not is_other_word(o)]
    note = ", ".join(others) or None
    if not chosen and not note:
        return _bad(q, question, text, "is not one of the choices")
    order = [c.id for c in question.choices]
    return Cell(ANSWERED, tuple(c for c in order if c in set(chosen)), note)


def is_other_word(text: str) -> bool:
    """Whether a cell part is just the word for the "Other" choice (its text is elsewhere)."""
    return normalise(text) in ("other", "arall", "other please specify")


def _segments(lookup: dict[str, str], text: str) -> tuple[list[str], list[str]]:
    """(choice ids, other parts): separators split the text, and neighbouring parts are
    joined again where a label holds a comma itself (the longest label wins)."""
    parts = [p.strip() for p in _SPLIT.split(text)]
    parts = [p for p in parts if p]
    chosen: list[str] = []
    others: list[str] = []
    i = 0
    while i < len(parts):
        for j in range(len(parts), i, -1):
            key = normalise(", ".join(parts[i:j]))
            if key in lookup:
                chosen.append(lookup[key])
                i = j
                break
        else:
            others.append(parts[i])
            i += 1
    return chosen, others


_SPLIT = re.compile(r"[;,\n|]")
