"""What a running export job records: its progress, its file, or its failure.

The background task (`plans.exports.tasks`) writes these; the pages (`plans.exports.jobs` and
the views) read them. The file goes to Django's default storage (the local disk, or a bucket
shared by every server, see partnership.shared_state), so a job finished by a worker on one
machine is downloaded from any other. Kept apart from `jobs`, which starts tasks, so the two
never import each other.
"""

from pathlib import PurePath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from plans.models import ExportJob

EXPORT_DIR = "exports"


def has_file(job: ExportJob) -> bool:
    return bool(job.file) and default_storage.exists(job.file)


def read_file(job: ExportJob) -> bytes | None:
    """The finished job's file, or None when it is gone."""
    if not job.file:
        return None
    try:
        with default_storage.open(job.file, "rb") as handle:
            return handle.read()
    except (FileNotFoundError, OSError):
        return None


def delete_file(job: ExportJob) -> None:
    if job.file:
        default_storage.delete(job.file)


def report(job_id, percent: int, step: str) -> None:
    ExportJob.objects.filter(pk=job_id).update(progress=max(0, min(100, percent)), step=step[:200])


def finish(job: ExportJob, data: bytes, filename: str, content_type: str) -> None:
    # The storage writes the whole file before the row says DONE, so nobody sees half of it.
    suffix = PurePath(filename).suffix.lower()[:8] or ".pdf"
    relative = default_storage.save(f"{EXPORT_DIR}/{job.pk}{suffix}", ContentFile(data))
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
