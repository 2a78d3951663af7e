"""The photos and files of an occurrence: checked like agreement files, at most five, served
only through an access-checked view (a PDF as a download, an image inline, never sniffed)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from execution.models import Occurrence, OccurrenceFile
from execution.recording import services
from partners import uploads
from tests.conftest import login
from tests.recording_support import body, pdf_bytes, png_bytes, today, url  # noqa: F401

pytestmark = pytest.mark.usefixtures("today")


def form_data(*uploads, **extra):
    return {
        "date": "2025-10-03", "children": "1", "adults": "0",
        "achievements-TOTAL_FORMS": "0", "achievements-INITIAL_FORMS": "0",
        "files": list(uploads),
    } | extra


def png(name="photo.png"):
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def pdf(name="Грамота.pdf"):
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def test_it_attaches_photos_and_pdfs_under_random_names(client, owner, activity):
    response = login(client, owner).post(url("occurrence_add", activity.pk),
                                         form_data(png(), pdf()))
    assert response.status_code == 302, body(response)
    stored = list(OccurrenceFile.objects.order_by("pk"))
    assert [f.name for f in stored] == ["photo.png", "Грамота.pdf"]
    assert [f.content_type for f in stored] == ["image/png", "application/pdf"]
    assert all(f.file.name.startswith("occurrences/") and "photo" not in f.file.name
               for f in stored)
    assert stored[0].history.get().history_user == owner


def test_it_serves_an_image_inline_and_a_pdf_as_a_download(client, owner, activity):
    client = login(client, owner)
    client.post(url("occurrence_add", activity.pk), form_data(png(), pdf()))
    image, document = OccurrenceFile.objects.order_by("pk")
    response = client.get(url("file", image.pk))
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content == png_bytes()
    response = client.get(url("file", document.pk))
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/pdf"


def test_another_unit_gets_a_404_for_a_file(client, owner, other_teacher, activity):
    login(client, owner).post(url("occurrence_add", activity.pk), form_data(png()))
    found = OccurrenceFile.objects.get()
    assert login(client, other_teacher).get(url("file", found.pk)).status_code == 404


def test_it_refuses_a_sixth_file(client, owner, activity):
    client = login(client, owner)
    client.post(url("occurrence_add", activity.pk), form_data(*(png(f"{n}.png")
                                                                for n in range(5))))
    occurrence = Occurrence.objects.get()
    page = body(client.post(url("occurrence_edit", occurrence.pk), form_data(png("6.png"))))
    assert "не больше 5 фото или файлов" in page
    assert occurrence.files.count() == 5


def test_it_refuses_six_files_at_once(client, owner, activity):
    page = body(login(client, owner).post(
        url("occurrence_add", activity.pk), form_data(*(png(f"{n}.png") for n in range(6)))))
    assert "не больше 5 фото или файлов" in page
    assert not Occurrence.objects.exists()


def test_a_removed_file_makes_room(client, owner, activity):
    client = login(client, owner)
    client.post(url("occurrence_add", activity.pk), form_data(*(png(f"{n}.png")
                                                                for n in range(5))))
    occurrence = Occurrence.objects.get()
    first = occurrence.files.first()
    response = client.post(url("occurrence_edit", occurrence.pk),
                           form_data(png("6.png"), remove_files=[str(first.pk)]))
    assert response.status_code == 302
    assert sorted(occurrence.files.values_list("name", flat=True)) == [
        "1.png", "2.png", "3.png", "4.png", "6.png"]


@pytest.mark.parametrize(("upload", "words"), [
    (SimpleUploadedFile("doc.docx", b"PK\x03\x04 not a photo"), "не фото (PNG, JPEG) и не PDF"),
    (SimpleUploadedFile("page.png", b"<html><script>alert(1)</script></html>"),
     "не фото (PNG, JPEG) и не PDF"),
    (SimpleUploadedFile("fake.png", b"\x89PNG\r\n\x1a\n broken"), "повреждён"),
    (SimpleUploadedFile("poly.pdf", b"%PDF-1.4\n<html><script>x</script>"), "разметку"),
    (SimpleUploadedFile("empty.pdf", b""), "пуст"),
])
def test_it_refuses_what_is_not_a_photo_or_pdf(client, owner, activity, upload, words):
    page = body(login(client, owner).post(url("occurrence_add", activity.pk), form_data(upload)))
    assert words in page
    assert not Occurrence.objects.exists() and not OccurrenceFile.objects.exists()


def test_it_refuses_a_file_over_the_limit(client, owner, activity, settings):
    settings.MAX_UPLOAD_MB = 1
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 1))
    page = body(login(client, owner).post(url("occurrence_add", activity.pk), form_data(big)))
    assert "не больше 1 МБ" in page or "слишком большой" in page.lower()
    assert not Occurrence.objects.exists()


def test_a_deleted_occurrence_takes_its_files_along(
    client, owner, activity, django_capture_on_commit_callbacks
):
    client = login(client, owner)
    client.post(url("occurrence_add", activity.pk), form_data(png()))
    occurrence = Occurrence.objects.get()
    found = occurrence.files.get()
    storage, name = found.file.storage, found.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("occurrence_delete", occurrence.pk))
    assert client.get(url("file", found.pk)).status_code == 404
    assert not Occurrence.objects.filter(date=date(2025, 10, 3)).exists()
    assert not storage.exists(name)
    assert OccurrenceFile.history.filter(history_type="-").get().name == "photo.png"


def stored_files() -> set[str]:
    return set(default_storage.listdir("occurrences")[1]) if default_storage.exists(
        "occurrences") else set()


def five_files(client, owner, activity) -> Occurrence:
    login(client, owner).post(url("occurrence_add", activity.pk),
                              form_data(*(png(f"{n}.png") for n in range(5))))
    return Occurrence.objects.get()


def save_with(activity, occurrence, owner, *checked):
    data = {"date": occurrence.date, "children": 1, "adults": 0, "result": "", "links": ""}
    return services.save_occurrence(activity, occurrence, user=owner, data=data,
                                    new_files=list(checked))


def test_a_save_refused_for_a_sixth_file_stores_nothing(client, owner, activity):
    # A sixth file that passed the form (another save came in meanwhile) is refused before
    # it is stored: the refusal rolls the row back and must not leave the photo behind.
    occurrence = five_files(client, owner, activity)
    before = stored_files()
    assert len(before) == 5
    with pytest.raises(ValidationError):
        save_with(activity, occurrence, owner, (png("6.png"), uploads.PNG))
    assert stored_files() == before
    assert occurrence.files.count() == 5


def test_a_failed_save_takes_back_the_files_it_stored(client, owner, activity, monkeypatch):
    occurrence = five_files(client, owner, activity)
    for found in occurrence.files.order_by("pk")[:2]:
        found.delete()  # room for two (their stored files stay: not this test's concern)
    before = stored_files()
    saved = OccurrenceFile.save

    def fail_on_the_second(self, *args, **kwargs):
        if self.name == "second.pdf":
            raise RuntimeError("the database went away")
        return saved(self, *args, **kwargs)

    monkeypatch.setattr(OccurrenceFile, "save", fail_on_the_second)
    with pytest.raises(RuntimeError):
        save_with(activity, occurrence, owner, (png("first.png"), uploads.PNG),
                  (pdf("second.pdf"), uploads.PDF))
    assert stored_files() == before
    assert occurrence.files.count() == 3
