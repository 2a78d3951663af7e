"""PDF through WeasyPrint: A4 landscape, embedded fonts from static/, local files only.

`html_to_pdf` (in `printing`, imported here) is the one WeasyPrint entry point of the
application: every PDF (the plan and its parts, the consolidated plan, the coverage, the page
numbers' templates) is HTML turned into bytes there, with the one URL fetcher.
`HtmlPdfExporter` is the exporter of such a document: its final HTML is built once, and both
the PDF and its cache key (`cache_key`) come from that same HTML.
"""

import hashlib
import io

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from pypdf import PdfReader

from plans.exports import numbering, pool
from plans.exports.base import Exporter, PlanExporter, Progress, export_filename, no_progress
from plans.exports.cache import pdf_key
from plans.exports.document import PlanDocument
from plans.exports.fetcher import logo_uri
from plans.exports.parts import plan_htmls
from plans.exports.printing import PDF_OPTIONS, html_to_pdf

__all__ = ["PDF_OPTIONS", "html_to_pdf"]  # the entry point, where it has always been imported

CONSOLIDATED_TEMPLATE = "plans/exports/print/consolidated.html"
class HtmlPdfExporter(Exporter):
    """A PDF printed from HTML: subclasses build the HTML, this class prints it."""

    extension = "pdf"
    content_type = "application/pdf"
    start = 20  # where laying out the pages begins on the progress bar
    _html: str | None = None

    def build_html(self, progress: Progress) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def html(self, progress: Progress = no_progress) -> str:
        """The final HTML handed to WeasyPrint, built once."""
        if self._html is None:
            with self.in_language():
                self._html = self.build_html(progress)
        return self._html

    @property
    def cache_key(self) -> str:
        return pdf_key(self.html(), options=PDF_OPTIONS)

    def render_bytes(self, progress: Progress) -> bytes:
        return html_to_pdf(self.html(progress), progress, start=self.start)


class PartedPdfExporter(HtmlPdfExporter):
    """A PDF laid out in parts (see `parts`): `build_parts` gives each part's HTML; one part
    prints as one numbered document, several are laid out on the pool, merged and numbered
    across (`numbering`). The cache key covers every part."""

    _parts: list[str] | None = None

    def build_parts(self, progress: Progress) -> list[str]:  # pragma: no cover - abstract
        raise NotImplementedError

    def parts(self, progress: Progress = no_progress) -> list[str]:
        if self._parts is None:
            with self.in_language():
                self._parts = self.build_parts(progress)
        return self._parts

    def build_html(self, progress: Progress) -> str:
        return "\n".join(self.parts(progress))

    @property
    def cache_key(self) -> str:
        parts = self.parts()
        if len(parts) == 1:
            return pdf_key(parts[0], options=PDF_OPTIONS)
        digest = hashlib.sha256(b"parts\0")
        for part in parts:
            digest.update(pdf_key(part, options=PDF_OPTIONS).encode())
        return digest.hexdigest()

    def render_bytes(self, progress: Progress) -> bytes:
        parts = self.parts(progress)
        if len(parts) == 1:
            return html_to_pdf(parts[0], progress, start=self.start)
        pdfs = pool.lay_out(parts, self.laying_out(progress))
        progress(90, _("Writing the file"))
        return numbering.merge_numbered(pdfs)

    def laying_out(self, progress: Progress):
        """The progress of the parts' layout: from `start` to 90 %."""
        progress(self.start, _("Laying out the pages"))

        def done(count: int, total: int) -> None:
            progress(self.start + (90 - self.start) * count // max(1, total),
                     _("Laying out the pages"))

        return done


class PdfExporter(PartedPdfExporter, PlanExporter):
    identifier = "pdf"

    def build_parts(self, progress: Progress) -> list[str]:
        progress(5, _("Collecting the plan"))
        return plan_htmls(self.document)


class ConsolidatedPdfExporter(PartedPdfExporter):
    """Every given plan of one year, one after another, after a contents page: each plan's
    parts are laid out on their own (and kept in the cache by their content, so an unchanged
    plan is not laid out again), the contents page last, when the pages are known."""

    start = 45

    def __init__(self, plans, year: int, institution=None):
        self.plans = list(plans)
        self.year = year
        self.institution = institution or (
            self.plans[0].unit.institution if self.plans else None
        )

    @property
    def filename(self) -> str:
        return export_filename(f"Сводный план {self.year}-{self.year + 1}", self.extension)

    @property
    def title(self) -> str:
        from plans.models import academic_year_label

        return _(
            "Consolidated plan of work with social partners for the %(year)s academic year"
        ) % {"year": academic_year_label(self.year)}

    def documents(self, progress: Progress = no_progress) -> list[PlanDocument]:
        from plans.exports.consolidated import printed_documents

        progress(5, _("Collecting the plans"))
        return printed_documents(self.plans)

    def build_parts(self, progress: Progress) -> list[str]:
        """The contents page (without its page numbers yet), then each plan's parts."""
        self.docs = self.documents(progress)
        self.plan_parts = [plan_htmls(doc, alone=False) for doc in self.docs]
        return [self.contents_html(None), *(h for parts in self.plan_parts for h in parts)]

    def contents_html(self, pages: list[int] | None) -> str:
        entries = [(doc, page) for doc, page in zip(self.docs, pages or [None] * len(self.docs),
                                                    strict=True)]
        return render_to_string(CONSOLIDATED_TEMPLATE, {
            "entries": entries, "title": self.title, "institution": self.institution,
            "logo": logo_uri(self.institution),
        })

    def render_bytes(self, progress: Progress) -> bytes:
        self.parts(progress)
        flat = [h for parts in self.plan_parts for h in parts]
        pdfs = pool.lay_out(flat, self.laying_out(progress))
        counts = [page_count(data) for data in pdfs]
        contents, starts = self.contents(counts)
        progress(90, _("Writing the file"))
        targets = {f"plan-{doc.plan.pk}": start - 1 for doc, start in zip(self.docs, starts,
                                                                            strict=True)}
        return numbering.merge_numbered([contents, *pdfs], targets)

    def contents(self, counts: list[int]) -> tuple[bytes, list[int]]:
        """The contents page with each plan's first page, and those pages."""
        front, data, starts = 1, b"", []
        for _attempt in range(3):  # the contents page's own length moves the numbers
            starts, page, index = [], front + 1, 0
            for parts in self.plan_parts:
                starts.append(page)
                page += sum(counts[index:index + len(parts)])
                index += len(parts)
            data = html_to_pdf(self.contents_html(starts))
            if page_count(data) == front:
                break
            front = page_count(data)
        return data, starts


def page_count(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)
