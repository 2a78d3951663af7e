"""The year-end report of a plan (with the teacher's conclusions) and the institution's
consolidated report, in the page, as PDF and as DOCX."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods

from partners import policy
from plans import access
from plans.exports import cache as pdf_cache
from plans.exports import jobs
from plans.exports.views import send
from plans.models import ExportJob, Plan, academic_year_label, current_academic_year

from .consolidated import YEARS, build_consolidated
from .docx import PlanReportDocxExporter
from .exporters import ConsolidatedReportPdfExporter, PlanReportPdfExporter
from .forms import ConclusionForm
from .services import build_report
from .tasks import run_report_export


def _plan(request, pk) -> Plan:
    """A plan whose execution the user sees (else 404)."""
    plan = access.get_plan(request, pk)
    if not policy.may_see_execution(request.user, plan):
        raise Http404
    return plan


def _year(request, year: int) -> int:
    """A year of the consolidated report, for those who see the whole institution (else 403)."""
    if not policy.may_see_whole_institution(request.user):
        raise PermissionDenied
    if year not in YEARS:
        raise Http404
    return year


@login_required
@require_http_methods(["GET", "POST"])
def plan_report(request, pk):
    plan = _plan(request, pk)
    may_write = policy.may_record_execution(request.user, plan)
    if request.method == "POST" and not may_write:
        raise PermissionDenied
    report = build_report(plan)
    form = None
    if may_write:
        data = request.POST if request.method == "POST" else None
        form = ConclusionForm(data, instance=report.conclusion)
        if request.method == "POST" and form.is_valid():
            form.save_by(request.user, plan)
            messages.success(request, pgettext("report", "The conclusions are saved."))
            return redirect(reverse("reports:plan", args=[plan.pk]) + "#conclusions")
    context = {"plan": plan, "report": report, "form": form}
    return render(request, "execution/reports/plan.html", context)


@login_required
def plan_report_pdf(request, pk):
    plan = _plan(request, pk)
    exporter = PlanReportPdfExporter(plan)
    key = exporter.cache_key
    data = pdf_cache.get_pdf(key)
    if data is not None:
        return send(exporter, data, X_Export_Cache="hit")
    if jobs.needs_background(exporter.report.lines):
        job = jobs.start(
            request.user, ExportJob.Kind.REPORT_PDF, key, plan=plan, task=run_report_export
        )
        return redirect(job)
    data = exporter.render()
    pdf_cache.put_pdf(key, data)
    return send(exporter, data, X_Export_Cache="miss")


@login_required
def plan_report_docx(request, pk):
    return send(PlanReportDocxExporter(_plan(request, pk)))


@login_required
def consolidated_current(request):
    return redirect("reports:consolidated", current_academic_year())


@login_required
def consolidated(request, year):
    year = _year(request, year)
    years = sorted(set(Plan.objects.values_list("year", flat=True)) | {year}, reverse=True)
    context = {
        "report": build_consolidated(year),
        "year": year,
        "years": [(y, academic_year_label(y)) for y in years],
    }
    return render(request, "execution/reports/consolidated.html", context)


@login_required
def consolidated_pdf(request, year):
    year = _year(request, year)
    exporter = ConsolidatedReportPdfExporter(year)
    if exporter.report.printed_lines > jobs.sync_max_lines():
        job = jobs.start(
            request.user,
            ExportJob.Kind.REPORT_PDF,
            exporter.cache_key,
            year=year,
            task=run_report_export,
        )
        return redirect(job)
    return send(exporter)
