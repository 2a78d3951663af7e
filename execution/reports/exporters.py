"""The reports' PDFs, printed through the plan exports' one WeasyPrint entry point
(``plans.exports.pdf``: local files only, the PDF cache keyed by the final HTML)."""

from __future__ import annotations

from functools import cached_property

from django.template.loader import render_to_string
from django.utils.translation import pgettext

from plans.exports.base import Exporter, Progress, export_filename
from plans.exports.fetcher import logo_uri
from plans.exports.pdf import HtmlPdfExporter

from .consolidated import ConsolidatedReport, build_consolidated
from .services import PlanReport, build_report

PLAN_TEMPLATE = "execution/reports/print/plan.html"
CONSOLIDATED_TEMPLATE = "execution/reports/print/consolidated.html"


class PlanReportExporter(Exporter):
    """A unit's year-end report: built once, in the document's language."""

    def __init__(self, plan, report: PlanReport | None = None):
        self.plan = plan
        self._report = report

    @cached_property
    def report(self) -> PlanReport:
        if self._report is not None:
            return self._report
        with self.in_language():
            return build_report(self.plan)

    @property
    def filename(self) -> str:
        plan = self.plan
        return export_filename(
            f"Отчёт {plan.unit.name} {plan.year}-{plan.year + 1}", self.extension
        )


class PlanReportPdfExporter(HtmlPdfExporter, PlanReportExporter):
    identifier = "report_pdf"

    def build_html(self, progress: Progress) -> str:
        progress(5, pgettext("report", "Collecting the report"))
        report = self.report
        return render_to_string(
            PLAN_TEMPLATE, {"report": report, "logo": logo_uri(report.institution)}
        )


class ConsolidatedReportPdfExporter(HtmlPdfExporter):
    """The institution's report for a year."""

    start = 30

    def __init__(self, year: int, report: ConsolidatedReport | None = None):
        self.year = year
        self._report = report

    @cached_property
    def report(self) -> ConsolidatedReport:
        if self._report is not None:
            return self._report
        with self.in_language():
            return build_consolidated(self.year)

    @property
    def filename(self) -> str:
        return export_filename(f"Сводный отчёт {self.year}-{self.year + 1}", self.extension)

    def build_html(self, progress: Progress) -> str:
        progress(5, pgettext("report", "Collecting the report"))
        report = self.report
        return render_to_string(
            CONSOLIDATED_TEMPLATE, {"report": report, "logo": logo_uri(report.institution)}
        )
