"""What one cell of an edited plan means: a date, a status, a type, a priority, a score.

Each reader returns the value, or raises :class:`CellError` with what is wrong and
how to fix it; :mod:`coprod.plan.read` adds the row and column. Words are compared
after :func:`coprod.i18n.words.normalise` (case, spaces, punctuation and curly
apostrophes never matter), in English and Welsh, and a bilingual cell
("done / wedi'i wneud") is read by its parts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date

from coprod.files.tables import FORMULA_STARTS
from coprod.i18n.words import MONTH_NAMES, PLAN_SPELLINGS, normalise
from coprod.report.labels import labels

_DAY_FIRST = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_WORDS = re.compile(
    r"^(\d{1,2})(?:st|nd|rd|th|af|il|ydd|ed|fed|ain)?\s+([^\W\d_]+)\.?,?\s+(\d{4})$"
)
#: Excel's day numbers for 1990 to 2100, which a date cell saved as a number becomes.
_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")


class CellError(ValueError):
    """Raised when a cell's value cannot be read; carries how to fix it."""

    def __init__(self, message: str, hint: str, severity: str = "error") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.severity = severity


def cell_text(value: str) -> str:
    """A cell as people typed it: stripped, without the apostrophe coprod adds before '=' etc."""
    text = value.strip()
    if text.startswith("'") and text[1:2] in FORMULA_STARTS and text[1:2]:
        return text[1:]
    return text


def word_table(keys: Iterable[str]) -> dict[str, str]:
    """Every accepted spelling (normalised) -> its key: coprod's labels in each language,
    and the other spellings in :data:`coprod.i18n.words.PLAN_SPELLINGS`."""
    table: dict[str, str] = {}
    for key in keys:
        spellings = [labels(code, "plan")[key] for code in ("en", "cy")]
        spellings += PLAN_SPELLINGS.get(key, ())
        for spelling in spellings:
            table[normalise(spelling)] = key
    return table


def read_word(text: str, table: Mapping[str, str]) -> str | None:
    """The key a word means, or None; a bilingual cell is read by its parts ('a / b', two lines)."""
    whole = table.get(normalise(text))
    if whole is not None:
        return whole
    parts = {table.get(normalise(p)) for p in re.split(r"\s*/\s*|\n+", text) if p.strip()}
    parts.discard(None)
    return parts.pop() if len(parts) == 1 else None


def read_date(text: str) -> date:
    """A due date as typed or as a date cell: 2027-03-31, 31/03/2027, 31.3.27, 31 March 2027.

    Day first, as in the UK: 03/04/2027 is the 3rd of April.
    """
    hint = "Type the date day first, as 31/03/2027 or 2027-03-31, or use a date cell."
    iso = _ISO.match(text)
    try:
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        day_first = _DAY_FIRST.match(text)
        if day_first:
            year = int(day_first[3])
            year += 2000 if year < 100 else 0
            return date(year, int(day_first[2]), int(day_first[1]))
        worded = _WORDS.match(text)
        if worded:
            month = MONTH_NAMES.get(normalise(worded[2]))
            if month is None:
                raise CellError(f"'{worded[2]}' is not the name of a month", hint)
            return date(int(worded[3]), month, int(worded[1]))
    except ValueError as exc:
        if isinstance(exc, CellError):
            raise
        raise CellError("is not a date on the calendar (read day first)", hint) from None
    if _SERIAL.match(text):
        raise CellError("is a number, not a date (a date cell saved as plain text?)", hint)
    raise CellError("is not a date", hint)


def read_score(text: str, what: str) -> float:
    """A score from 0 to 100 ('50', '50.5', '50%', '50,5')."""
    cleaned = text.replace("%", "").replace(",", ".").strip()
    try:
        value = float(cleaned)
    except ValueError:
        raise CellError(
            f"is not a number; {what} is a score from 0 to 100",
            "Type a number such as 50, or leave it empty.",
        ) from None
    if not 0 <= value <= 100 or value != value:
        raise CellError(
            f"is outside 0 to 100; {what} is a score from 0 to 100",
            "Type a number from 0 to 100, or leave it empty.",
        )
    return round(value, 1)


def read_count(text: str) -> int:
    """How many people a baseline figure rests on: a whole number."""
    try:
        value = float(text)
    except ValueError:
        raise CellError(
            "is not a number of people", "Type a whole number, as coprod wrote it."
        ) from None
    if value < 0 or not value.is_integer():
        raise CellError(
            "is not a whole number of people", "Type a whole number, as coprod wrote it."
        )
    return int(value)
