"""The photos and files of an occurrence: checked like agreement files, stored under random
names, and served only through an access-checked view (never a public URL)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.utils.translation import gettext as _

from execution.models import MAX_FILES, OccurrenceFile
from partners import serving, uploads

__all__ = [
    "MAX_FILES",
    "attach",
    "attach_all",
    "file_response",
    "forget",
    "too_many_message",
    "validate",
]


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
    try:
        found.save()
    except BaseException:
        found.file.storage.delete(found.file.name)
        raise
    return found


def attach_all(occurrence, checked, user) -> list[OccurrenceFile]:
    """Store each checked upload ((upload, kind) pairs) as a file of `occurrence`.

    Should one fail, the files stored before it are deleted again: their rows roll back with
    the save, and a photo of children must not stay in the storage without its row (Django
    has no hook on a rollback, so the caller checks what may refuse the save first)."""
    stored: list[OccurrenceFile] = []
    try:
        for upload, kind in checked:
            stored.append(attach(occurrence, upload, kind, user))
    except BaseException:
        for found in stored:
            found.file.storage.delete(found.file.name)
        raise
    return stored


def forget(found: OccurrenceFile) -> None:
    """Delete the stored file once the removal of its row is committed (photos of children are
    not kept after their owner removed them; the history keeps the name)."""
    storage, name = found.file.storage, found.file.name
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def file_response(found: OccurrenceFile) -> HttpResponse:
    """The file read through the storage API: a PDF as a download, an image inline; never
    sniffed as anything else."""
    return serving.stored_file_response(
        found.file, found.name or f"file-{found.pk}", inline_images=True
    )
