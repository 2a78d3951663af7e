"""What a running export job records: its progress, its file, or its failure.

The background task (`plans.exports.tasks`) writes these; the pages (`plans.exports.jobs` and
the views) read them. Kept apart from `jobs`, which starts tasks, so the two never import each
other.
"""

from pathlib import Path

from django.conf import settings
from django.utils import timezone

from plans.models import ExportJob

EXPORT_DIR = "exports"


def job_path(job: ExportJob) -> Path:
    return Path(settings.MEDIA_ROOT) / job.file



def report(job_id, percent: int, step: str) -> None:
    ExportJob.objects.filter(pk=job_id).update(progress=max(0, min(100, percent)), step=step[:200])


def finish(job: ExportJob, data: bytes, filename: str, content_type: str) -> None:
    suffix = Path(filename).suffix.lower()[:8] or ".pdf"
    relative = f"{EXPORT_DIR}/{job.pk}{suffix}"
    path = Path(settings.MEDIA_ROOT) / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    partial.write_bytes(data)
    partial.replace(path)
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.DONE,
        progress=100,
        step="",
        file=relative,
        filename=filename,
        content_type=content_type,
        finished_at=timezone.now(),
    )


def fail(job_id, error: BaseException) -> None:
    ExportJob.objects.filter(pk=job_id).update(
        status=ExportJob.Status.FAILED,
        error=f"{type(error).__name__}: {error}"[:2000],
        finished_at=timezone.now(),
    )
