"""The PDF cache: a PDF is kept under a key derived from what is printed.

The key is a hash of the final HTML handed to WeasyPrint, of the bytes of every stylesheet,
font and image that HTML references (found and read through the one URL fetcher, see
`resources`), of the options of the PDF writer and of the WeasyPrint version. Anything that
changes the printed document (an edit, the unit or institution, a translation, the wording of
periods, the layout, the stylesheet or a font) changes the HTML or the files, so it asks for a
new PDF, and an unchanged document is served at once. No list of files is kept by hand.
"""

import hashlib
import json

import weasyprint
from django.core.cache import cache

from plans.exports.fetcher import LocalFilesFetcher, base_url
from plans.exports.resources import referenced_resources

CACHE_SECONDS = 30 * 24 * 3600


def pdf_key(html: str, *, options: dict | None = None, base: str | None = None,
            fetcher=None) -> str:
    digest = hashlib.sha256()
    head = {"weasyprint": weasyprint.__version__, "options": options or {}}
    digest.update(json.dumps(head, sort_keys=True, default=str).encode())
    digest.update(b"\0")
    digest.update(html.encode("utf-8"))
    resources = referenced_resources(
        html, base or base_url(), fetcher if fetcher is not None else LocalFilesFetcher()
    )
    for resource in resources:
        digest.update(f"\0{resource.url}\0{resource.digest}".encode())
    return digest.hexdigest()


def cache_key(key: str) -> str:
    return f"plans:pdf:{key}"


def get_pdf(key: str) -> bytes | None:
    return cache.get(cache_key(key))


def put_pdf(key: str, data: bytes) -> None:
    cache.set(cache_key(key), data, CACHE_SECONDS)
