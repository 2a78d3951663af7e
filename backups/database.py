"""The database's side of a backup: a consistent snapshot, the portable form, the schema
version, and loading the portable form into an empty database.

Both forms show the same moment:
- SQLite: in one read transaction, the online backup API copies the database into a file
  and the portable form is dumped;
- PostgreSQL: one REPEATABLE READ transaction dumps the portable form and exports its
  snapshot to `pg_dump --format=custom`.
The portable form is Django's `dumpdata` (JSON, primary keys kept) of every model, the
historical tables of simple-history, users, django-axes and the task results included (see
backups.serializer for its one difference from plain JSON fixtures). It loads into any engine
Django supports, which is how an installation moves from SQLite to PostgreSQL.
"""

import os
import shutil
import sqlite3
import subprocess
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models.signals import m2m_changed

from backups.archive import BackupError
from backups.serializer import FORMAT

# Rows that `migrate` itself creates in an empty database; restore replaces them.
CREATED_BY_MIGRATE = {"contenttypes.contenttype", "auth.permission"}
PORTABLE = f"database/portable.{FORMAT}"
NATIVE = {"sqlite": "database/snapshot.sqlite3", "postgresql": "database/snapshot.pgdump"}


def schema_version(alias: str) -> dict[str, str]:
    """The latest applied migration of each app."""
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connections[alias]).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return dict(sorted(latest.items()))


@contextmanager
def sqlite_read(alias: str):
    """A deferred read transaction on SQLite (WAL: the writers go on, this reader sees one
    moment). Django's own transactions here are IMMEDIATE, and SQLite's backup API cannot read
    through a connection that holds the write lock, hence the plain BEGIN."""
    connection = connections[alias]
    if connection.in_atomic_block:
        raise BackupError("Run the SQLite backup outside a transaction")
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("BEGIN DEFERRED")
        try:
            cursor.execute("SELECT count(*) FROM django_migrations")  # the read starts here
            yield
        finally:
            cursor.execute("ROLLBACK")


def sqlite_snapshot(alias: str, target: Path) -> None:
    """SQLite's online backup of the database as the open read transaction sees it."""
    copy = sqlite3.connect(target)
    try:
        connections[alias].connection.backup(copy)
    finally:
        copy.close()


@contextmanager
def postgresql_snapshot(alias: str):
    """One REPEATABLE READ transaction; yields the id of the snapshot it exports to pg_dump
    (None inside an outer transaction, where none can be exported)."""
    connection = connections[alias]
    outer = connection.in_atomic_block
    with transaction.atomic(using=alias):
        snapshot = None
        if not outer:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
        yield snapshot


def dump_portable(alias: str, target: Path) -> None:
    call_command(
        "dumpdata", format=FORMAT, output=str(target), database=alias, all=True,
        verbosity=0,
    )


def dump(alias: str, native: Path, portable: Path) -> tuple[str, dict]:
    """Write both forms of one moment; return the native member's name and the schema."""
    vendor = connections[alias].vendor
    if vendor == "sqlite":
        with sqlite_read(alias):
            sqlite_snapshot(alias, native)
            dump_portable(alias, portable)
            return NATIVE["sqlite"], schema_version(alias)
    if vendor == "postgresql":
        with postgresql_snapshot(alias) as snapshot:
            _pg_dump(connections[alias].settings_dict, native, snapshot)
            dump_portable(alias, portable)
            return NATIVE["postgresql"], schema_version(alias)
    raise BackupError(f"No native snapshot for the {vendor} engine")


def _pg_dump(settings: dict, target: Path, snapshot: str | None) -> None:
    program = shutil.which("pg_dump")
    if program is None:
        raise BackupError("pg_dump is not installed (Debian: apt-get install postgresql-client)")
    env = {**os.environ, "PGPASSWORD": str(settings.get("PASSWORD") or "")}
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if settings.get(key):
            env[variable] = str(settings[key])
    command = [program, "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"]
    if snapshot:
        command.append(f"--snapshot={snapshot}")
    command.append(settings["NAME"])
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")


def _data_models():
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.managed and not meta.proxy and meta.label_lower not in CREATED_BY_MIGRATE:
            yield model


def occupied(alias: str) -> list[str]:
    """The models that already hold rows in the database (empty list: an empty target)."""
    return [
        model._meta.label for model in _data_models()
        if model._base_manager.using(alias).exists()
    ]


def load_portable(alias: str, fixture: Path) -> None:
    """Replace what migrate created with the archive's rows, then reset the sequences."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    if fixture.suffix != f".{FORMAT}":
        raise BackupError(f"The portable form must be a .{FORMAT} file")
    ContentType.objects.clear_cache()
    try:
        with transaction.atomic(using=alias), rows_as_they_were():
            Permission.objects.using(alias).all().delete()
            ContentType.objects.using(alias).all().delete()
            call_command("loaddata", str(fixture), database=alias, verbosity=0)
            reset_sequences(alias)
    except BackupError:
        raise
    except Exception as error:
        raise BackupError(f"Loading the database failed: {error}") from error
    finally:
        ContentType.objects.clear_cache()


@contextmanager
def rows_as_they_were():
    """Mute `m2m_changed` while loading: loaddata tells save hooks it is loading (raw=True) but
    not m2m ones, and restored links are neither edits (plan locks) nor new history."""
    receivers = m2m_changed.receivers
    m2m_changed.receivers = []
    m2m_changed.sender_receivers_cache.clear()
    try:
        yield
    finally:
        m2m_changed.receivers = receivers
        m2m_changed.sender_receivers_cache.clear()


def reset_sequences(alias: str) -> None:
    """What `sqlsequencereset` prints for every app, executed (nothing to do on SQLite)."""
    connection = connections[alias]
    models = list(apps.get_models(include_auto_created=True))
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
