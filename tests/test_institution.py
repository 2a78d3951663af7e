"""The institution's settings page: administrators only, the logo checked by its content."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from partners import institution_views
from partners.models import Institution
from plans.exports import PdfExporter

FIELDS = {
    "name": "Муниципальное бюджетное учреждение «Центр <Новый>»",
    "short_name": "Центр «Новый»",
    "city": "г. Советский",
    "director_title": "Директор МБУ ДО Центр «Новый»",
    "director_name": "И. И. Иванова",
}


def image_file(fmt="PNG", name="logo.png", size=(40, 20)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 90, 160)).save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_it_lets_an_administrator_change_the_institution(client, administrator, plan):
    client.force_login(administrator)
    url = reverse("institution")
    page = client.get(url)
    assert page.status_code == 200
    assert "Должность руководителя" in page.content.decode()
    response = client.post(url, FIELDS)
    assert response.status_code == 302
    institution = Institution.objects.get()
    assert institution.director_name == "И. И. Иванова"
    assert reverse("institution") in client.get(reverse("home")).content.decode()


@pytest.mark.parametrize("role", ["owner", "methodist"])
def test_it_refuses_the_settings_to_others(client, request, role, plan):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("institution")).status_code == 403
    assert client.post(reverse("institution"), FIELDS).status_code == 403
    assert reverse("institution") not in client.get(reverse("home")).content.decode()


def test_it_requires_the_names(client, administrator, plan):
    client.force_login(administrator)
    response = client.post(reverse("institution"), {**FIELDS, "name": "", "short_name": ""})
    assert response.status_code == 200
    assert "Обязательное поле." in response.content.decode()
    assert Institution.objects.get().name != ""


def test_it_stores_a_png_logo_and_prints_it_in_the_pdf(client, administrator, plan):
    client.force_login(administrator)
    response = client.post(
        reverse("institution"), {**FIELDS, "logo": image_file(name="мой логотип.jpeg")}
    )
    assert response.status_code == 302
    institution = Institution.objects.get()
    assert institution.logo.name.startswith("institution/logo") and institution.logo.name.endswith(
        ".png"
    )
    served = client.get(reverse("institution_logo"))
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    plan.refresh_from_db()
    reader = PdfReader(io.BytesIO(PdfExporter(plan).render()))
    assert len(reader.pages[0].images) >= 1


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>", "image/png"),
         "Загрузите правильное изображение"),
        (image_file("GIF", "logo.gif"), "Логотип должен быть изображением PNG или JPEG."),
        (image_file("BMP", "logo.png"), "Логотип должен быть изображением PNG или JPEG."),
    ],
)
def test_it_refuses_files_that_are_not_png_or_jpeg(client, administrator, plan, upload, message):
    client.force_login(administrator)
    response = client.post(reverse("institution"), {**FIELDS, "logo": upload})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Institution.objects.get().logo


def test_it_refuses_a_logo_that_is_too_large(client, administrator, plan, monkeypatch):
    monkeypatch.setattr(institution_views, "LOGO_MAX_BYTES", 100)
    client.force_login(administrator)
    response = client.post(
        reverse("institution"), {**FIELDS, "logo": image_file(size=(300, 300))}
    )
    assert "Логотип слишком большой" in response.content.decode()
    assert not Institution.objects.get().logo


def test_it_answers_404_when_there_is_no_logo(client, owner, plan):
    client.force_login(owner)
    assert client.get(reverse("institution_logo")).status_code == 404
