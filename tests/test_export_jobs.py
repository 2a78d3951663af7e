"""Long exports as background jobs: the rule, progress, completion, download and access;
the consolidated plan in HTML and PDF."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse

from plans.exports import pdf as pdf_module
from plans.exports import pool as pool_module
from plans.exports import records
from plans.models import ExportJob, Plan
from tests.factories import ActivityFactory, PartnerFactory, PlanFactory, PlanRowFactory
from tests.print_support import pdf_contains, pdf_pages

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def immediate(settings):
    settings.TASKS = IMMEDIATE


@pytest.fixture
def long_plan(plan, settings):
    """A plan longer than the synchronous limit (lowered for the test)."""
    settings.EXPORT_SYNC_MAX_LINES = 3
    for n in range(3):
        row = PlanRowFactory(plan=plan, partner=PartnerFactory(name=f"Партнёр {n}"))
        ActivityFactory(row=row, title=f"Мероприятие {n}")
        ActivityFactory(row=row, title=f"Экскурсия {n}")
    return plan


def test_it_runs_a_long_plan_pdf_in_the_background_and_offers_the_file(
    client, owner, long_plan, immediate, django_capture_on_commit_callbacks
):
    client.force_login(owner)
    url = reverse("plans:pdf", args=[long_plan.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url)
    assert response.status_code == 302
    job = ExportJob.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert (job.status, job.progress, job.user) == ("done", 100, owner)
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Готово" in page and reverse("plans:export_download", args=[job.pk]) in page
    assert 'http-equiv="refresh"' not in page and "hx-trigger" not in page
    download = client.get(reverse("plans:export_download", args=[job.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    data = download.content
    text = "\n".join(pdf_pages(data))
    assert pdf_contains(text, "Экскурсия 2") and "ПРОЕКТ" in text
    # The job filled the cache: the same plan now comes at once.
    again = client.get(url)
    assert again.status_code == 200 and again["X-Export-Cache"] == "hit"


def test_it_reuses_the_running_job_for_unchanged_content(client, owner, long_plan):
    client.force_login(owner)
    url = reverse("plans:pdf", args=[long_plan.pk])
    first = client.get(url)
    second = client.get(url)
    assert first["Location"] == second["Location"]
    assert ExportJob.objects.count() == 1
    ActivityFactory(row=long_plan.rows.first(), title="Новое")
    client.get(url)
    assert ExportJob.objects.count() == 2


def test_it_shows_a_waiting_job_with_a_progress_bar_that_refreshes(client, owner, long_plan):
    client.force_login(owner)
    client.get(reverse("plans:pdf", args=[long_plan.pk]))
    job = ExportJob.objects.get()
    page = client.get(job.get_absolute_url()).content.decode()
    assert '<progress class="export-progress is-running"' in page
    assert 'max="100" value="0"' in page and "style=" not in page.split('id="export-progress"')[1]
    assert "<noscript><meta http-equiv=\"refresh\" content=\"2\"></noscript>" in page
    assert f'hx-get="{job.get_absolute_url()}"' in page and 'hx-trigger="every 1s"' in page
    assert "В очереди" in page
    partial = client.get(job.get_absolute_url(), headers={"HX-Request": "true"})
    assert "<html" not in partial.content.decode()
    assert 'id="export-progress"' in partial.content.decode()
    assert client.get(reverse("plans:export_download", args=[job.pk])).status_code == 404


def test_it_keeps_a_job_to_the_user_who_asked_for_it(client, owner, methodist, long_plan):
    client.force_login(owner)
    client.get(reverse("plans:pdf", args=[long_plan.pk]))
    job = ExportJob.objects.get()
    client.force_login(methodist)
    assert client.get(job.get_absolute_url()).status_code == 404
    assert client.get(reverse("plans:export_download", args=[job.pk])).status_code == 404
    # A teacher who has left the unit no longer gets the plan's export.
    client.force_login(owner)
    long_plan.unit.members.remove(owner)
    assert client.get(job.get_absolute_url()).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_it_reports_progress_and_finishes_in_the_database_worker(
    client, owner, long_plan, monkeypatch
):
    seen = []
    report = records.report

    def recording(job_id, percent, step):
        seen.append(percent)
        report(job_id, percent, step)

    monkeypatch.setattr(records, "report", recording)
    client.force_login(owner)
    client.get(reverse("plans:pdf", args=[long_plan.pk]))
    job = ExportJob.objects.get()
    assert job.status == "queued" and job.task_id
    call_command("db_worker", "--batch", "--queue-name", "*", "--no-startup-delay", verbosity=0)
    job.refresh_from_db()
    assert job.status == "done" and job.progress == 100 and job.finished_at
    assert seen == sorted(seen) and len(seen) >= 3 and 0 < seen[1] < 100
    assert job.file.startswith("exports/") and records.has_file(job)


def test_it_records_a_failed_export_without_an_error_page(
    client, owner, long_plan, immediate, monkeypatch, django_capture_on_commit_callbacks,
    settings,
):
    def broken(*args, **kwargs):
        raise RuntimeError("pango is missing")

    settings.PDF_PROCESSES = 0  # its parts laid out here, where the patch is
    monkeypatch.setattr(pdf_module, "html_to_pdf", broken)
    monkeypatch.setattr(pool_module, "html_to_pdf", broken)
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(reverse("plans:pdf", args=[long_plan.pk]))
    job = ExportJob.objects.get()
    response = client.get(job.get_absolute_url())
    assert response.status_code == 200
    assert job.status == "failed" and "pango is missing" in job.error
    assert "Экспорт не удался" in response.content.decode()


# --- the consolidated plan ----------------------------------------------------------------
@pytest.fixture
def two_plans(plan, other_teacher):
    PlanRowFactory(plan=plan, partner=PartnerFactory(name="МБОУ СОШ № 4"))
    other = PlanFactory(unit=other_teacher.units.first(), year=plan.year)
    PlanRowFactory(plan=other, partner=PartnerFactory(name="Ледовый дворец"))
    PlanFactory(unit=other.unit, year=plan.year + 1)
    return plan, other


def test_it_shows_every_visible_plan_of_the_year_with_contents(client, methodist, owner, two_plans):
    plan, other = two_plans
    url = reverse("plans:consolidated", args=[plan.year])
    client.force_login(methodist)
    body = client.get(url).content.decode()
    assert "Содержание" in body
    assert f'href="#plan-{plan.pk}"' in body and f'href="#plan-{other.pk}"' in body
    assert "МБОУ СОШ № 4" in body and "Ледовый дворец" in body
    client.force_login(owner)
    body = client.get(url).content.decode()
    assert "МБОУ СОШ № 4" in body and "Ледовый дворец" not in body


def test_it_keeps_the_consolidated_page_queries_flat(
    client, methodist, two_plans, django_assert_max_num_queries
):
    plan, _other = two_plans
    client.force_login(methodist)
    url = reverse("plans:consolidated", args=[plan.year])
    with django_assert_max_num_queries(25) as few:
        client.get(url)
    for n in range(3):
        extra = PlanFactory(year=plan.year)
        row = PlanRowFactory(plan=extra, partner=PartnerFactory(name=f"Ещё {n}"))
        ActivityFactory(row=row)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_it_prints_the_consolidated_plan_in_the_background(
    client, methodist, two_plans, immediate, django_capture_on_commit_callbacks
):
    plan, other = two_plans
    other.status = Plan.Status.APPROVED
    other.save()
    client.force_login(methodist)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("plans:consolidated_pdf", args=[plan.year]))
    job = ExportJob.objects.get()
    assert response["Location"] == job.get_absolute_url() and job.status == "done"
    data = client.get(reverse("plans:export_download", args=[job.pk])).content
    pages = pdf_pages(data)
    assert "Содержание" in pages[0]
    assert pdf_contains(pages[0], "Сводный план работы с социальными партнёрами")
    assert pdf_contains(pages[0], plan.unit.name) and pdf_contains(pages[0], other.unit.name)
    assert "стр. 2" in pages[0]  # the contents give page numbers
    text = "\n".join(pages)
    assert pdf_contains(text, "МБОУ СОШ № 4") and pdf_contains(text, "Ледовый дворец")
    assert "ПРОЕКТ" in text and "УТВЕРЖДАЮ" in text
    assert f"стр. 1 из {len(pages)}" in pages[0]


@pytest.mark.parametrize("year", [1500, 3000])
def test_it_refuses_years_out_of_range(client, methodist, year):
    client.force_login(methodist)
    assert client.get(reverse("plans:consolidated", args=[year])).status_code == 404
    assert client.get(reverse("plans:consolidated_pdf", args=[year])).status_code == 404


def test_it_has_no_consolidated_pdf_without_plans(client, methodist, db):
    client.force_login(methodist)
    assert client.get(reverse("plans:consolidated", args=[2030])).status_code == 200
    assert client.get(reverse("plans:consolidated_pdf", args=[2030])).status_code == 404


def test_it_forgets_a_users_jobs_after_a_week(client, owner, long_plan):
    from datetime import timedelta

    from django.utils import timezone

    client.force_login(owner)
    client.get(reverse("plans:pdf", args=[long_plan.pk]))
    old = ExportJob.objects.get()
    old.file = f"exports/{old.pk}.pdf"
    old.created_at = timezone.now() - timedelta(days=8)
    old.save()
    default_storage.save(old.file, ContentFile(b"%PDF"))
    client.get(reverse("plans:pdf", args=[long_plan.pk]))
    assert list(ExportJob.objects.values_list("pk", flat=True)) != [old.pk]
    assert ExportJob.objects.count() == 1 and not default_storage.exists(old.file)
