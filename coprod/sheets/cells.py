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

from coprod.i18n.words import normalise
from coprod.model import MultipleChoiceQuestion, Question, Questionnaire, Status
from coprod.responses.reading import Refusal, choice_lookup, read_answer


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


def parse_cell(q: Questionnaire, question: Question, raw: str) -> Parsed:
    """One cell as an answer to ``question``: a Cell, None when blank, or a BadCell saying why.

    The reading itself is :func:`coprod.responses.reading.read_answer`, the same reader as
    typed answers and answers files use, so a cell takes what the prompt takes. A sheet
    adds one thing: in a multiple-choice cell, text that is not a choice is the typed
    "Other" answer, kept as the note while the ticked choices still count.
    """
    if isinstance(question, MultipleChoiceQuestion) and "\n" in str(raw):
        raw = ";".join(str(raw).splitlines())  # Jotform: one ticked choice per line
    reading = read_answer(q, question, raw)
    if reading is None:
        return None
    if isinstance(reading, Refusal):
        if isinstance(question, MultipleChoiceQuestion):
            with_other = _choices_with_other(question, " ".join(str(raw).split()))
            if with_other is not None:
                return with_other
        return BadCell(reading.text, reading.reason, f"Use {reading.allowed}, or leave it blank.")
    if reading.status == Status.not_applicable:
        return NOT_APPLICABLE_CELL
    if reading.status == Status.dont_know:
        return DONT_KNOW_CELL
    value = reading.value
    return Cell(ANSWERED, tuple(value) if isinstance(value, list) else value)


def _choices_with_other(question: MultipleChoiceQuestion, text: str) -> Cell | None:
    """The ticked choices, with what is not a choice as the "Other" note; None when the
    cell holds nothing but the word "Other"."""
    chosen, others = _segments(choice_lookup(question.choices), text)
    note = ", ".join(o for o in others if not is_other_word(o)) or None
    if not chosen and not note:
        return None
    picked = set(chosen)
    return Cell(ANSWERED, tuple(c.id for c in question.choices if c.id in picked), note)


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
