"""The photos and files of an occurrence: checked like agreement files, stored under random
names, and served only through an access-checked view (never a public URL)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from execution.models import MAX_FILES, OccurrenceFile
from partners import uploads

__all__ = ["MAX_FILES", "attach", "file_response", "forget", "too_many_message", "validate"]


def too_many_message() -> str:
    return _("An occurrence carries at most %(count)s photos or files: remove some first.") % {
        "count": MAX_FILES
    }


def validate(upload) -> str:
    """The kind of an acceptable upload (PDF, PNG or JPEG within the size limit, parsing as what
    it claims: partners.uploads, as for agreement files), else a ValidationError."""
    try:
        return uploads.validate_agreement_file(upload)
    except ValidationError as error:
        if error.code == "file_type":
            raise ValidationError(
                _("«%(name)s» is not a photo (PNG, JPEG) or a PDF.") % {"name": upload.name},
                code="file_type",
            ) from None
        if error.code == "polyglot":
            raise ValidationError(
                _(
                    "«%(name)s» contains web-page markup besides the picture or document and is "
                    "refused."
                )
                % {"name": upload.name},
                code="polyglot",
            ) from None
        raise


def attach(occurrence, upload, kind: str, user) -> OccurrenceFile:
    """Store a checked upload (`kind` from :func:`validate`) as a file of `occurrence`."""
    found = OccurrenceFile(
        occurrence=occurrence,
        name=uploads.safe_file_name(upload.name, kind)[:200],
        content_type=uploads.CONTENT_TYPES[kind],
        size=upload.size or 0,
    )
    upload.seek(0)
    found.file.save(f"upload{uploads.EXTENSIONS[kind]}", upload, save=False)
    found._history_user = user
    found.save()
    return found


def forget(found: OccurrenceFile) -> None:
    """Delete the stored file once the removal of its row is committed (photos of children are
    not kept after their owner removed them; the history keeps the name)."""
    storage, name = found.file.storage, found.file.name
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def file_response(found: OccurrenceFile) -> HttpResponse:
    """The file read through the storage API: a PDF as a download, an image inline; never
    sniffed as anything else."""
    if not found.file:
        raise Http404
    try:
        with found.file.open("rb") as handle:
            content = handle.read(uploads.max_upload_bytes() * 2)
    except (FileNotFoundError, OSError):
        raise Http404 from None
    kind = uploads.sniff(content[:16])
    if kind not in uploads.CONTENT_TYPES:
        raise Http404
    response = HttpResponse(content, content_type=uploads.CONTENT_TYPES[kind])
    name = uploads.safe_file_name(found.name or f"file-{found.pk}", kind)
    response["Content-Disposition"] = content_disposition_header(kind == uploads.PDF, name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
