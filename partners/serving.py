"""Serving a stored, content-checked upload (an agreement's signed file, an occurrence's photo)
through an access-checked view: read through the storage API, typed by its content, never
sniffed as anything else, never cached by a shared proxy."""

from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header

from partners import uploads


def stored_file_response(field_file, name: str, *, inline_images: bool = False) -> HttpResponse:
    """The file as a response, or a 404 when it is missing or is not what uploads accept.

    A PDF is always a download; an image is shown inline only with ``inline_images``. Files
    are small (the upload limit), so they are read whole: no handle outlives the request.
    """
    if not field_file:
        raise Http404
    try:
        with field_file.open("rb") as handle:
            content = handle.read(uploads.max_upload_bytes() * 2)
    except (FileNotFoundError, OSError):
        raise Http404 from None
    kind = uploads.sniff(content[:16])
    if kind not in uploads.CONTENT_TYPES:
        raise Http404
    response = HttpResponse(content, content_type=uploads.CONTENT_TYPES[kind])
    attachment = kind == uploads.PDF or not inline_images
    response["Content-Disposition"] = content_disposition_header(
        attachment, uploads.safe_file_name(name, kind)
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
