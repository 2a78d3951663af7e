"""Checks on uploaded files: size, and the type read from the content, never from the name."""

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
    """Accept a PDF, PNG or JPEG within the size limit; return its kind."""
    check_size(upload)
    kind = sniff_file(upload)
    if kind not in AGREEMENT_KINDS:
        raise ValidationError(
            _("Attach the signed agreement as a PDF or an image (PNG, JPEG); "
              "this file is neither."),
            code="file_type",
        )
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
