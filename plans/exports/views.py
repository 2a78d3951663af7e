"""Downloads of a plan (PDF, DOCX, XLSX, SVG), the diagram page, the consolidated plan and
the background export jobs with their progress."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header

from partners import policy
from plans import access
from plans.exports import EXPORTERS, ConsolidatedPdfExporter, PdfExporter, jobs, records
from plans.exports import cache as pdf_cache
from plans.exports.consolidated import YEARS, consolidated_plans
from plans.exports.coverage import CoveragePdfExporter, CoverageXlsxExporter
from plans.exports.diagram import diagram_title, plan_svg
from plans.models import ExportJob, current_academic_year
from plans.review.coverage import build_coverage
from plans.review.filters import CoverageFilter


def download(data: bytes, filename: str, content_type: str, **headers) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-cache"
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def send(exporter, data: bytes | None = None, **headers) -> HttpResponse:
    """The exporter's file as a download (rendered now unless `data` is given)."""
    data = exporter.render() if data is None else data
    return download(data, exporter.filename, exporter.content_type, **headers)


@login_required
def plan_pdf(request, pk):
    plan = access.get_plan(request, pk)
    exporter = PdfExporter(plan)
    key = exporter.cache_key
    data = pdf_cache.get_pdf(key)
    if data is not None:
        return send(exporter, data, X_Export_Cache="hit")
    if jobs.needs_background(exporter.document.lines):
        job = jobs.start(request.user, ExportJob.Kind.PLAN_PDF, key, plan=plan)
        return redirect(job)
    data = exporter.render()
    pdf_cache.put_pdf(key, data)
    return send(exporter, data, X_Export_Cache="miss")


def _export(request, pk, identifier):
    plan = access.get_plan(request, pk)
    return send(EXPORTERS[identifier](plan))


def _office(request, pk, identifier, kind):
    """A DOCX or XLSX now, or, for a long plan, as a background job (as a long PDF)."""
    plan = access.get_plan(request, pk)
    exporter = EXPORTERS[identifier](plan)
    if jobs.needs_background(exporter.document.lines):
        job = jobs.start(request.user, kind, jobs.content_key(exporter), plan=plan)
        return redirect(job)
    return send(exporter)


@login_required
def plan_docx(request, pk):
    return _office(request, pk, "docx", ExportJob.Kind.PLAN_DOCX)


@login_required
def plan_xlsx(request, pk):
    return _office(request, pk, "xlsx", ExportJob.Kind.PLAN_XLSX)


@login_required
def plan_diagram_svg(request, pk):
    response = _export(request, pk, "svg")
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


@login_required
def plan_diagram(request, pk):
    plan = access.get_plan(request, pk)
    context = {"plan": plan, "title": diagram_title(plan), "svg": plan_svg(plan)}
    return render(request, "plans/exports/diagram.html", context)


# --- the consolidated plan ----------------------------------------------------------------
def _year(year: int) -> int:
    if year not in YEARS:
        raise Http404
    return year


@login_required
def consolidated_pdf(request, year):
    plans = consolidated_plans(request.user, _year(year))
    if not plans:
        raise Http404
    exporter = ConsolidatedPdfExporter(plans, year)
    job = jobs.start(request.user, ExportJob.Kind.CONSOLIDATED_PDF, exporter.cache_key, year=year)
    return redirect(job)


@login_required
def consolidated_current(request):
    return redirect("plans:consolidated", current_academic_year())


# --- background jobs ----------------------------------------------------------------------
def _job(request, pk) -> ExportJob:
    job = get_object_or_404(ExportJob.objects.select_related("plan"), pk=pk, user=request.user)
    if job.plan_id and not policy.may_see_plan(request.user, job.plan):
        raise Http404
    return job


@login_required
def export_job(request, pk):
    job = _job(request, pk)
    context = {"job": job}
    if request.htmx:
        return render(request, "plans/exports/_export_progress.html", context)
    return render(request, "plans/exports/export_job.html", context)


@login_required
def export_download(request, pk):
    job = _job(request, pk)
    if job.status != ExportJob.Status.DONE:
        raise Http404
    data = records.read_file(job)  # through the storage: any server reads any worker's file
    if data is None:
        raise Http404
    return download(data, job.filename, job.content_type)


def _coverage(request):
    """The coverage report of the filters in the URL, for the user's units."""
    params = CoverageFilter(request.GET, user=request.user).params()
    return build_coverage(request.user, params)


@login_required
def coverage_xlsx(request):
    exporter = CoverageXlsxExporter(
        _coverage(request), base_url=request.build_absolute_uri("/").rstrip("/")
    )
    return send(exporter)


@login_required
def coverage_pdf(request):
    return send(CoveragePdfExporter(_coverage(request)))
