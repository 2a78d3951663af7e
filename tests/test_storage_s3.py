"""Stored files in an S3-compatible bucket (issue 14), on a bucket mocked by moto: an agreement
is uploaded and downloaded through the views, an export job's file is written by the task and
downloaded through the view, occurrence files go to the same storage, objects are private, and a
backup of the bucket restores into an empty one."""

import io

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from moto import mock_aws

from execution.models import OccurrenceFile
from partners.models import Agreement
from partnership.shared_state import storage_config
from plans.exports import records
from plans.models import ExportJob
from tests.factories import ActivityFactory, PartnerFactory, PlanRowFactory
from tests.test_agreements import PDF, form_data

BUCKET = "partnership-files"
ENV = {
    "STORAGE_BUCKET": BUCKET,
    "STORAGE_ACCESS_KEY": "test-access",
    "STORAGE_SECRET_KEY": "test-secret",
    "STORAGE_REGION": "us-east-1",
}
ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"


@pytest.fixture
def bucket(settings, monkeypatch):
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
                 "AWS_PROFILE", "AWS_ENDPOINT_URL"):
        monkeypatch.delenv(name, raising=False)
    with mock_aws():
        s3 = boto3.client(
            "s3", region_name="us-east-1",
            aws_access_key_id=ENV["STORAGE_ACCESS_KEY"],
            aws_secret_access_key=ENV["STORAGE_SECRET_KEY"],
        )
        s3.create_bucket(Bucket=BUCKET)
        settings.STORAGES = {**settings.STORAGES, "default": storage_config(ENV)}
        yield s3


def keys(s3) -> list[str]:
    return sorted(o["Key"] for o in s3.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def assert_private(s3, key):
    grants = s3.get_object_acl(Bucket=BUCKET, Key=key)["Grants"]
    assert all(g["Grantee"].get("URI") != ALL_USERS for g in grants), grants


def test_it_uses_the_bucket_as_the_default_storage(bucket):
    assert default_storage.bucket_name == BUCKET
    assert default_storage.querystring_auth and default_storage.default_acl == "private"
    with pytest.raises(NotImplementedError):
        default_storage.path("anything")  # nothing may read a stored file by path


def test_it_uploads_and_serves_an_agreement_through_the_views(client, owner, unit, bucket):
    client.force_login(owner)
    partner = PartnerFactory(name="КЦСОН «Ирида»")
    data = form_data(partner, unit, file=SimpleUploadedFile("dogovor.pdf", PDF))
    assert client.post(reverse("agreements:create"), data).status_code == 302
    agreement = Agreement.objects.get()
    assert keys(bucket) == [agreement.file.name] and agreement.file.name.startswith("agreements/")
    assert_private(bucket, agreement.file.name)
    response = client.get(reverse("agreements:file", args=[agreement.pk]))
    assert response.status_code == 200 and response.content == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    client.logout()
    assert client.get(reverse("agreements:file", args=[agreement.pk])).status_code == 302


def test_it_writes_an_export_job_file_into_the_bucket_and_serves_it(
    client, owner, plan, bucket, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EXPORT_SYNC_MAX_LINES = 1
    for n in range(2):
        ActivityFactory(row=PlanRowFactory(plan=plan, partner=PartnerFactory(name=f"П {n}")))
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(reverse("plans:pdf", args=[plan.pk])).status_code == 302
    job = ExportJob.objects.get()
    assert job.status == ExportJob.Status.DONE and records.has_file(job)
    assert keys(bucket) == [job.file] and job.file.startswith("exports/")
    assert_private(bucket, job.file)
    response = client.get(reverse("plans:export_download", args=[job.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    stored = bucket.get_object(Bucket=BUCKET, Key=job.file)["Body"].read()
    assert response.content == stored


def test_it_stores_occurrence_files_in_the_same_bucket(bucket):
    storage = OccurrenceFile._meta.get_field("file").storage
    name = storage.save("occurrences/photo.jpg", ContentFile(b"\xff\xd8\xffphoto"))
    assert keys(bucket) == [name]
    with default_storage.open(name, "rb") as handle:
        assert handle.read() == b"\xff\xd8\xffphoto"


@pytest.mark.django_db(transaction=True)
def test_it_backs_up_the_bucket_and_restores_it_into_an_empty_one(bucket, tmp_path, unit):
    partner = PartnerFactory()
    agreement = Agreement(partner=partner, unit=unit, number="1", valid_from="2025-09-01")
    agreement.file.save("a.pdf", ContentFile(PDF), save=True)
    default_storage.save("occurrences/x.png", ContentFile(b"\x89PNG occurrence"))
    default_storage.save("exports/job.pdf", ContentFile(b"%PDF export"))
    before = {key: bucket.get_object(Bucket=BUCKET, Key=key)["Body"].read()
              for key in keys(bucket)}
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    call_command("flush", interactive=False, verbosity=0)
    for key in before:
        bucket.delete_object(Bucket=BUCKET, Key=key)
    assert keys(bucket) == []
    call_command("restore", str(archive), stdout=io.StringIO())
    after = {key: bucket.get_object(Bucket=BUCKET, Key=key)["Body"].read()
             for key in keys(bucket)}
    assert after == before and len(after) == 3
    with Agreement.objects.get(pk=agreement.pk).file.open("rb") as handle:
        assert handle.read() == PDF
