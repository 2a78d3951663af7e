"""The background task that runs an ExportJob (`manage.py db_worker` picks it up)."""

from django.utils.translation import gettext as _
from django_tasks import task

from plans.access import plan_queryset
from plans.exports import EXPORTERS, pool, records
from plans.exports import cache as pdf_cache
from plans.exports.consolidated import consolidated_plans
from plans.exports.pdf import ConsolidatedPdfExporter, HtmlPdfExporter, PdfExporter
from plans.models import ExportJob

OFFICE = {ExportJob.Kind.PLAN_DOCX: "docx", ExportJob.Kind.PLAN_XLSX: "xlsx"}
# The jobs whose PDF may be laid out in parts on the worker's PDF processes.
PARTED = {ExportJob.Kind.PLAN_PDF, ExportJob.Kind.CONSOLIDATED_PDF}


def exporter_for(job: ExportJob):
    if job.kind == ExportJob.Kind.PLAN_PDF:
        return PdfExporter(plan_queryset(job.user).get(pk=job.plan_id))
    if job.kind in OFFICE:
        return EXPORTERS[OFFICE[job.kind]](plan_queryset(job.user).get(pk=job.plan_id))
    return ConsolidatedPdfExporter(consolidated_plans(job.user, job.year), job.year)


def render_cached(job: ExportJob, exporter: HtmlPdfExporter, progress) -> bytes:
    """The plan's PDF from the cache when its content is there already; else printed (and,
    for a plan, kept in the cache: the next download is immediate)."""
    if job.kind != ExportJob.Kind.PLAN_PDF:
        return exporter.render(progress)
    exporter.html(progress)
    key = exporter.cache_key
    data = pdf_cache.get_pdf(key)
    if data is None:
        data = exporter.render(progress)
        pdf_cache.put_pdf(key, data)
    return data


def run_job(job_id: str, make_exporter=exporter_for) -> str:
    """Run the job with the exporter ``make_exporter(job)`` gives: the task of every kind of
    export job (a feature above plans passes its own, see execution.reports.tasks)."""
    job = ExportJob.objects.select_related("user", "plan").get(pk=job_id)
    if job.status == ExportJob.Status.DONE:
        return job.file
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.RUNNING, progress=1, step=_("Starting")
    )

    def progress(percent: int, step: str) -> None:
        records.report(job.pk, percent, step)

    try:
        # Once a worker: WeasyPrint warm, what is loaded frozen out of the collector, and
        # for a PDF the parts' processes forked.
        pool.warm(start_pool=job.kind in PARTED)
        exporter = make_exporter(job)
        data = render_cached(job, exporter, progress)
        records.finish(job, data, exporter.filename, exporter.content_type)
    except Exception as error:
        records.fail(job.pk, error)
        raise
    return job.pk.hex


@task()
def run_export(job_id: str) -> str:
    return run_job(job_id)
