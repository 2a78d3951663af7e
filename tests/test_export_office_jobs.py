"""A long plan's DOCX and XLSX run as background jobs, as a long PDF does: the job's page,
its file with the right type, the same job for unchanged content, a short plan at once."""

import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from plans.models import ExportJob
from tests.factories import ActivityFactory, PartnerFactory, PlanRowFactory

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def long_plan(plan, settings):
    settings.EXPORT_SYNC_MAX_LINES = 3
    for n in range(3):
        row = PlanRowFactory(plan=plan, partner=PartnerFactory(name=f"Партнёр {n}"))
        ActivityFactory(row=row, title=f"Мероприятие {n}")
        ActivityFactory(row=row, title=f"Экскурсия {n}")
    return plan


@pytest.mark.parametrize("name, kind, content_type", [
    ("plans:docx", ExportJob.Kind.PLAN_DOCX, DOCX),
    ("plans:xlsx", ExportJob.Kind.PLAN_XLSX, XLSX),
])
def test_it_runs_a_long_plans_office_file_in_the_background(
    client, owner, long_plan, settings, django_capture_on_commit_callbacks, name, kind,
    content_type,
):
    settings.TASKS = IMMEDIATE
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse(name, args=[long_plan.pk]))
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert (job.kind, job.status) == (kind, ExportJob.Status.DONE)
    assert job.file.endswith("." + name.split(":")[1])
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Готово" in page and ("DOCX" in page or "XLSX" in page)
    download = client.get(reverse("plans:export_download", args=[job.pk]))
    assert download.status_code == 200 and download["Content-Type"] == content_type
    assert job.filename.endswith(name.split(":")[1])
    if kind == ExportJob.Kind.PLAN_DOCX:
        text = "\n".join(c.text for r in Document(io.BytesIO(download.content)).tables[0].rows
                         for c in r.cells)
    else:
        sheet = load_workbook(io.BytesIO(download.content)).active
        text = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row)
    assert "Экскурсия 2" in text


def test_it_reuses_the_job_for_unchanged_content_and_starts_anew_after_a_change(
    client, owner, long_plan
):
    client.force_login(owner)
    url = reverse("plans:docx", args=[long_plan.pk])
    first, again = client.get(url), client.get(url)
    assert first["Location"] == again["Location"]
    assert ExportJob.objects.count() == 1
    row = long_plan.rows.first()
    ActivityFactory(row=row, title="Новое мероприятие")
    client.get(url)
    assert ExportJob.objects.count() == 2


def test_it_gives_a_short_plans_office_files_at_once(client, owner, plan, settings):
    settings.EXPORT_SYNC_MAX_LINES = 120
    PlanRowFactory(plan=plan)
    client.force_login(owner)
    for name in ("plans:docx", "plans:xlsx"):
        response = client.get(reverse(name, args=[plan.pk]))
        assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert not ExportJob.objects.exists()


def test_it_keeps_another_units_long_plan_from_a_stranger(client, other_teacher, long_plan):
    client.force_login(other_teacher)
    assert client.get(reverse("plans:docx", args=[long_plan.pk])).status_code in (403, 404)
    assert not ExportJob.objects.exists()
