"""Backup and restore (issue 14): the demo with an agreement's file and edited history comes
back identical; a truncated or altered archive, a non-empty target and another schema are
refused and change nothing; SQLite files round-trip through the commands themselves, and a
SQLite archive restores into the test database, whatever its engine (PostgreSQL in CI)."""

import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.core.management.base import CommandError

from backups.archive import MANIFEST
from backups.database import occupied
from partners.models import Agreement
from plans.models import Plan, PlanRow
from tests import backup_fingerprint as fp

# Backups read committed data through connections of their own (SQLite's backup API, pg_dump):
# the tests commit theirs.
pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n% signed agreement 15-c\n%%EOF\n"
BASE_DIR = Path(django_settings.BASE_DIR)
SOURCE_CHANGES = """
from datetime import date
from django.core.files.base import ContentFile
from partners.models import Agreement
from plans.models import PlanRow
row = PlanRow.objects.exclude(plan__status="approved").order_by("pk").first()
row.characteristic += " Дополнено."
row.save()
agreement = Agreement(partner=row.partner, unit=row.plan.unit, number="15-с",
                      valid_from=date(2025, 9, 1), file_name="dogovor.pdf")
agreement.file.save("dogovor.pdf", ContentFile(PDF), save=True)
"""


def add_agreement_and_history():
    """An agreement with its signed file, and a plan row edited after the demo loaded."""
    exec(SOURCE_CHANGES, {"PDF": PDF})  # the same changes the subprocess source gets
    return Agreement.objects.get(number="15-с")


def empty_everything(settings):
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    assert occupied("default") == []


def stored(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.fixture
def archive(demo, settings, tmp_path):
    add_agreement_and_history()
    path = tmp_path / "backup.tar.gz"
    call_command("backup", str(path), stdout=io.StringIO())
    return path


def test_it_restores_the_demo_identically(demo, settings, tmp_path):
    agreement = add_agreement_and_history()
    before = (fp.printed_plans(), fp.history(), agreement.file.name)
    assert len(before[0]) >= 2 and any(
        "~" in row for row in before[1]["plans.HistoricalPlanRow"]
    )
    path = tmp_path / "backup.tar"
    call_command("backup", str(path), stdout=io.StringIO())
    empty_everything(settings)
    assert not Plan.objects.exists() and stored(settings) == []
    out = io.StringIO()
    call_command("restore", str(path), stdout=out)
    assert "Restored" in out.getvalue()
    assert fp.printed_plans() == before[0]
    after = fp.history()
    assert after.keys() == before[1].keys()
    for label, rows in before[1].items():
        for old, new in zip(rows, after[label], strict=True):
            assert old == new, label
    restored = Agreement.objects.get(pk=agreement.pk)
    assert restored.file.name == before[2]
    with restored.file.open("rb") as handle:
        assert handle.read() == PDF


def test_it_writes_a_manifest_with_checksums_schema_engine_and_date(archive):
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile(MANIFEST))
    assert names[-1] == MANIFEST
    assert set(manifest["members"]) == set(names) - {MANIFEST}
    assert {"database/portable.exactjson", manifest["native"]} <= set(manifest["members"])
    assert any(name.startswith("media/agreements/") for name in names)
    assert manifest["schema"]["plans"].startswith("0003") or manifest["schema"]["plans"] > "0003"
    assert manifest["engine"] in {"sqlite", "postgresql"} and manifest["created"][:2] == "20"
    assert all(len(facts["sha256"]) == 64 for facts in manifest["members"].values())


def test_it_refuses_to_overwrite_an_existing_file(archive):
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(archive))


def truncate(path: Path, fraction: float) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * fraction)])


def alter(path: Path, member: str) -> None:
    """Rewrite the archive with one member's content changed and the manifest kept."""
    altered = path.with_name("altered.tar")
    with tarfile.open(path) as source, tarfile.open(altered, "w") as target:
        for info in source:
            data = source.extractfile(info).read()
            if info.name.startswith(member):
                data = data.replace(b"1", b"2", 1) if b"1" in data else data + b" "
                info.size = len(data)
            target.addfile(info, io.BytesIO(data))
    altered.replace(path)


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda p: truncate(p, 0.5), "truncated or damaged"),
        (lambda p: truncate(p, 0.98), "truncated or damaged"),
        (lambda p: truncate(p, 0), "truncated or damaged|not a backup|no manifest"),
        (lambda p: alter(p, "database/portable.exactjson"), "Checksum mismatch"),
        (lambda p: alter(p, "media/agreements/"), "Checksum mismatch"),
    ],
    ids=["half", "almost-all", "empty", "altered-data", "altered-file"],
)
def test_it_refuses_a_damaged_archive_and_changes_nothing(archive, settings, damage, message):
    empty_everything(settings)
    damage(archive)
    with pytest.raises(CommandError, match=f"Nothing was restored: .*({message})"):
        call_command("restore", str(archive))
    assert occupied("default") == [] and stored(settings) == []


def test_it_refuses_a_non_empty_database_and_changes_nothing(archive, settings):
    rows = PlanRow.objects.count()
    files = stored(settings)
    with pytest.raises(CommandError, match="database is not empty"):
        call_command("restore", str(archive))
    assert PlanRow.objects.count() == rows and stored(settings) == files


def test_it_refuses_a_non_empty_storage_and_changes_nothing(archive, settings):
    empty_everything(settings)
    (Path(settings.MEDIA_ROOT) / "exports").mkdir(parents=True)
    (Path(settings.MEDIA_ROOT) / "exports" / "left.pdf").write_bytes(b"left over")
    with pytest.raises(CommandError, match="storage is not empty"):
        call_command("restore", str(archive))
    assert occupied("default") == [] and len(stored(settings)) == 1


def test_it_refuses_another_schema_version(archive, settings, tmp_path):
    empty_everything(settings)
    other = tmp_path / "other.tar"
    with tarfile.open(archive) as source, tarfile.open(other, "w") as target:
        for info in source:
            data = source.extractfile(info).read()
            if info.name == MANIFEST:
                manifest = json.loads(data)
                manifest["schema"]["plans"] = "0099_future"
                data = json.dumps(manifest).encode()
                info.size = len(data)
            target.addfile(info, io.BytesIO(data))
    with pytest.raises(CommandError, match="schema differs .* plans"):
        call_command("restore", str(other))
    assert occupied("default") == []


# --------------------------------------------------------------- through the real commands


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True,
        text=True, timeout=600, check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def sqlite_env(folder: Path, name: str) -> dict:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(
        DATABASE_URL=f"sqlite:///{folder / name}.sqlite3", MEDIA_ROOT=str(folder / f"{name}-media"),
        CACHE_DIR=str(folder / "cache"), SECRET_KEY="backup-test-" + "k" * 40,
        DEMO_PASSWORD="demo-pass-123",
    )
    return env


PRINT = "from tests.backup_fingerprint import printed; print(printed())"


def printed(env: dict) -> dict:
    # The last line: Django's shell may first say what it imported.
    return json.loads(manage(env, "shell", "-v", "0", "-c", PRINT).strip().splitlines()[-1])


@pytest.fixture(scope="module")
def sqlite_source(tmp_path_factory):
    """A SQLite installation with the demo, an agreement and history, and its archive."""
    folder = tmp_path_factory.mktemp("sqlite-source")
    env = sqlite_env(folder, "source")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "demo")
    manage(env, "shell", "-c", f"PDF = {PDF!r}\n" + SOURCE_CHANGES)
    manage(env, "backup", str(folder / "source.tar.gz"))
    return folder / "source.tar.gz", printed(env)


def test_it_round_trips_sqlite_to_sqlite_through_the_commands(sqlite_source, tmp_path):
    archive_path, expected = sqlite_source
    assert expected["files"] and expected["history_rows"] and len(expected["plans"]) >= 2
    env = sqlite_env(tmp_path, "target")
    manage(env, "migrate", "--noinput", "-v0")
    assert "Restored" in manage(env, "restore", str(archive_path))
    assert printed(env) == expected


def test_it_restores_a_sqlite_archive_into_this_database(sqlite_source, db, settings):
    """On PostgreSQL (CI's second half) this is the move from SQLite to PostgreSQL."""
    archive_path, expected = sqlite_source
    empty_everything(settings)
    call_command("restore", str(archive_path), stdout=io.StringIO())
    assert fp.fingerprint() == expected
    # The sequences follow the restored keys: a new plan gets a new key.
    plan = Plan.objects.order_by("pk").last()
    new = Plan.objects.create(unit=plan.unit, year=plan.year + 5)
    assert new.pk > plan.pk
