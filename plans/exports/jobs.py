"""Exports that take long run as background jobs (django-tasks, database backend).

Rule: the consolidated PDF always runs in the background; a plan's PDF does when it is not in
the cache and its table is long: more than EXPORT_SYNC_MAX_LINES (default 120) printed table
lines, and so do a plan's DOCX and XLSX (issue 13: before they were linear, a DOCX of 300
rows outlived the web worker's 120 s timeout). Measured with WeasyPrint 70: the seed's plan
(59 printed lines) ≈ 0.6–1 s, 118 lines ≈ 1.5 s, 177 lines ≈ 3 s. The job writes its file into
the default storage under exports/ and records its progress, which the job page shows.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from plans.exports import records
from plans.models import ExportJob, Plan
from plans.table import TableLine

KEEP_DAYS = 7


def sync_max_lines() -> int:
    return getattr(settings, "EXPORT_SYNC_MAX_LINES", 120)


def printed_lines(lines: list[TableLine]) -> int:
    return sum(1 if line.is_heading else line.span for line in lines)


def needs_background(lines: list[TableLine]) -> bool:
    return printed_lines(lines) > sync_max_lines()


def content_key(exporter) -> str:
    """A DOCX's or XLSX's job key: the hash of what it writes (its `content_parts`), so asking
    again for an unchanged plan finds the job that is running or done."""
    digest = hashlib.sha256(f"{exporter.identifier}:{exporter.plan.pk}".encode())
    for part in exporter.content_parts():
        digest.update(repr(part).encode())
    return digest.hexdigest()


def reusable(job: ExportJob | None) -> bool:
    if job is None or job.status == ExportJob.Status.FAILED:
        return False
    return job.status != ExportJob.Status.DONE or records.has_file(job)


def prune(user) -> None:
    """Forget the user's jobs older than KEEP_DAYS, with their files."""
    old = ExportJob.objects.filter(
        user=user, created_at__lt=timezone.now() - timedelta(days=KEEP_DAYS)
    )
    for job in old:
        records.delete_file(job)
    old.delete()


def start(user, kind: str, key: str, *, plan: Plan | None = None, year: int | None = None,
          task=None):
    """The user's job for this content: the running or finished one, else a new one.

    ``task`` runs it (default: ``plans.exports.tasks.run_export``; a feature above plans
    passes its own task built on ``tasks.run_job``)."""
    prune(user)
    existing = (
        ExportJob.objects.filter(user=user, kind=kind, key=key, plan=plan, year=year)
        .order_by("-created_at")
        .first()
    )
    if reusable(existing):
        return existing
    job = ExportJob.objects.create(user=user, kind=kind, key=key, plan=plan, year=year)
    if task is None:
        from plans.exports.tasks import run_export as task

    def enqueue():
        result = task.enqueue(str(job.pk))
        ExportJob.objects.filter(pk=job.pk).update(task_id=str(result.id))

    transaction.on_commit(enqueue)
    return job
