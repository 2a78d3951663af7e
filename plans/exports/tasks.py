"""The background task that runs an ExportJob (`manage.py db_worker` picks it up)."""

from django.utils.translation import gettext as _
from django_tasks import task

from plans.access import plan_queryset
from plans.exports import cache as pdf_cache
from plans.exports import jobs
from plans.exports.pdf import ConsolidatedPdfExporter, PdfExporter
from plans.models import ExportJob
from plans.table import build_table


def consolidated_plans(user, year: int):
    return list(plan_queryset(user).filter(year=year).order_by("unit__order", "unit__name"))


@task()
def run_export(job_id: str) -> str:
    job = ExportJob.objects.select_related("user", "plan").get(pk=job_id)
    if job.status == ExportJob.Status.DONE:
        return job.file
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.RUNNING, progress=1, step=_("Starting")
    )

    def progress(percent: int, step: str) -> None:
        jobs.report(job.pk, percent, step)

    try:
        if job.kind == ExportJob.Kind.PLAN_PDF:
            plan = plan_queryset(job.user).get(pk=job.plan_id)
            lines = build_table(plan)
            exporter = PdfExporter(plan, lines)
            data = exporter.render(progress)
            pdf_cache.put_pdf(pdf_cache.plan_fingerprint(plan, lines), data)
        else:
            exporter = ConsolidatedPdfExporter(consolidated_plans(job.user, job.year), job.year)
            data = exporter.render(progress)
        jobs.finish(job, data, exporter.filename, exporter.content_type)
    except Exception as error:
        jobs.fail(job.pk, error)
        raise
    return job.pk.hex
