"""Checks on uploaded files: size, and the type read from the content, never from the name."""

import io
import re
import unicodedata
import warnings
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PDF = "pdf"
PNG = "png"
JPEG = "jpeg"
OLE = "ole"  # Compound File: old .doc/.xls, or an encrypted (password-protected) .docx/.xlsx
ZIP = "zip"  # .docx, .xlsx

SIGNATURES = [
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (bytes.fromhex("D0CF11E0A1B11AE1"), OLE),
    (b"PK\x03\x04", ZIP),
]
CONTENT_TYPES = {PDF: "application/pdf", PNG: "image/png", JPEG: "image/jpeg"}
EXTENSIONS = {PDF: ".pdf", PNG: ".png", JPEG: ".jpg"}
AGREEMENT_KINDS = (PDF, PNG, JPEG)

# A zip archive may unpack to far more than it weighs: refuse what unpacks beyond this.
MAX_UNPACKED_FACTOR = 20


def max_upload_bytes() -> int:
    return settings.MAX_UPLOAD_MB * 1024 * 1024


def sniff(head: bytes) -> str | None:
    """The kind of file from its first bytes, or None."""
    for signature, kind in SIGNATURES:
        if head.startswith(signature):
            return kind
    return None


def sniff_file(upload) -> str | None:
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(16)
    upload.seek(position)
    return sniff(head)


def check_size(upload) -> None:
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, 2)
        size = upload.tell()
        upload.seek(0)
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > max_upload_bytes():
        raise ValidationError(
            _("The file is too large: at most %(mb)s MB is accepted."),
            code="too_large",
            params={"mb": settings.MAX_UPLOAD_MB},
        )


def validate_agreement_file(upload) -> str:
    """Accept a PDF, PNG or JPEG within the size limit that parses as what it claims; return its
    kind. A file that also reads as a web page (a polyglot) is refused."""
    check_size(upload)
    kind = sniff_file(upload)
    if kind not in AGREEMENT_KINDS:
        raise ValidationError(
            _("Attach the signed agreement as a PDF or an image (PNG, JPEG); "
              "this file is neither."),
            code="file_type",
        )
    upload.seek(0)
    data = upload.read(max_upload_bytes() + 1)
    upload.seek(0)
    if MARKUP.search(data):
        raise ValidationError(
            _("The file contains web-page markup besides the document and is refused. "
              "Save the signed agreement again as a plain PDF or image."),
            code="polyglot",
        )
    if kind == PDF:
        check_pdf(data)
    else:
        check_image(data, kind)
    return kind


def check_zip(upload) -> None:
    """Refuse a broken archive or one that unpacks to far more than the upload limit."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ValidationError(_("The file is damaged and cannot be read."), code="broken") from None
    finally:
        upload.seek(0)
    if unpacked > max_upload_bytes() * MAX_UNPACKED_FACTOR:
        raise ValidationError(
            _("The file is too large: at most %(mb)s MB is accepted."),
            code="too_large",
            params={"mb": settings.MAX_UPLOAD_MB},
        )


# --------------------------------------------------------------------- signed agreements

# Tags that make a browser read a file as HTML or SVG. None of them can occur in a PDF's own
# syntax (hex strings hold only hex digits) and, at 5+ bytes, hardly by chance in binary data.
MARKUP = re.compile(
    rb"<(?:!doctype\s+html|html|head[\s>]|body|script|iframe|frame[\s>]|object|embed"
    rb"|svg[\s>]|style|meta[\s>]|link[\s>]|form[\s>]|img[\s>]|\?xml-stylesheet)",
    re.IGNORECASE,
)
PILLOW_FORMATS = {PNG: "PNG", JPEG: "JPEG"}
MAX_IMAGE_PIXELS = 100_000_000  # a scanned A4 page at 600 dpi is 35 million


def _damaged(kind: str) -> ValidationError:
    return ValidationError(
        _("The file is not a readable %(kind)s: it is damaged or only looks like one."),
        code="damaged",
        params={"kind": kind.upper()},
    )


def check_pdf(data: bytes) -> None:
    """The PDF opens with pypdf and has at least one page."""
    from pypdf import PdfReader

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data))
            # Scanners often encrypt with an owner password only: that opens with "".
            locked = reader.is_encrypted and not reader.decrypt("")
            pages = 0 if locked else len(reader.pages)
    except Exception:  # noqa: BLE001 - pypdf raises many kinds on a broken file
        raise _damaged(PDF) from None
    if locked:
        raise ValidationError(
            _("The PDF is protected by a password: save it without one."), code="password"
        )
    if pages < 1:
        raise ValidationError(_("The PDF has no pages."), code="no_pages")


def check_image(data: bytes, kind: str) -> None:
    """The image passes Pillow's verify, and once re-opened is of the sniffed format and a
    sensible size; a JPEG is decoded (at an eighth of its size) to find a truncated scan."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                image.verify()
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if image.format != PILLOW_FORMATS[kind] or not (
                    0 < width * height <= MAX_IMAGE_PIXELS
                ):
                    raise ValueError("format or size")
                if kind == JPEG:
                    image.draft("L", (max(1, width // 8), max(1, height // 8)))
                    image.load()
    except Exception:  # noqa: BLE001 - Pillow raises many kinds on a broken file
        raise _damaged(kind) from None


def safe_file_name(name: str, kind: str) -> str:
    """The name a signed file is offered under: the uploaded name without folders, odd
    characters or its own extension, ending in the extension of the detected type."""
    base = re.split(r"[\\/]", name or "")[-1]
    stem = base.rsplit(".", 1)[0]
    stem = unicodedata.normalize("NFC", stem)
    stem = re.sub(r"[^\w .,()№-]+", "_", stem)
    stem = re.sub(r"\s+", " ", stem).strip(" ._-")[:100]
    return (stem or "agreement") + EXTENSIONS[kind]
