"""The one check of an uploaded Word or Excel file (.docx, .xlsx) before anything parses it.

A .docx or .xlsx is a zip archive of XML parts. A crafted archive can weigh a few kilobytes and
unpack to hundreds of megabytes («zip bomb»), or carry XML whose entities expand without end
(«billion laughs»). :func:`check_office_archive` reads the archive's directory, never trusting
the file's name, and refuses:

* more than :data:`MAX_ENTRIES` entries;
* more than :data:`MAX_UNPACKED_BYTES` (20 MB) unpacked in all (Python's zipfile never unpacks
  an entry past the size its directory states, so the stated sizes bound what parsing reads);
* an entry over :data:`RATIO_FROM_BYTES` that unpacks to more than :data:`MAX_RATIO` times its
  packed size (real documents pack XML 5 to 30 times; bombs a thousand times);
* an XML part with a document type declaration (``<!DOCTYPE``): Word and Excel never write one,
  and it is where entities are declared.

Parsing itself is safe as well: python-docx parses with lxml and ``resolve_entities=False``;
openpyxl parses with lxml without entities, and its worksheet reader uses defusedxml (a
dependency of the project), which refuses entity declarations.
"""

import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_UNPACKED_BYTES = 20 * 1024 * 1024
MAX_ENTRIES = 1000
MAX_RATIO = 100
RATIO_FROM_BYTES = 256 * 1024
XML_SUFFIXES = (".xml", ".rels")
_CHUNK = 1024 * 1024
_DOCTYPE = tuple(
    "<!DOCTYPE".encode(encoding)
    for encoding in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)
_OVERLAP = max(len(marker) for marker in _DOCTYPE)


def _refuse(message, code, **params):
    raise ValidationError(message, code=code, params=params or None)


def _check_sizes(infos) -> None:
    if len(infos) > MAX_ENTRIES:
        _refuse(_("The file holds too many parts (%(count)s, at most %(max)s are accepted): "
                  "it is not an ordinary Word document or Excel workbook."),
                "too_many_entries", count=len(infos), max=MAX_ENTRIES)
    if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
        _refuse(_("The file is too large once unpacked: a Word document or Excel workbook may "
                  "unpack to at most %(mb)s MB."),
                "too_large_unpacked", mb=MAX_UNPACKED_BYTES // (1024 * 1024))
    for info in infos:
        packed = max(info.compress_size, 1)
        if info.file_size > RATIO_FROM_BYTES and info.file_size / packed > MAX_RATIO:
            _refuse(_("The file is packed suspiciously tightly (a part unpacks to %(ratio)s "
                      "times its size): it is not an ordinary Word document or Excel workbook."),
                    "ratio", ratio=int(info.file_size / packed))


def _has_doctype(archive, info) -> bool:
    tail = b""
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            window = tail + chunk
            if any(marker in window for marker in _DOCTYPE):
                return True
            tail = window[-_OVERLAP:]
    return False


def check_office_archive(upload) -> list[str]:
    """Refuse an archive that is damaged, too big unpacked or unsafe; return its entry names.

    Raises ``ValidationError`` with a Russian message; the upload is rewound either way.
    """
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            infos = archive.infolist()
            _check_sizes(infos)
            for info in infos:
                if info.filename.lower().endswith(XML_SUFFIXES) and _has_doctype(archive, info):
                    _refuse(_("The file holds XML with a document type declaration (DOCTYPE), "
                              "which Word and Excel never write; it is not accepted."),
                            "doctype")
            return [info.filename for info in infos]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError,
            ValueError, EOFError, RuntimeError):
        raise ValidationError(_("The file is damaged and cannot be read."),
                              code="broken") from None
    finally:
        upload.seek(0)
