"""The one URL fetcher of every PDF: local static files and the institution's logo, never the
network.

WeasyPrint would otherwise fetch any URL a document names, which turns every export into a
way to make the server call another address (SSRF). This fetcher serves `file:` URLs inside
the allowed folders and `data:` URLs (the logo is one, read from the storage), and refuses
everything else. The PDF cache key reads the stylesheets, fonts and images a document
references through it too (see `resources`), so the key covers exactly the files WeasyPrint
may load.
"""

import base64
import mimetypes
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from weasyprint.urls import URLFetcher, URLFetcherResponse

STATIC_DIR = Path(settings.BASE_DIR) / "static"


class RefusedURL(ValueError):
    """The document asked for something that is not a local static or media file."""


def base_url() -> str:
    """Relative URLs of a printed document («print/print.css») resolve inside static/."""
    return STATIC_DIR.as_uri() + "/"


def allowed_roots() -> list[Path]:
    roots = [STATIC_DIR, *(Path(d) for d in settings.STATICFILES_DIRS)]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT))
    # Of the uploaded files, only the institution's logo may appear in a document.
    roots.append(Path(settings.MEDIA_ROOT) / "institution")
    return [root.resolve() for root in roots]


LOGO_TYPES = {b"\x89PNG": "image/png", b"\xff\xd8\xff": "image/jpeg"}
LOGO_MAX_BYTES = 2 * 1024 * 1024


def logo_bytes(institution) -> bytes:
    """The institution's logo (PNG or JPEG), read through the storage API (the local disk or a
    bucket alike), or b"" without a readable one."""
    if not (institution and institution.logo):
        return b""
    try:
        with institution.logo.open("rb") as handle:
            data = handle.read(LOGO_MAX_BYTES + 1)
    except (OSError, ValueError):
        return b""
    if len(data) > LOGO_MAX_BYTES or not any(data.startswith(m) for m in LOGO_TYPES):
        return b""
    return data


def logo_uri(institution) -> str:
    """The logo as a data: URL inside the document (so the PDF cache key covers its bytes and
    no stored file is reached by path), or "" without one."""
    data = logo_bytes(institution)
    if not data:
        return ""
    kind = next(t for magic, t in LOGO_TYPES.items() if data.startswith(magic))
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


class LocalFilesFetcher(URLFetcher):
    def __init__(self, roots: list[Path] | None = None):
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
        self.roots = roots if roots is not None else allowed_roots()

    def fetch(self, url, headers=None):
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            return super().fetch(url, headers)
        path = self.local_path(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            path.as_uri(), body=path.read_bytes(), headers={"Content-Type": content_type}
        )

    def local_path(self, url: str) -> Path:
        """The allowed local file a `file:` URL names, or RefusedURL."""
        if not url.lower().startswith("file:"):
            raise RefusedURL(f"Refused {url[:100]!r}: documents read local files only")
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise RefusedURL(f"Refused {url[:100]!r}: a file on another host")
        path = Path(url2pathname(parts.path)).resolve()
        if not any(path.is_relative_to(root) for root in self.roots) or not path.is_file():
            raise RefusedURL(f"Refused {url[:100]!r}: not a static or media file")
        return path

    def stamp(self, url: str) -> tuple[int, int, int] | None:
        """An allowed local file's (inode, modification time, size): while it is the same, so
        are its bytes (a deploy or an edit writes the file anew). None for anything else."""
        try:
            status = self.local_path(url).stat()
        except (RefusedURL, OSError):
            return None
        return status.st_ino, status.st_mtime_ns, status.st_size
