"""Write tables as CSV, XLSX and JSON: atomically, and safe to open in a spreadsheet.

A text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
could run as a formula when a CSV or XLSX file is opened (formula injection), so
it is written with a leading apostrophe, which spreadsheets show as plain text.
Numbers are left as numbers.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from operator import is_
from pathlib import Path
from typing import Any

from coprod.files.atomic import atomic_write

Value = str | int | float | bool | None
#: A column as codes into a table of its distinct values (``table[codes[i]]`` is row i's).
CodedColumn = tuple[Sequence[int], Sequence[Value]]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Value) -> Value:
    """A cell value that cannot run as a spreadsheet formula (text gets a leading apostrophe)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def cell_texts(texts: Sequence[str], safe: bool = True) -> list[Value]:
    """Text cells as written: stripped, None when empty, and (``safe``) neutralised.

    JSON is not opened by spreadsheets, so it gets the text as given (``safe=False``).
    """
    stripped = list(map(str.strip, texts))
    if safe:
        starts = map(str.startswith, stripped, repeat(FORMULA_STARTS))
        for i in compress(range(len(stripped)), starts):
            stripped[i] = "'" + stripped[i]
    return [t or None for t in stripped]


@dataclass(frozen=True)
class Sheet:
    """A named table: header and rows."""

    name: str
    header: Sequence[str]
    rows: Iterable[Sequence[Value]]


def csv_text(
    header: Sequence[str], rows: Iterable[Sequence[Value]], neutralised: bool = False
) -> str:
    """The table as CSV text, every text cell neutralised (``neutralised``: the caller did it)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in header])
    if neutralised:
        writer.writerows(rows)
    else:
        writer.writerows([neutralise(v) for v in row] for row in rows)
    return buffer.getvalue()


def write_csv(
    path: Path, header: Sequence[str], rows: Iterable[Sequence[Value]], neutralised: bool = False
) -> None:
    """Write a CSV file atomically, with a byte order mark so Excel reads it as UTF-8."""
    atomic_write(path, ("\ufeff" + csv_text(header, rows, neutralised)).encode("utf-8"))


#: What makes the csv module quote a field (QUOTE_MINIMAL, "," delimiter, "\r\n" lines).
_NEEDS_QUOTES = re.compile('[,"\r\n]').search


def _field_texts(values: Sequence[Value]) -> list[str]:
    """Each value as the csv module writes it in a row of several fields."""
    texts = list(map(str, values))
    for i in compress(range(len(texts)), map(is_, values, repeat(None))):
        texts[i] = ""  # the csv module writes None as nothing, not "None"
    if _NEEDS_QUOTES("".join(texts)):
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        for i in [i for i, text in enumerate(texts) if _NEEDS_QUOTES(text)]:
            buffer.seek(0)
            buffer.truncate()
            writer.writerow((texts[i], ""))
            texts[i] = buffer.getvalue()[: -len(",\r\n")]
    return texts


def csv_columns_text(header: Sequence[str], columns: Sequence[CodedColumn]) -> str:
    """The same text as :func:`csv_text` for a table given column by column, as coded columns.

    Each distinct value of a column is turned into CSV text once and rows are joined
    from those texts, which for 100,000 rows is several times faster than csv.writer
    formatting every cell. Values are written as given (neutralise text beforehand).
    """
    if len(columns) < 2:  # csv.writer quotes a row of one empty field; let it decide
        rows = zip(*(map(table.__getitem__, codes) for codes, table in columns), strict=True)
        return csv_text(header, rows, neutralised=True)
    # Neighbouring columns with the same codes (e.g. overall, band, coverage) are
    # joined once per distinct value rather than once per row.
    merged: list[tuple[Sequence[int], list[str]]] = []
    for codes, table in columns:
        texts = _field_texts(table)
        if merged and merged[-1][0] is codes:
            texts = list(map(",".join, zip(merged[-1][1], texts, strict=True)))
            merged[-1] = (codes, texts)
        else:
            merged.append((codes, texts))
    cells = [map(texts.__getitem__, codes) for codes, texts in merged]
    body = "\r\n".join(map(",".join, zip(*cells, strict=True)))
    return csv_text(header, []) + body + "\r\n" if body else csv_text(header, [])


def write_csv_columns(path: Path, header: Sequence[str], columns: Sequence[CodedColumn]) -> None:
    """Write coded columns as :func:`write_csv` would write their rows (text neutralised)."""
    atomic_write(path, ("\ufeff" + csv_columns_text(header, columns)).encode("utf-8"))


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """An XLSX workbook, one worksheet per table; text cells neutralised and stored as text."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for sheet in sheets:
        ws = book.create_sheet(title=_sheet_title(sheet.name))
        ws.freeze_panes = "A2"
        head = []
        for text in sheet.header:
            cell = WriteOnlyCell(ws, value=neutralise(text))
            cell.font = bold
            head.append(cell)
        ws.append(head)
        for row in sheet.rows:
            cells: list[Any] = []
            for value in row:
                if isinstance(value, str):
                    cell = WriteOnlyCell(ws, value=neutralise(value))
                    cell.data_type = "s"  # never a formula, whatever it starts with
                    cells.append(cell)
                else:
                    cells.append(value)
            ws.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_title(name: str) -> str:
    bad = "[]:*?/\\"
    return "".join("_" if c in bad else c for c in name)[:31] or "Sheet"


def write_xlsx(path: Path, sheets: Sequence[Sheet]) -> None:
    """Write an XLSX workbook atomically."""
    atomic_write(path, xlsx_bytes(sheets))


def write_json(path: Path, data: Any) -> None:
    """Write JSON atomically (UTF-8, indented)."""
    atomic_write(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
