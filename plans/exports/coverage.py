"""The coverage view as exports: an XLSX workbook (one sheet per kind of gap, and the matrices;
see `coverage_xlsx`) and a PDF (A4 landscape, DejaVu Sans from static/fonts, no network).

Both are Exporters like the plan's, served by `plans.exports.views` under the `coverage`
namespace.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from plans.exports.base import Exporter, Progress
from plans.exports.coverage_xlsx import CoverageWorkbook, filter_summary
from plans.exports.fetcher import STATIC_DIR, LocalFilesFetcher
from plans.exports.pdf import HtmlPdfExporter
from plans.exports.writer import CONTENT_TYPE as XLSX_CONTENT_TYPE
from plans.review.coverage import REGULAR_MARK, Coverage, first_actions, gap_lines

PDF_TEMPLATE = "plans/exports/coverage/coverage_pdf.html"
FONTS = [("normal", "DejaVuSans.ttf"), ("bold", "DejaVuSans-Bold.ttf")]

__all__ = [
    "CoveragePdfExporter",
    "CoverageXlsxExporter",
    "export_filename",
    "filter_summary",
    "font_faces",
    "local_url_fetcher",
]


def export_filename(report: Coverage, extension: str) -> str:
    return f"coverage-{report.params.year}-{report.params.year + 1}.{extension}"


def font_faces() -> list[dict]:
    """DejaVu Sans from static/fonts, for @font-face (file: URLs the fetcher serves)."""
    return [
        {"weight": weight, "url": (STATIC_DIR / "fonts" / name).as_uri()} for weight, name in FONTS
    ]


def local_url_fetcher() -> LocalFilesFetcher:
    """The one URL fetcher of every PDF (kept under this name for the coverage's callers)."""
    return LocalFilesFetcher()


class CoverageExporter(Exporter):
    # The coverage exports follow the language of the page they come from.
    language = None

    def __init__(self, report: Coverage):
        self.report = report

    @property
    def filename(self) -> str:
        return export_filename(self.report, self.extension)


class CoverageXlsxExporter(CoverageExporter):
    identifier = "coverage_xlsx"
    extension = "xlsx"
    content_type = XLSX_CONTENT_TYPE

    def __init__(self, report: Coverage, base_url: str = ""):
        super().__init__(report)
        self.base_url = base_url

    def render_bytes(self, progress: Progress) -> bytes:
        return CoverageWorkbook(self.report, self.base_url).to_bytes()


class CoveragePdfExporter(CoverageExporter, HtmlPdfExporter):
    identifier = "coverage_pdf"
    start = 10

    def build_html(self, progress: Progress) -> str:
        report = self.report
        return render_to_string(
            PDF_TEMPLATE,
            {
                "coverage": report,
                "filters": filter_summary(report),
                "gaps": gap_lines(report),
                "actions": first_actions(report),
                "regular_mark": REGULAR_MARK,
                "fonts": font_faces(),
                "generated_at": timezone.localtime(),
            },
        )
