"""Reading an uploaded table (XLSX or CSV) into rows of strings, for the partner importer.

The type is read from the content: an XLSX is a zip archive, checked by
:func:`partners.archives.check_office_archive` before openpyxl parses it; anything else must be
text in UTF-8 (with or without a BOM) or Windows-1251, separated by «;», «,» or tabs.
"""

import csv
import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from partners import archives, uploads

MAX_ROWS = 5000
MAX_COLUMNS = 40
MAX_CELL = 2000
MAX_TOTAL_CHARS = 2_000_000  # what the preview keeps in the session between the steps


class ImportFileError(Exception):
    """The file cannot be read at all; the message is for the user."""


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())[:MAX_CELL]


def _rows(records) -> list[list[str]]:
    rows = []
    for record in records:
        rows.append([_cell(v) for v in record[:MAX_COLUMNS]])
        if len(rows) > MAX_ROWS + 1:
            break
    return rows


def _read_xlsx(upload) -> list[list[str]]:
    import openpyxl

    archives.check_office_archive(upload)
    try:
        book = openpyxl.load_workbook(upload, read_only=True, data_only=True)
        try:
            sheets = book.worksheets
            return _rows(sheets[0].iter_rows(values_only=True)) if sheets else []
        finally:
            book.close()
    except Exception:  # openpyxl (and defusedxml) raise many kinds on a broken archive
        raise ImportFileError(
            _("The file is not a readable XLSX workbook. Save it in Excel as .xlsx or .csv.")
        ) from None


def _decode(data: bytes) -> str:
    if b"\x00" not in data:
        for encoding in ("utf-8-sig", "cp1251"):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
    raise ImportFileError(_("This is not a table: upload an XLSX or CSV file."))


SEPARATORS = (";", ",", "\t")


def _header_score(text: str, delimiter: str, header_field) -> tuple[int, int]:
    """How well the first record splits with `delimiter`: known columns, then columns."""
    try:
        header = next(csv.reader(io.StringIO(text), delimiter=delimiter), [])
    except csv.Error:
        return (-1, 0)
    return (sum(bool(header_field(cell)) for cell in header[:MAX_COLUMNS]), len(header))


def detect_separator(text: str, header_field) -> str:
    """The separator whose header line gives the most known columns: «;», «,» or a tab; then
    the most columns, then the order of `SEPARATORS`.

    Russian Excel writes «;»; quoted cells may hold commas, so counting characters would not do.
    """
    return max(SEPARATORS, key=lambda sep: _header_score(text, sep, header_field))


def _read_csv(upload, header_field) -> list[list[str]]:
    upload.seek(0)
    text = _decode(upload.read())
    delimiter = detect_separator(text, header_field)
    try:
        return _rows(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error:
        raise ImportFileError(_("The CSV file is damaged and cannot be read.")) from None


def read_table(upload, header_field) -> list[list[str]]:
    """Rows of stripped strings, the header first; blank rows dropped.

    ``header_field(text)`` names the field a header text stands for ("" for none): the CSV
    separator is the one whose header line gives the most known columns.
    """
    try:
        uploads.check_size(upload)
    except ValidationError as error:
        raise ImportFileError(error.messages[0]) from None
    kind = uploads.sniff_file(upload)
    if kind == uploads.OLE:
        raise ImportFileError(
            _("The file is an old Excel workbook (.xls) or is protected by a password. "
              "Open it in Excel, remove the password and save it as .xlsx.")
        )
    if kind in (uploads.PDF, uploads.PNG, uploads.JPEG):
        raise ImportFileError(_("This is not a table: upload an XLSX or CSV file."))
    try:
        rows = _read_xlsx(upload) if kind == uploads.ZIP else _read_csv(upload, header_field)
    except ValidationError as error:
        raise ImportFileError(error.messages[0]) from None
    rows = [row for row in rows if any(row)]
    if len(rows) > MAX_ROWS + 1 or sum(len(c) for row in rows for c in row) > MAX_TOTAL_CHARS:
        raise ImportFileError(
            _("The table has more than %(max)s lines; split it into several files.")
            % {"max": MAX_ROWS}
        )
    if len(rows) < 2:
        raise ImportFileError(_("The table is empty: it needs a header line and at least one "
                                "partner."))
    width = max(len(row) for row in rows)
    return [row + [""] * (width - len(row)) for row in rows]
