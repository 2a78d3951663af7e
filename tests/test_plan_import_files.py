"""Importing annual plans: bad files, the command line and the browser page."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from partners.models import Partner, Tier, Unit
from plans.importing import (
    PlanImportError,
    import_plan,
)
from plans.models import Plan, PlanRow
from tests.docx_builders import (
    build_document_without_table,
    build_plan_docx,
    build_seed_docx,
)
from tests.factories import CategoryFactory, PartnerFactory
from tests.plan_import_support import read

# --------------------------------------------------------------------------- bad files


def broken_docx() -> bytes:
    return build_seed_docx()[:3000]


def zip_without_document() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "Привет")
    return buffer.getvalue()


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (25 * 1024 * 1024))
    return buffer.getvalue()


def wrong_columns() -> bytes:
    return build_plan_docx([["1", "Сходить в музей"]], header=["Дата", "Событие"])


def encrypted_docx() -> bytes:
    # What Word saves with a password: an OLE compound file holding the encrypted package.
    return bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 4000 + b"EncryptedPackage"


BAD_FILES = {
    "empty": (b"", "пуст"),
    "text": ("Просто текст, не таблица".encode(), "ни документом Word"),
    "pdf": (b"%PDF-1.7\n" + b"0" * 100, "ни документом Word"),
    "broken-docx": (broken_docx(), "повреждён"),
    "zip-not-docx": (zip_without_document(), "не читается как документ Word"),
    "password-protected": (encrypted_docx(), "пароль"),
    "no-table": (build_document_without_table(), "нет таблицы"),
    "wrong-columns": (wrong_columns(), "нет нужных столбцов"),
    "zip-bomb": (zip_bomb(), "слишком велик"),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_it_refuses_a_bad_file_in_russian_and_saves_nothing(db, unit, case, settings):
    settings.MAX_UPLOAD_MB = 1  # so that the zip bomb unpacks past the limit
    data, message = BAD_FILES[case]
    with pytest.raises(PlanImportError) as error:
        import_plan(read(data), unit=unit, year=2026)
    assert message in str(error.value)
    assert not Plan.objects.exists() and not Partner.objects.exists()


def test_it_refuses_a_huge_file(db, unit, settings):
    settings.MAX_UPLOAD_MB = 1
    data = build_seed_docx() + b"\0" * (1024 * 1024)
    with pytest.raises(PlanImportError, match="слишком велик"):
        read(data)


def test_it_refuses_a_table_with_only_headings(db, unit):
    with pytest.raises(PlanImportError, match="нет партнёров"):
        read(build_plan_docx([["1.", "Образовательные организации:", ""]]))


# --------------------------------------------------------------------------- the command


@pytest.fixture
def seed_file(tmp_path):
    path = tmp_path / "seed.docx"
    path.write_bytes(build_seed_docx())
    return path


def test_it_imports_from_the_command_line(demo, seed_file):
    out = io.StringIO()
    call_command("import_plan", str(seed_file), unit="Кружок «Новый»", year="2026/2027",
                 create_unit=True, stdout=out)
    plan = Plan.objects.get(unit__name="Кружок «Новый»", year=2026)
    assert plan.rows.count() == 20
    text = out.getvalue()
    assert "МБОУ СОШ № 4" in text and "Один раз в полгода" in text


def test_it_only_reports_on_a_dry_run(demo, seed_file):
    out = io.StringIO()
    plans = Plan.objects.count()
    call_command("import_plan", str(seed_file), unit="Кружок «Новый»", year="2026/2027",
                 create_unit=True, dry_run=True, stdout=out)
    assert Plan.objects.count() == plans and not Unit.objects.filter(name="Кружок «Новый»")
    assert "Организационно-педагогический отдел" in out.getvalue()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"unit": "Нет такого", "year": "2026/2027"}, "Нет такого"),
        ({"unit": "Театральное объединение «Хорошее настроение»", "year": "2026/2029"},
         "2026/2027"),
    ],
)
def test_it_stops_the_command_with_a_message(demo, seed_file, options, message):
    with pytest.raises(CommandError, match=message):
        call_command("import_plan", str(seed_file), stdout=io.StringIO(), **options)


def test_it_stops_the_command_on_a_missing_or_bad_file(demo, tmp_path):
    with pytest.raises(CommandError):
        call_command("import_plan", str(tmp_path / "nope.docx"), unit="Мини-зоопарк",
                     year="2026", stdout=io.StringIO())
    bad = tmp_path / "bad.docx"
    bad.write_bytes(encrypted_docx())
    with pytest.raises(CommandError, match="пароль"):
        call_command("import_plan", str(bad), unit="Мини-зоопарк", year="2026",
                     stdout=io.StringIO())


# --------------------------------------------------------------------------- the browser page


def upload(data=None, name="plan.docx"):
    return SimpleUploadedFile(name, build_seed_docx() if data is None else data)


def test_it_imports_through_the_browser_after_a_dry_run(client, administrator, demo, settings):
    client.force_login(administrator)
    response = client.post(
        reverse("plans:import"),
        {"file": upload(), "new_unit": "Кружок «Бисер»", "year": "2026/2027"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Образовательные организации" in body and "Один раз в полгода" in body
    assert not Unit.objects.filter(name="Кружок «Бисер»").exists()
    token = response.context["token"]
    response = client.post(reverse("plans:import_confirm"), {"token": token})
    plan = Plan.objects.get(unit__name="Кружок «Бисер»", year=2026)
    assert response.status_code == 302 and response.url == plan.get_absolute_url()
    assert plan.rows.count() == 20
    # The token is used up, and the uploaded file is gone.
    assert not list((settings.MEDIA_ROOT / "imports").glob("*"))
    again = client.post(reverse("plans:import_confirm"), {"token": token})
    assert again.status_code == 302 and again.url == reverse("plans:import")


def test_it_lets_a_teacher_import_only_for_their_own_units(client, owner, other_unit, unit):
    client.force_login(owner)
    page = client.get(reverse("plans:import"))
    assert "new_unit" not in page.content.decode()
    response = client.post(
        reverse("plans:import"), {"file": upload(), "unit": other_unit.pk, "year": "2026"}
    )
    assert response.status_code == 200 and response.context["form"].errors["unit"]
    response = client.post(
        reverse("plans:import"), {"file": upload(), "unit": unit.pk, "year": "2026"}
    )
    assert response.status_code == 200 and "token" in response.context
    client.post(reverse("plans:import_confirm"), {"token": response.context["token"]})
    assert Plan.objects.get(unit=unit, year=2026).rows.count() == 20


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_it_shows_a_bad_file_error_next_to_the_field(client, administrator, unit, case,
                                                     settings):
    settings.MAX_UPLOAD_MB = 1
    data, message = BAD_FILES[case]
    client.force_login(administrator)
    response = client.post(
        reverse("plans:import"), {"file": upload(data), "unit": unit.pk, "year": "2026"}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Plan.objects.exists()


def test_it_shows_that_the_plan_exists_already(client, administrator, plan):
    PartnerFactory()
    from tests.factories import PlanRowFactory

    PlanRowFactory(plan=plan)
    client.force_login(administrator)
    response = client.post(
        reverse("plans:import"),
        {"file": upload(), "unit": plan.unit.pk, "year": str(plan.year)},
    )
    assert response.status_code == 200 and "уже есть план" in response.content.decode()


def test_it_keeps_a_methodist_out(client, methodist):
    client.force_login(methodist)
    assert client.get(reverse("plans:import")).status_code == 403
    assert client.post(reverse("plans:import_confirm"), {"token": "x"}).status_code == 403


def test_it_matches_partners_by_short_name_and_spelling(unit):
    category = CategoryFactory(name="Правоохранительные органы", tier=Tier.EXTERNAL)
    fire = PartnerFactory(name="ПЧ-48", short_name="ПЧ-48 г. Советский", category=category)
    rows = [
        ["1.", "ПЧ - 48", "", "Экскурсия", "Май"],
        ["2.", "пч-48 г. Советский", "", "Беседа", "Июнь"],
    ]
    report = import_plan(read(build_plan_docx(rows)), unit=unit, year=2026)
    assert report.created_partners == []
    assert PlanRow.objects.get().partner == fire
    assert fire.plan_rows.get().activities.count() == 2
