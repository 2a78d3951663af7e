"""The one WeasyPrint entry point: HTML in, PDF bytes out, with the local-only URL fetcher
(see `fetcher`). `plans.exports.pdf` re-exports it; the parts' processes (`pool`) and the page
numbers' templates (`numbering`) call it here."""

from django.utils.translation import gettext as _
from weasyprint import HTML

from plans.exports.base import Progress, no_progress
from plans.exports.fetcher import LocalFilesFetcher, base_url

# The options of the PDF writer: part of the cache key, as they change the file.
PDF_OPTIONS: dict = {}


def html_to_pdf(html: str, progress: Progress = no_progress, start: int = 30) -> bytes:
    """Lay out and write the document; relative URLs resolve inside static/ on disk."""
    progress(start, _("Laying out the pages"))
    document = HTML(string=html, base_url=base_url(), url_fetcher=LocalFilesFetcher())
    rendered = document.render()
    progress(start + (100 - start) * 3 // 4, _("Writing the file"))
    return rendered.write_pdf(**PDF_OPTIONS)
