"""The one spreadsheet writer: every workbook the application writes is built here.

Spreadsheets are data, never formulas. openpyxl takes any text that starts with «=» for a
formula, and Excel or LibreOffice then runs what a teacher typed into a partner's name
(`=HYPERLINK("http://…")`). So every value goes through `store`, which sets the cell's data type
explicitly: text is always stored as a string (type «s»), whatever it starts with («=», «+»,
«-», «@», a tab or a carriage return), and numbers and dates keep their own types. The text is
written as it is, so an exported workbook reads back (and imports) with exactly the same cells.
Characters XML cannot hold (control characters) are dropped, as a spreadsheet cannot keep them.

CSV has no data types: a program that opens a CSV file decides by the first character. Any CSV
the application writes goes through `csv_value`/`csv_bytes`, which put an apostrophe before
such text, as OWASP recommends.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import TYPE_BOOL, TYPE_NUMERIC, TYPE_STRING
from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What a spreadsheet program may read as the start of a formula when it parses text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# XML 1.0 forbids these (openpyxl raises IllegalCharacterError on them).
ILLEGAL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
MAX_TEXT = 32767  # the most characters an Excel cell holds
DATES = (datetime.date, datetime.datetime, datetime.time, datetime.timedelta)


def clean_text(value) -> str:
    text = ILLEGAL_CHARACTERS.sub("", str(value))
    return text[:MAX_TEXT]


def store(cell, value) -> None:
    """Put `value` into an openpyxl cell with its data type set explicitly: text stays text."""
    if value is None:
        cell.value = None
    elif isinstance(value, bool):
        cell.value = value
        cell.data_type = TYPE_BOOL
    elif isinstance(value, int | float | Decimal):
        cell.value = value
        cell.data_type = TYPE_NUMERIC
    elif isinstance(value, DATES):
        cell.value = value  # openpyxl stores dates as numbers with a date format
    else:
        # Text as text, set directly: openpyxl's own assignment would guess «=…» to be a formula
        # (and check again what `clean_text` already made safe, a good part of a sheet's time).
        cell._value = clean_text(value)
        cell.data_type = TYPE_STRING


class Sheet:
    """One worksheet of the writer. Values go in only through `append` and `put`; the
    openpyxl worksheet (`ws`) is there for widths, styles and page setup."""

    def __init__(self, ws):
        self.ws = ws
        self.row = 0
        self.columns = 0  # the widest row written

    def append(self, values) -> int:
        """Write `values` as the next row; the row's number."""
        self.row += 1
        column = 0
        for column, value in enumerate(values, start=1):
            store(self.ws.cell(row=self.row, column=column), value)
        self.columns = max(self.columns, column)
        return self.row

    def put(self, row: int, column: int, value):
        """Write one cell (and keep `append` below it); the openpyxl cell, for styling."""
        cell = self.ws.cell(row=row, column=column)
        store(cell, value)
        self.row = max(self.row, row)
        self.columns = max(self.columns, column)
        return cell

    def cell(self, row: int, column: int):
        """An openpyxl cell to style; its value is written with `put` or `append`."""
        return self.ws.cell(row=row, column=column)

    def cells(self, row: int):
        """The cells of a written row, to style them: as wide as the widest row written.
        (Not ``ws[row]``: it reads ``max_column``, which scans every cell of the sheet.)"""
        return tuple(self.ws.cell(row=row, column=c) for c in range(1, self.columns + 1))


def set_alignment(ws, known: dict[int, int], cell, alignment) -> None:
    """Give the cell this alignment, as `cell.alignment = …` does, with the alignment's place in
    the workbook looked up once (`known`: id of the alignment → its index): openpyxl hashes the
    alignment on every assignment, a good part of a long sheet's time."""
    index = known.get(id(alignment))
    if index is None:
        known[id(alignment)] = index = ws.parent._alignments.add(alignment)
    if not cell._style:
        cell._style = StyleArray()
    cell._style.alignmentId = index


class _GivenCellsSheet(WriteOnlyWorksheet):
    """openpyxl's write-only worksheet, given rows of ready cells (or None for no cell): it
    writes each cell as it is. openpyxl's own `_values_to_row` first tries every cell as a
    value (a ValueError raised and caught) and makes a spare cell for each one written, about a
    sixth of a long sheet's time. Should openpyxl rename the method, its own still writes the
    same cells, only slower."""

    def _values_to_row(self, values, row_idx):
        for column, cell in enumerate(values, 1):
            if cell is not None:
                cell.column = column
                cell.row = row_idx
                if cell.hyperlink is not None:  # as openpyxl's own: the link's cell
                    cell.hyperlink.ref = cell.coordinate
                yield cell


class StreamSheet:
    """A worksheet written row by row and never held whole (openpyxl's write-only mode), for
    sheets that may be long: 156,000 cells held as objects made a 2,000-row plan's sheet grow
    faster than its rows. What openpyxl writes before the rows (column widths, frozen panes,
    page set-up) is set before the first `append`; a row's height and its cells' style as it
    is written. Values go through `store` as in `Sheet`; an empty value writes no cell.

    A row is written as soon as it is appended, so a column's aligned text or number cell is
    kept and filled again for the next row: its style is looked up once, not per cell (dates
    set a number format of their own and get a cell each)."""

    def __init__(self, ws):
        self.ws = ws
        self.row = 0
        self._alignments: dict[int, int] = {}
        self._kept: dict[tuple[int, int], WriteOnlyCell] = {}  # (column, alignment) → cell

    def append(self, values, *, alignments=None, height: float | None = None, style=None) -> int:
        """Write the next row: `alignments` one per value, `style(cell)` for anything else."""
        self.row += 1
        if height is not None:
            self.ws.row_dimensions[self.row].height = height
        cells = []
        for index, value in enumerate(values):
            if value is None or value == "":  # nothing to see: no cell (half a plan's cells)
                cells.append(None)
                continue
            alignment = alignments[index] if alignments is not None else None
            cell = self._cell(index, alignment, keep=style is None and not isinstance(value, DATES))
            store(cell, value)
            if style is not None:
                style(cell)
            cells.append(cell)
        self.ws.append(cells)
        return self.row

    def _cell(self, column: int, alignment, *, keep: bool):
        """A cell for the column, with the alignment: the kept one, or a new one."""
        key = (column, id(alignment))
        cell = self._kept.get(key) if keep else None
        if cell is None:
            cell = WriteOnlyCell(self.ws)
            if alignment is not None:
                set_alignment(self.ws, self._alignments, cell, alignment)
            if keep:
                self._kept[key] = cell
        return cell


class SpreadsheetWriter:
    """A workbook built from `Sheet`s; `to_bytes()` gives the .xlsx file."""

    content_type = CONTENT_TYPE

    def __init__(self, *, title: str = "", creator: str = "", streaming: bool = False):
        self.book = Workbook(write_only=streaming)
        self._first_unused = not streaming  # a write-only workbook starts with no sheet
        if title:
            self.book.properties.title = clean_text(title)
        if creator:
            self.book.properties.creator = clean_text(creator)

    def stream_sheet(self, title: str) -> StreamSheet:
        """A sheet written row by row (the writer must be `streaming`)."""
        ws = _GivenCellsSheet(parent=self.book, title=sheet_title(title))
        self.book._add_sheet(ws)  # as `create_sheet` does with its own write-only sheet
        return StreamSheet(ws)

    def sheet(self, title: str) -> Sheet:
        if self._first_unused:
            ws = self.book.active
            ws.title = sheet_title(title)
            self._first_unused = False
        else:
            ws = self.book.create_sheet(sheet_title(title))
        return Sheet(ws)

    def to_bytes(self) -> bytes:
        for ws in self.book.worksheets:
            if not self.book.write_only:  # a stream sheet's every cell went through `store`
                refuse_formulas(ws)
        buffer = io.BytesIO()
        self.book.save(buffer)
        return buffer.getvalue()


def sheet_title(title: str) -> str:
    """A valid sheet name: at most 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", " ", clean_text(title))[:31] or "Sheet"


def refuse_formulas(ws) -> None:
    """The last guard: a cell written around the writer is still stored as text."""
    for row in ws.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = TYPE_STRING


# --- CSV ------------------------------------------------------------------------------------
def csv_value(value) -> str:
    """A CSV field that no spreadsheet program reads as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float | Decimal):
        return str(value)
    text = clean_text(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_bytes(rows, *, delimiter: str = ";") -> bytes:
    """Rows as a CSV file for Russian Excel: UTF-8 with a BOM, «;» between fields."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow([csv_value(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
