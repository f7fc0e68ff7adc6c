"""Read one answer-sheet cell as an answer to one question, or say exactly why it cannot be read.

A cell becomes a :class:`Cell` (an answer, not applicable or don't know), ``None``
(blank) or a :class:`BadCell` carrying the reason and how to fix it. Each question
has a :class:`CellReader` that remembers every distinct spelling it has seen, so a
sheet of 100,000 rows costs one parse per distinct value, not per cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from operator import itemgetter
from typing import Any, NamedTuple, overload

from coprod.model import Question, Questionnaire, Status
from coprod.responses.reading import Refusal, read_answer


class Cell(NamedTuple):
    """A readable answer: its status and, when answered, its value (hashable: lists are tuples)."""

    status: str  # a Status value; plain text so that hashing 100,000s of cells stays cheap
    value: Any


class BadCell(NamedTuple):
    """A cell that could not be read: what it said, why, and how to fix it."""

    text: str
    reason: str
    hint: str


Parsed = Cell | BadCell | None

ANSWERED = Status.answered.value
NOT_APPLICABLE_CELL = Cell(Status.not_applicable.value, None)
DONT_KNOW_CELL = Cell(Status.dont_know.value, None)

#: Dates with slashes, dots or dashes, in any order of day, month and year (parse_timestamp).
_SLASHED = re.compile(
    r"^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})"
    r"(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:\s*([AaPp])\.?[Mm]\.?)?)?$"
)
_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")
#: Day 0 of Excel's date serials (1900 system, as Excel and Microsoft Forms write them).
_EXCEL_EPOCH = datetime(1899, 12, 30)


def parse_timestamp(text: str) -> str | None:
    """A form tool's date and time as ISO 8601: '' when blank, None when it cannot be read.

    Read as: ISO 8601 (``2026-03-04T10:01:12``, an offset kept); year first
    (``2026/03/04 10:01:12``); **day first** when the year has four digits and there
    is no AM/PM, as Google Forms and Excel write dates in the UK (``04/03/2026
    10:01:12``); **month first** when there is AM/PM or a two-digit year, as
    Microsoft Forms writes them (``3/4/26 10:01:12 AM``); an Excel date serial
    (``46085.42``, a cell formatted as a number).
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
        return None
    a, b, c, hour, minute, second, half = match.groups()
    if len(a) == 4:
        year, month, day = a, b, c
    elif len(c) == 4 and not half:
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
        return when.replace(hour=h, minute=int(minute), second=int(second or 0)).isoformat()
    except ValueError:
        return None


def parse_cell(q: Questionnaire, question: Question, raw: str) -> Parsed:
    """One cell as an answer to ``question``: a Cell, None when blank, or a BadCell saying why.

    The reading itself is :func:`coprod.responses.reading.read_answer`, the same reader as
    typed answers and answers files use, so a cell takes what the prompt takes.
    """
    reading = read_answer(q, question, raw)
    if reading is None:
        return None
    if isinstance(reading, Refusal):
        return BadCell(reading.text, reading.reason, f"Use {reading.allowed}, or leave it blank.")
    if reading.status == Status.not_applicable:
        return NOT_APPLICABLE_CELL
    if reading.status == Status.dont_know:
        return DONT_KNOW_CELL
    value = reading.value
    return Cell(ANSWERED, tuple(value) if isinstance(value, list) else value)


class CellReader(dict[str, int]):
    """Reads one question's cells as small int codes, parsing each distinct spelling once.

    ``reader[text]`` is the code of a cell's raw text and ``reader.table[code]`` its
    :data:`Parsed` value. Blank cells are always code 0, so "is this row empty?" and
    "how often was each answer given?" are questions about ints.
    """

    def __init__(self, q: Questionnaire, question: Question) -> None:
        super().__init__()
        self.q = q
        self.question = question
        self.table: list[Parsed] = [None]
        self.by_value: dict[Any, int] = {}
        self[""] = 0

    def __missing__(self, raw: str) -> int:
        parsed = parse_cell(self.q, self.question, raw)
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
