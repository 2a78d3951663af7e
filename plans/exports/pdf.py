"""PDF through WeasyPrint: A4 landscape, embedded Liberation Serif, local files only."""

from pathlib import Path

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from weasyprint import HTML

from plans.exports.base import Exporter, Progress, export_filename, no_progress
from plans.exports.document import PlanDocument
from plans.exports.fetcher import STATIC_DIR, LocalFilesFetcher

PLAN_TEMPLATE = "plans/exports/print/plan.html"
CONSOLIDATED_TEMPLATE = "plans/exports/print/consolidated.html"


def logo_uri(institution) -> str:
    if institution and institution.logo:
        try:
            path = Path(institution.logo.path)
        except (ValueError, NotImplementedError):
            return ""
        if path.is_file():
            return path.as_uri()
    return ""


def html_to_pdf(html: str, progress: Progress = no_progress, start: int = 30) -> bytes:
    """Lay out and write the document; static files resolve inside static/ on disk."""
    fetcher = LocalFilesFetcher()
    progress(start, _("Laying out the pages"))
    document = HTML(string=html, base_url=STATIC_DIR.as_uri() + "/", url_fetcher=fetcher)
    rendered = document.render()
    progress(start + (100 - start) * 3 // 4, _("Writing the file"))
    return rendered.write_pdf()


class PdfExporter(Exporter):
    identifier = "pdf"
    extension = "pdf"
    content_type = "application/pdf"

    def html(self) -> str:
        doc = self.document
        return render_to_string(
            PLAN_TEMPLATE, {"doc": doc, "docs": [doc], "logo": logo_uri(doc.institution)}
        )

    def render_bytes(self, progress: Progress) -> bytes:
        progress(5, _("Collecting the plan"))
        return html_to_pdf(self.html(), progress, start=20)


class ConsolidatedPdfExporter:
    """Every given plan of one year, one after another, after a contents page."""

    extension = "pdf"
    content_type = "application/pdf"

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

    def html(self, docs: list[PlanDocument]) -> str:
        return render_to_string(
            CONSOLIDATED_TEMPLATE,
            {
                "docs": docs,
                "title": self.title,
                "institution": self.institution,
                "logo": logo_uri(self.institution),
            },
        )

    def render(self, progress: Progress = no_progress) -> bytes:
        from django.utils import translation

        from plans.exports.base import DOCUMENT_LANGUAGE

        with translation.override(DOCUMENT_LANGUAGE):
            docs = self.documents(progress)
            return html_to_pdf(self.html(docs), progress, start=45)
