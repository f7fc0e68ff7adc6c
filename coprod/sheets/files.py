"""Answer-sheet files (CSV in any usual encoding and delimiter, XLSX/ODS) -> tables of text.

The first stage of :mod:`coprod.sheets.read`: bytes become rows of strings, streamed
for CSV so that a 100,000-row sheet never sits in memory as text all at once.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coprod.errors import InputFileError
from coprod.files.kinds import Kind, is_batch_folder, refuse_yaml_or_report, wrong_kind

XLSX_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
MAX_SHEET_BYTES = 500 * 1024 * 1024
#: A spreadsheet (a zip of XML) may unpack to at most this much, and any one sheet may
#: declare at most this many cells: past them it is refused before it is unpacked, in a
#: second, rather than filling the memory (docs/batch.md).
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024
MAX_CELLS = 20_000_000
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')
DELIMITERS = (",", ";", "\t")
#: How much of a CSV file is looked at to choose its delimiter.
SNIFF_CHARS = 64 * 1024
SNIFF_LINES = 20
#: How many of a header row's cells are questions (to prefer the delimiter that finds them).
HeaderScore = Callable[[list[str]], int]


@dataclass(frozen=True)
class Table:
    """One sheet as read: where it came from and its rows of text, header first."""

    source: str
    rows: Iterable[list[str]]
    first_row: int = 1
    encoding: str = ""


def read_tables(
    path: Path, label: str | None = None, header_score: HeaderScore | None = None
) -> list[Table]:
    """Read a CSV or spreadsheet file into tables of text (one per sheet).

    Tables are named by ``label`` (default: the file name); ``header_score`` helps
    choose a CSV file's delimiter when more than one splits it evenly.
    """
    name = label or path.name
    if not path.exists():
        raise InputFileError(f"{path}: no such file.", "Check the path and spelling.")
    if path.is_dir():
        if is_batch_folder(path):
            raise wrong_kind(path, Kind.batch_folder, Kind.answer_sheet.value)
        raise InputFileError(f"{path}: is a folder.", "Name the .csv or .xlsx file inside it.")
    refuse_yaml_or_report(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
        size = path.stat().st_size
    except OSError as exc:
        raise InputFileError(f"{path}: cannot be read ({exc.strerror}).") from None
    if size > MAX_SHEET_BYTES:
        raise InputFileError(f"{path}: too big ({size / 1e6:.0f} MB).", "Split it into parts.")
    if path.suffix.lower() in XLSX_SUFFIXES or head.startswith(b"PK\x03\x04"):
        if head.startswith(b"PK\x03\x04"):
            check_unpacked(path)
        return _read_workbook(path, name)
    return [_read_csv(path, name, header_score)]


def _sniff_encoding(path: Path) -> tuple[str, str]:
    """(Python codec, name for people): BOM first, then UTF-16 by its zero bytes, UTF-8, cp1252."""
    with path.open("rb") as handle:
        head = handle.read(4096)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", "UTF-8"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", "UTF-16"
    if head and head.count(b"\x00") > len(head) // 4:
        # UTF-16 without a byte order mark: the zero bytes sit on one side of each pair.
        even = head[0::2].count(b"\x00") > head[1::2].count(b"\x00")
        return ("utf-16-be" if even else "utf-16-le"), "UTF-16"
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252", "Windows-1252"
    return "utf-8", "UTF-8"


def _delimiter(sample: str, header_score: HeaderScore | None = None) -> str:
    """The delimiter that splits the first lines into the same number of fields.

    European Excel writes semicolons and keeps commas unquoted inside question
    texts, so counting characters in the header is not enough. Ties go to the
    delimiter whose header cells are questions, then to the one giving more fields.
    """
    best, best_key = ",", (-1.0, -1, -1)
    for d in DELIMITERS:
        try:
            rows = [r for r in csv.reader(io.StringIO(sample), delimiter=d) if "".join(r).strip()]
        except csv.Error:
            continue
        rows = rows[:SNIFF_LINES]
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        even = sum(len(r) == width for r in rows) / len(rows)
        matches = header_score(rows[0]) if header_score else 0
        key = (even, matches, width)
        if key > best_key:
            best, best_key = d, key
    return best


def _read_csv(path: Path, name: str, header_score: HeaderScore | None) -> Table:
    encoding, codec_name = _sniff_encoding(path)
    try:
        with path.open(encoding=encoding, errors="replace", newline="") as handle:
            sample = handle.read(SNIFF_CHARS)
            if len(sample) == SNIFF_CHARS:
                # Drop the last, probably cut, line (unless the sample is one long line).
                cut = sample.rfind("\n")
                sample = sample[:cut] if cut > 0 else sample
    except OSError as exc:
        raise InputFileError(f"{path}: cannot be read ({exc.strerror}).") from None
    rows = _csv_rows(path, encoding, _delimiter(sample, header_score))
    return Table(name, rows, encoding=codec_name)


def _csv_rows(path: Path, encoding: str, delimiter: str) -> Iterator[list[str]]:
    # Rows are streamed, so a 100,000-row sheet never sits in memory as text.
    with path.open(encoding=encoding, errors="replace", newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        try:
            yield from reader
        except csv.Error as exc:
            raise InputFileError(
                f"{path}, row {reader.line_num}: not a readable CSV file ({exc}).",
                "Open it in a spreadsheet and save it again as CSV.",
            ) from None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def check_unpacked(path: Path) -> None:
    """Refuse a spreadsheet that would unpack past MAX_UNPACKED_BYTES or whose sheets
    declare more than MAX_CELLS cells, from its zip directory alone (nothing unpacked)."""
    hint = "Delete the sheets and empty rows you do not need, or save the answers as CSV."
    try:
        with zipfile.ZipFile(path) as book:
            infos = book.infolist()
            total = sum(info.file_size for info in infos)
            if total > MAX_UNPACKED_BYTES:
                raise InputFileError(
                    f"{path}: unpacks to {total / 1e6:,.0f} MB, more than coprod reads "
                    f"({MAX_UNPACKED_BYTES / 1e6:,.0f} MB).",
                    hint,
                )
            for info in infos:
                if not info.filename.startswith("xl/worksheets/"):
                    continue
                with book.open(info) as sheet:
                    start = sheet.read(4096)
                found = _DIMENSION.search(start)
                if found is None or found.group(3) is None:
                    continue
                cols = _column_number(found.group(3).decode()) - _column_number(
                    found.group(1).decode()
                )
                cells = (cols + 1) * (int(found.group(4)) - int(found.group(2)) + 1)
                if cells > MAX_CELLS:
                    sheet_name = info.filename.rsplit("/", 1)[-1].removesuffix(".xml")
                    ref = found.group(0).decode().split('"')[1]
                    raise InputFileError(
                        f"{path}: {sheet_name} spans {cells:,} cells ({ref}), more than "
                        f"coprod reads ({MAX_CELLS:,}).",
                        hint,
                    )
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise InputFileError(
            f"{path}: not a readable spreadsheet ({exc}).",
            "Open it in Excel or LibreOffice and save it again as .xlsx, or export it as CSV.",
        ) from None


def _column_number(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number


def _read_workbook(path: Path, label: str) -> list[Table]:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        tables = []
        for name in book.sheet_names:
            data = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            rows = [[_text(v) for v in row] for row in data]
            tables.append(Table(f"{label}, sheet '{name}'", rows))
    except (CalamineError, ValueError, OSError) as exc:
        raise InputFileError(
            f"{path}: not a readable spreadsheet ({exc}).",
            "Open it in Excel or LibreOffice and save it again as .xlsx, or export it as CSV.",
        ) from None
    return tables
