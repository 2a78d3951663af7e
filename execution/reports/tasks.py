"""The background task of the reports' PDF jobs (ExportJob.Kind.REPORT_PDF): the plan exports'
job runner (``plans.exports.tasks.run_job``) with the reports' exporters."""

from django_tasks import task

from plans.access import plan_queryset
from plans.exports.pdf import HtmlPdfExporter
from plans.exports.tasks import run_job
from plans.models import ExportJob

from .exporters import ConsolidatedReportPdfExporter, PlanReportPdfExporter


def report_exporter_for(job: ExportJob) -> HtmlPdfExporter:
    """A plan's report when the job names a plan (still visible to its user), else the
    institution's report of the job's year."""
    if job.plan_id:
        return PlanReportPdfExporter(plan_queryset(job.user).get(pk=job.plan_id))
    return ConsolidatedReportPdfExporter(job.year)


@task()
def run_report_export(job_id: str) -> str:
    return run_job(job_id, report_exporter_for)
