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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coprod.responses import atomic_write

Value = str | int | float | bool | None
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Value) -> Value:
    """A cell value that cannot run as a spreadsheet formula (text gets a leading apostrophe)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


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
