"""Downloads of a plan (PDF, DOCX, XLSX, SVG), the diagram page, the consolidated plan and
the background export jobs with their progress."""

from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header

from plans import access
from plans.exports import EXPORTERS, PdfExporter, jobs
from plans.exports import cache as pdf_cache
from plans.exports.diagram import diagram_title, plan_svg
from plans.exports.document import PlanDocument
from plans.models import ExportJob, Plan, PlanRow, academic_year_label
from plans.table import build_table

YEARS = range(2000, 2101)


def download(data: bytes, filename: str, content_type: str, **headers) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-cache"
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


@login_required
def plan_pdf(request, pk):
    plan = access.get_plan(request, pk)
    lines = build_table(plan)
    key = pdf_cache.plan_fingerprint(plan, lines)
    exporter = PdfExporter(plan, lines)
    data = pdf_cache.get_pdf(key)
    if data is not None:
        return download(data, exporter.filename, exporter.content_type, X_Export_Cache="hit")
    if jobs.needs_background(lines):
        job = jobs.start(request.user, ExportJob.Kind.PLAN_PDF, key, plan=plan)
        return redirect(job)
    data = exporter.render()
    pdf_cache.put_pdf(key, data)
    return download(data, exporter.filename, exporter.content_type, X_Export_Cache="miss")


def _export(request, pk, identifier):
    plan = access.get_plan(request, pk)
    exporter = EXPORTERS[identifier](plan)
    return download(exporter.render(), exporter.filename, exporter.content_type)


@login_required
def plan_docx(request, pk):
    return _export(request, pk, "docx")


@login_required
def plan_xlsx(request, pk):
    return _export(request, pk, "xlsx")


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


def consolidated_documents(request, year: int) -> list[PlanDocument]:
    """Every plan of the year the user may see, each with its table, in few queries."""
    plans = list(
        access.plan_queryset(request.user).filter(year=year).order_by("unit__order", "unit__name")
    )
    rows = (
        PlanRow.objects.filter(plan__in=plans)
        .select_related("partner", "partner__category")
        .prefetch_related("directions", "activities", "activities__form")
        .order_by("order", "pk")
    )
    by_plan: dict[int, list[PlanRow]] = {plan.pk: [] for plan in plans}
    for row in rows:
        by_plan[row.plan_id].append(row)
    return [
        PlanDocument(
            plan=plan,
            institution=plan.unit.institution,
            title=str(plan.display_title),
            lines=build_table(plan, rows=by_plan[plan.pk]),
            approval=None,
            diagram_title="",
            diagram_svg="",
        )
        for plan in plans
    ]


@login_required
def consolidated(request, year):
    year = _year(year)
    docs = consolidated_documents(request, year)
    years = sorted(
        set(access.plan_queryset(request.user).values_list("year", flat=True)), reverse=True
    )
    context = {
        "docs": docs,
        "year": year,
        "academic_year": academic_year_label(year),
        "years": [(y, academic_year_label(y)) for y in years],
    }
    return render(request, "plans/exports/consolidated.html", context)


@login_required
def consolidated_pdf(request, year):
    year = _year(year)
    plans = list(access.plan_queryset(request.user).filter(year=year))
    if not plans:
        raise Http404
    # The content key: which plans, and what each of them prints.
    docs = consolidated_documents(request, year)
    key = pdf_cache.fingerprint(
        "consolidated", year, [pdf_cache.plan_content(doc.plan, doc.lines) for doc in docs]
    )
    job = jobs.start(request.user, ExportJob.Kind.CONSOLIDATED_PDF, key, year=year)
    return redirect(job)


# --- background jobs ----------------------------------------------------------------------
def _job(request, pk) -> ExportJob:
    job = get_object_or_404(ExportJob.objects.select_related("plan"), pk=pk, user=request.user)
    if job.plan_id and not Plan.objects.visible_to(request.user).filter(pk=job.plan_id).exists():
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
    path = Path(jobs.job_path(job))
    if not path.is_file():
        raise Http404
    return download(path.read_bytes(), job.filename, job.content_type)


@login_required
def consolidated_current(request):
    from plans.models import current_academic_year

    return redirect("plans:consolidated", current_academic_year())
