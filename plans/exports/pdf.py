"""PDF through WeasyPrint: A4 landscape, embedded fonts from static/, local files only.

`html_to_pdf` is the one WeasyPrint entry point of the application: every PDF (the plan, the
consolidated plan, the coverage) is HTML turned into bytes there, with the one URL fetcher.
`HtmlPdfExporter` is the exporter of such a document: its final HTML is built once, and both
the PDF and its cache key (`cache_key`) come from that same HTML.
"""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from weasyprint import HTML

from plans.exports.base import Exporter, PlanExporter, Progress, export_filename, no_progress
from plans.exports.cache import pdf_key
from plans.exports.document import PlanDocument
from plans.exports.fetcher import LocalFilesFetcher, base_url, logo_uri

PLAN_TEMPLATE = "plans/exports/print/plan.html"
CONSOLIDATED_TEMPLATE = "plans/exports/print/consolidated.html"
# The options of the PDF writer: part of the cache key, as they change the file.
PDF_OPTIONS: dict = {}


def html_to_pdf(html: str, progress: Progress = no_progress, start: int = 30) -> bytes:
    """Lay out and write the document; relative URLs resolve inside static/ on disk."""
    progress(start, _("Laying out the pages"))
    document = HTML(string=html, base_url=base_url(), url_fetcher=LocalFilesFetcher())
    rendered = document.render()
    progress(start + (100 - start) * 3 // 4, _("Writing the file"))
    return rendered.write_pdf(**PDF_OPTIONS)


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


class PdfExporter(HtmlPdfExporter, PlanExporter):
    identifier = "pdf"

    def build_html(self, progress: Progress) -> str:
        progress(5, _("Collecting the plan"))
        doc = self.document
        return render_to_string(
            PLAN_TEMPLATE, {"doc": doc, "docs": [doc], "logo": logo_uri(doc.institution)}
        )


class ConsolidatedPdfExporter(HtmlPdfExporter):
    """Every given plan of one year, one after another, after a contents page."""

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

    def documents(self, progress: Progress = no_progress, share: int = 40) -> list[PlanDocument]:
        docs = []
        for index, plan in enumerate(self.plans):
            progress(
                5 + share * index // max(1, len(self.plans)),
                _("Collecting %(unit)s") % {"unit": plan.unit.name},
            )
            docs.append(PlanDocument.build(plan))
        return docs

    def build_html(self, progress: Progress) -> str:
        return render_to_string(
            CONSOLIDATED_TEMPLATE,
            {
                "docs": self.documents(progress),
                "title": self.title,
                "institution": self.institution,
                "logo": logo_uri(self.institution),
            },
        )
