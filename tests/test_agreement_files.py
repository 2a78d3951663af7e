"""Signed-agreement files are checked by parsing them, polyglots are refused, and every file is
served as a download under a clean name ending in its real type's extension."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfWriter

from partners import uploads
from partners.models import Agreement
from tests.factories import PartnerFactory
from tests.test_agreements import PDF, form_data, jpeg_bytes, png_bytes

HTML = b"\n<html><body><script>alert(document.cookie)</script></body></html>\n"
POLYGLOT = "разметку веб-страницы"
DAMAGED = "не читается как"


@pytest.fixture
def partner(db):
    return PartnerFactory(name="КЦСОН «Ирида»")


def upload(client, owner, unit, partner, name, content):
    client.force_login(owner)
    data = form_data(partner, unit, file=SimpleUploadedFile(name, content))
    return client.post(reverse("agreements:create"), data)


def file_error(response):
    assert response.status_code == 200
    assert not Agreement.objects.exists()
    return response.context["form"].errors["file"][0]


def empty_pdf():
    buffer = io.BytesIO()
    PdfWriter().write(buffer)
    return buffer.getvalue()


def encrypted_pdf(user_password):
    writer, buffer = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-256")
    writer.write(buffer)
    return buffer.getvalue()


def corrupt_png():
    data = bytearray(png_bytes())
    data[-20] ^= 0xFF  # inside the IDAT chunk: its CRC no longer matches
    return bytes(data)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("poly.html", b"%PDF-1.4" + HTML),
        ("poly.pdf", PDF + HTML),  # a PDF pypdf opens, going on as a web page
        ("poly.png", b"\x89PNG\r\n\x1a\n" + HTML),
        ("poly.png", png_bytes() + HTML),  # a valid PNG, with a page after its end
        ("poly.jpg", jpeg_bytes() + b"<svg onload=alert(1)>"),
        ("poly.pdf", PDF.replace(b"%%EOF", b"<!DOCTYPE html>%%EOF")),
    ],
)
def test_it_refuses_a_polyglot_in_russian(client, owner, unit, partner, name, content):
    assert POLYGLOT in file_error(upload(client, owner, unit, partner, name, content))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("broken.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", DAMAGED + " PDF"),
        ("blank.pdf", empty_pdf(), "В PDF нет ни одной страницы"),
        ("locked.pdf", encrypted_pdf("secret"), "PDF защищён паролем"),
        ("crc.png", corrupt_png(), DAMAGED + " PNG"),
        ("cut.jpg", jpeg_bytes()[:-40], DAMAGED + " JPEG"),
        ("fake.jpg", b"\xff\xd8\xff" + b"\0" * 200, DAMAGED + " JPEG"),
        ("fake.png", png_bytes().replace(b"IHDR", b"IHDX"), DAMAGED + " PNG"),
    ],
)
def test_it_refuses_a_file_that_does_not_parse(client, owner, unit, partner, name, content,
                                              message):
    assert message in file_error(upload(client, owner, unit, partner, name, content))


def test_it_refuses_an_image_too_large_to_open(client, owner, unit, partner, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_IMAGE_PIXELS", 10)
    assert DAMAGED in file_error(upload(client, owner, unit, partner, "scan.png", png_bytes()))


def test_it_accepts_a_pdf_locked_only_against_changes(client, owner, unit, partner):
    response = upload(client, owner, unit, partner, "scan.pdf", encrypted_pdf(""))
    assert response.status_code == 302


def test_it_accepts_a_large_real_scan(client, owner, unit, partner):
    buffer = io.BytesIO()
    Image.new("RGB", (2480, 3508), "white").save(buffer, "JPEG", quality=80)  # A4, 300 dpi
    response = upload(client, owner, unit, partner, "scan.jpeg", buffer.getvalue())
    assert response.status_code == 302
    assert Agreement.objects.get().file_name == "scan.jpg"


@pytest.mark.parametrize(
    ("name", "content", "stored", "content_type"),
    [
        ("poly.html", PDF, "poly.pdf", "application/pdf"),
        ("../../etc/Договор №5.PDF", PDF, "Договор №5.pdf", "application/pdf"),
        ("C:\\scans\\evil<b>\"name\".png.exe", png_bytes(), "evil_b_name_.png.png", "image/png"),
        (".jpg", jpeg_bytes(), "agreement.jpg", "image/jpeg"),
    ],
)
def test_it_stores_a_clean_name_and_serves_it_as_a_download(
    client, owner, unit, partner, name, content, stored, content_type
):
    assert upload(client, owner, unit, partner, name, content).status_code == 302
    agreement = Agreement.objects.get()
    assert agreement.file_name == stored
    assert agreement.file.name.endswith(uploads.EXTENSIONS[uploads.sniff(content[:16])])
    response = client.get(reverse("agreements:file", args=[agreement.pk]))
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_it_serves_an_old_file_under_its_real_extension(client, owner, unit, partner):
    agreement = Agreement.objects.create(
        partner=partner, unit=unit, number="1", valid_from=date(2025, 9, 1),
        file=SimpleUploadedFile("x.pdf", PDF), file_name="poly.html",
    )
    client.force_login(owner)
    response = client.get(reverse("agreements:file", args=[agreement.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="poly.pdf"'


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("dogovor.pdf", uploads.PDF, "dogovor.pdf"),
        ("скан договора.JPEG", uploads.JPEG, "скан договора.jpg"),
        ("a/b\\c.html", uploads.PNG, "c.png"),
        ("", uploads.PDF, "agreement.pdf"),
        ("..", uploads.PDF, "agreement.pdf"),
        ("\x00\r\n.pdf", uploads.PDF, "agreement.pdf"),
        ("x" * 300 + ".pdf", uploads.PDF, "x" * 100 + ".pdf"),
    ],
)
def test_it_sanitises_names(name, kind, expected):
    assert uploads.safe_file_name(name, kind) == expected


def stored_agreement_files() -> set[str]:
    from django.core.files.storage import default_storage

    def walk(folder):
        if not default_storage.exists(folder):
            return set()
        folders, names = default_storage.listdir(folder)
        return {f"{folder}/{n}" for n in names}.union(*(walk(f"{folder}/{f}") for f in folders))

    return walk("agreements")


def failing_annexes(monkeypatch):
    from partners.forms import AgreementForm

    def fail(form):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(AgreementForm, "_save_m2m", fail)


def test_a_failed_save_leaves_no_file_behind(client, owner, unit, partner, monkeypatch):
    failing_annexes(monkeypatch)
    with pytest.raises(RuntimeError):
        upload(client, owner, unit, partner, "Договор.pdf", PDF)
    assert not Agreement.objects.exists()
    assert stored_agreement_files() == set()


def test_a_failed_replacement_keeps_the_old_file_only(client, owner, unit, partner, monkeypatch):
    upload(client, owner, unit, partner, "Договор.pdf", PDF)
    agreement = Agreement.objects.get()
    old = agreement.file.name
    failing_annexes(monkeypatch)
    data = form_data(partner, unit, file=SimpleUploadedFile("Новый.png", png_bytes()))
    with pytest.raises(RuntimeError):
        client.post(reverse("agreements:edit", args=[agreement.pk]), data)
    agreement.refresh_from_db()
    assert agreement.file.name == old
    assert stored_agreement_files() == {old}
