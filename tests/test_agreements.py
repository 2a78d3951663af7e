"""Cooperation agreements: status by the dates, the signed file, the annex, who may do what."""

import io
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfWriter

from partners.models import EXPIRING_WITHIN_DAYS, Agreement
from tests.factories import PartnerFactory, PlanFactory, PlanRowFactory

TODAY = date(2026, 3, 1)


def pdf_bytes():
    # A real one-page PDF: signed files are checked by opening them with pypdf.
    writer, buffer = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=595, height=842)
    writer.write(buffer)
    return buffer.getvalue()


PDF = pdf_bytes()


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return buffer.getvalue()


def jpeg_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "JPEG")
    return buffer.getvalue()


# --------------------------------------------------------------------------- status


def make(valid_from, valid_until=None, **kwargs):
    return Agreement(valid_from=valid_from, valid_until=valid_until, **kwargs)


@pytest.mark.parametrize(
    ("valid_from", "valid_until", "status"),
    [
        (TODAY - timedelta(days=1), TODAY + timedelta(days=EXPIRING_WITHIN_DAYS + 1), "in_force"),
        (TODAY - timedelta(days=1), TODAY + timedelta(days=EXPIRING_WITHIN_DAYS), "expiring"),
        (TODAY - timedelta(days=1), TODAY, "expiring"),  # its last day
        (TODAY - timedelta(days=30), TODAY - timedelta(days=1), "expired"),
        (TODAY - timedelta(days=1), None, "in_force"),  # open-ended
        (TODAY - timedelta(days=3000), None, "in_force"),
        (TODAY, TODAY + timedelta(days=365), "in_force"),  # its first day
        (TODAY + timedelta(days=1), TODAY + timedelta(days=365), "not_started"),
        (TODAY + timedelta(days=1), None, "not_started"),
    ],
    ids=["day-61", "day-60", "last-day", "day-after", "open-ended", "old-open-ended",
         "first-day", "day-before", "open-ended-future"],
)
def test_it_derives_the_status_from_the_dates(db, valid_from, valid_until, status, unit):
    agreement = make(valid_from, valid_until)
    assert agreement.status_on(TODAY) == status
    # The list's filter gives the same answer as the model.
    saved = Agreement.objects.create(
        partner=PartnerFactory(), unit=unit, valid_from=valid_from, valid_until=valid_until
    )
    for other in Agreement.Status.values:
        found = Agreement.objects.with_status(other, TODAY).filter(pk=saved.pk).exists()
        assert found is (other == status), other


def test_it_shows_the_status_in_russian(db):
    labels = {str(label) for label in Agreement.Status.labels}
    assert labels == {"в силе", "истекает", "истёк", "ещё не действует"}


def test_it_turns_expiring_60_days_before_the_end(client, administrator, unit, settings):
    partner = PartnerFactory(name="Ледовый дворец")
    agreement = Agreement.objects.create(
        partner=partner, unit=unit, number="7", valid_from=date(2020, 1, 1),
        valid_until=date.today() + timedelta(days=EXPIRING_WITHIN_DAYS),
    )
    client.force_login(administrator)
    body = client.get(reverse("agreements:list"), {"status": "expiring"}).content.decode()
    assert agreement.get_absolute_url() in body and "истекает" in body
    body = client.get(reverse("agreements:list"), {"status": "in_force"}).content.decode()
    assert agreement.get_absolute_url() not in body


# --------------------------------------------------------------------------- forms and files


@pytest.fixture
def partner(db):
    return PartnerFactory(name="КЦСОН «Ирида»")


def form_data(partner_, unit_, **overrides):
    data = {
        "partner": partner_.pk,
        "unit": unit_.pk,
        "number": "15-с",
        "signed_on": "2025-08-20",
        "valid_from": "2025-09-01",
        "valid_until": "2026-08-31",
        "subject": "Совместная организация мероприятий",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [("dogovor.pdf", PDF, "application/pdf"), ("scan.png", None, "image/png"),
     ("scan.jpeg", "jpeg", "image/jpeg")],
)
def test_it_records_an_agreement_with_its_signed_file(client, owner, unit, partner, name,
                                                      content, content_type, settings):
    content = png_bytes() if content is None else jpeg_bytes() if content == "jpeg" else content
    client.force_login(owner)
    data = form_data(partner, unit, file=SimpleUploadedFile(name, content))
    response = client.post(reverse("agreements:create"), data)
    agreement = Agreement.objects.get()
    assert response.status_code == 302 and response.url == agreement.get_absolute_url()
    assert agreement.file_name == name.replace(".jpeg", ".jpg")  # the detected type's extension
    assert name not in agreement.file.name  # stored under a random name
    assert str(settings.MEDIA_ROOT) in agreement.file.path
    file_response = client.get(reverse("agreements:file", args=[agreement.pk]))
    assert file_response.status_code == 200
    assert file_response["Content-Type"] == content_type
    assert file_response.content == content


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("fake.pdf", b"<html><script>alert(1)</script></html>"),
        ("virus.exe", b"MZ\x90\x00" + b"\0" * 100),
        ("doc.docx", b"PK\x03\x04" + b"\0" * 100),
        ("scan.gif", b"GIF89a" + b"\0" * 100),
    ],
)
def test_it_refuses_files_that_are_not_pdf_or_images(client, owner, unit, partner, name,
                                                     content):
    client.force_login(owner)
    data = form_data(partner, unit, file=SimpleUploadedFile(name, content))
    response = client.post(reverse("agreements:create"), data)
    assert response.status_code == 200
    assert "PDF" in response.context["form"].errors["file"][0]
    assert not Agreement.objects.exists()


def test_it_refuses_a_file_over_the_size_limit(client, owner, unit, partner, settings):
    settings.MAX_UPLOAD_MB = 1
    client.force_login(owner)
    content = PDF + b"0" * (1024 * 1024)
    data = form_data(partner, unit, file=SimpleUploadedFile("big.pdf", content))
    response = client.post(reverse("agreements:create"), data)
    assert response.status_code == 200
    assert "1 МБ" in response.context["form"].errors["file"][0]
    assert not Agreement.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [({"valid_until": "2025-01-01"}, "valid_until"), ({"valid_from": ""}, "valid_from"),
     ({"valid_from": "вчера"}, "valid_from"), ({"partner": "999999"}, "partner")],
)
def test_it_refuses_bad_dates_and_values(client, owner, unit, partner, overrides, field):
    client.force_login(owner)
    response = client.post(reverse("agreements:create"), form_data(partner, unit, **overrides))
    assert response.status_code == 200 and field in response.context["form"].errors
    assert not Agreement.objects.exists()


def test_it_lets_a_teacher_add_agreements_only_for_their_own_units(
    client, owner, unit, other_unit, partner
):
    client.force_login(owner)
    response = client.post(reverse("agreements:create"), form_data(partner, other_unit))
    assert response.status_code == 200 and "unit" in response.context["form"].errors
    assert not Agreement.objects.exists()
    client.post(reverse("agreements:create"), form_data(partner, unit))
    assert Agreement.objects.get().unit == unit


def test_it_keeps_other_units_agreements_and_files_from_a_teacher(
    client, owner, other_teacher, other_unit, partner, methodist
):
    agreement = Agreement.objects.create(
        partner=partner, unit=other_unit, number="1", valid_from=date(2025, 9, 1),
        file=SimpleUploadedFile("x.pdf", PDF), file_name="x.pdf",
    )
    client.force_login(owner)
    for name in ["detail", "file", "edit", "delete"]:
        url = reverse(f"agreements:{name}", args=[agreement.pk])
        assert client.get(url).status_code == 404, name
    listing = client.get(reverse("agreements:list")).content.decode()
    assert agreement.get_absolute_url() not in listing
    client.force_login(other_teacher)
    assert client.get(reverse("agreements:file", args=[agreement.pk])).status_code == 200
    client.force_login(methodist)
    assert client.get(reverse("agreements:file", args=[agreement.pk])).status_code == 200
    assert client.get(reverse("agreements:edit", args=[agreement.pk])).status_code == 403
    client.logout()
    response = client.get(reverse("agreements:file", args=[agreement.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_it_attaches_the_joint_plan_rows_of_the_holder_unit(client, owner, unit, other_unit,
                                                            partner):
    own_row = PlanRowFactory(plan=PlanFactory(unit=unit, year=2025), partner=partner)
    foreign_row = PlanRowFactory(plan=PlanFactory(unit=other_unit, year=2025), partner=partner)
    other_partner_row = PlanRowFactory(plan=own_row.plan)
    client.force_login(owner)
    page = client.get(reverse("agreements:create"), {"partner": partner.pk})
    rows = list(page.context["form"].fields["plan_rows"].queryset)
    assert rows == [own_row]
    response = client.post(reverse("agreements:create"),
                           form_data(partner, unit, plan_rows=[foreign_row.pk]))
    assert response.status_code == 200 and "plan_rows" in response.context["form"].errors
    response = client.post(reverse("agreements:create"),
                           form_data(partner, unit, plan_rows=[other_partner_row.pk]))
    assert response.status_code == 200 and "plan_rows" in response.context["form"].errors
    client.post(reverse("agreements:create"), form_data(partner, unit, plan_rows=[own_row.pk]))
    agreement = Agreement.objects.get()
    assert list(agreement.plan_rows.all()) == [own_row]
    body = client.get(agreement.get_absolute_url()).content.decode()
    assert own_row.get_absolute_url() in body


def test_it_replaces_and_deletes_the_file(client, administrator, unit, partner):
    client.force_login(administrator)
    client.post(reverse("agreements:create"),
                form_data(partner, unit, file=SimpleUploadedFile("a.pdf", PDF)))
    agreement = Agreement.objects.get()
    first_path = agreement.file.path
    client.post(reverse("agreements:edit", args=[agreement.pk]),
                form_data(partner, unit, file=SimpleUploadedFile("b.png", png_bytes())))
    agreement.refresh_from_db()
    assert agreement.file_name == "b.png"
    import os

    assert not os.path.exists(first_path) and os.path.exists(agreement.file.path)
    second_path = agreement.file.path
    response = client.post(reverse("agreements:delete", args=[agreement.pk]))
    assert response.status_code == 302 and not Agreement.objects.exists()
    assert not os.path.exists(second_path)


def test_it_filters_the_list(client, methodist, unit, other_unit, partner):
    today = date.today()
    expired = Agreement.objects.create(partner=partner, unit=unit, number="A",
                                       valid_from=today - timedelta(days=400),
                                       valid_until=today - timedelta(days=1))
    other = Agreement.objects.create(partner=PartnerFactory(name="ГИБДД"), unit=other_unit,
                                     number="B", valid_from=today)
    client.force_login(methodist)
    body = client.get(reverse("agreements:list"), {"status": "expired"}).content.decode()
    assert expired.get_absolute_url() in body and other.get_absolute_url() not in body
    body = client.get(reverse("agreements:list"), {"unit": other_unit.pk}).content.decode()
    assert other.get_absolute_url() in body and expired.get_absolute_url() not in body
    body = client.get(reverse("agreements:list"), {"partner": partner.pk}).content.decode()
    assert expired.get_absolute_url() in body and other.get_absolute_url() not in body
    for bad in [{"status": "nope"}, {"unit": "x"}, {"partner": "99999"}]:
        assert client.get(reverse("agreements:list"), bad).status_code == 200


def test_it_lists_agreements_in_a_fixed_number_of_queries(
    client, methodist, unit, django_assert_max_num_queries
):
    client.force_login(methodist)
    for number in range(20):
        Agreement.objects.create(partner=PartnerFactory(), unit=unit, number=str(number),
                                 valid_from=date(2025, 1, 1))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("agreements:list")).status_code == 200


def test_it_shows_agreements_on_the_partner_page(client, owner, unit, other_unit, partner):
    own = Agreement.objects.create(partner=partner, unit=unit, number="77",
                                   valid_from=date(2025, 1, 1))
    foreign = Agreement.objects.create(partner=partner, unit=other_unit, number="88",
                                       valid_from=date(2025, 1, 1))
    client.force_login(owner)
    body = client.get(partner.get_absolute_url()).content.decode()
    assert own.get_absolute_url() in body and foreign.get_absolute_url() not in body


def test_it_shows_the_chosen_annex_rows_when_the_agreement_is_edited(client, owner, unit,
                                                                     partner):
    row = PlanRowFactory(plan=PlanFactory(unit=unit, year=2025), partner=partner)
    agreement = Agreement.objects.create(partner=partner, unit=unit, valid_from="2025-09-01")
    agreement.plan_rows.add(row)
    client.force_login(owner)
    form = client.get(reverse("agreements:edit", args=[agreement.pk])).context["form"]
    assert list(form["plan_rows"].initial) == [row]
    client.post(reverse("agreements:edit", args=[agreement.pk]),
                form_data(partner, unit, plan_rows=[]))
    assert not agreement.plan_rows.exists()


def test_it_keeps_the_annex_link_on_the_plans_side_of_the_migrations():
    """partners' migrations never depend on plans; plans' carries the old links over."""
    from django.db.migrations.loader import MigrationLoader

    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    for key in graph.nodes:
        if key[0] == "partners":
            assert {parent[0] for parent in graph.node_map[key].parents} <= {"partners",
                                                                              "auth"}, key
    annex = graph.node_map[("plans", "0003_agreement_annex")]
    assert ("partners", "0003_registry") in annex.parents


@pytest.mark.django_db(transaction=True)
def test_it_carries_the_links_of_an_old_database_over(unit, partner):
    """A database migrated before issue 9 has partners_agreement_plan_rows: links survive."""
    import importlib

    from django.apps import apps
    from django.db import connection

    annex = importlib.import_module("plans.migrations.0003_agreement_annex")
    row = PlanRowFactory(plan=PlanFactory(unit=unit, year=2025), partner=partner)
    agreement = Agreement.objects.create(partner=partner, unit=unit, valid_from="2025-09-01")
    with connection.schema_editor() as editor:
        editor.execute(f"CREATE TABLE {annex.OLD_TABLE} (id integer primary key, "
                       "agreement_id integer, planrow_id integer)")
        # An explicit id: only SQLite numbers an «integer primary key» by itself.
        editor.execute(f"INSERT INTO {annex.OLD_TABLE} (id, agreement_id, planrow_id) "
                       f"VALUES (1, {agreement.pk}, {row.pk})")
        annex.carry_over_old_links(apps, editor)
    assert list(agreement.plan_rows.all()) == [row]
    assert annex.OLD_TABLE not in connection.introspection.table_names()
