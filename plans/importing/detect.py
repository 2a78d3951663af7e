"""Reading any plan file: the type is told by the content, never by the name alone.

The file is checked first (size, then :func:`partners.archives.check_office_archive` before any
XML is parsed); then the archive's parts tell a Word document from an Excel workbook.
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from partners import archives, uploads
from plans.importing.docx_reader import read_docx
from plans.importing.parsed import ParsedPlan, PlanImportError
from plans.importing.xlsx_reader import read_xlsx


def _checked_entries(fileobj) -> list[str]:
    """The archive's entry names, once the upload has passed every check before parsing."""
    try:
        uploads.check_size(fileobj)
    except ValidationError as error:
        raise PlanImportError(error.messages[0]) from None
    kind = uploads.sniff_file(fileobj)
    if kind == uploads.OLE:
        raise PlanImportError(
            _("The file is protected by a password or saved in the old Word/Excel format "
              "(.doc, .xls). Remove the password and save it as .docx or .xlsx.")
        )
    if kind != uploads.ZIP:
        raise PlanImportError(
            _("This file is neither a Word document (.docx) nor an Excel workbook (.xlsx).")
        )
    try:
        return archives.check_office_archive(fileobj)
    except ValidationError as error:
        raise PlanImportError(error.messages[0]) from None


def read_plan_file(fileobj, name: str = "") -> ParsedPlan:
    """Read a .docx or .xlsx plan into a :class:`ParsedPlan`; nothing touches the database."""
    names = set(_checked_entries(fileobj))
    if "word/document.xml" in names:
        parsed = read_docx(fileobj)
    elif "xl/workbook.xml" in names or Path(name).suffix.lower() == ".xlsx":
        parsed = read_xlsx(fileobj)
    else:
        parsed = read_docx(fileobj)
    if not any(row.kind == "row" for row in parsed.rows):
        raise PlanImportError(_("The plan's table has no partners."))
    return parsed
