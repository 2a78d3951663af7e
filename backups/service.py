"""make_backup and restore_backup: what the two management commands do."""

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.db import connections, transaction
from django.utils import timezone

from backups import database, media
from backups.archive import ArchiveWriter, BackupError, extract_verified


@dataclass
class Summary:
    engine: str
    files: int
    members: int


def make_backup(path: Path, alias: str = "default") -> Summary:
    """Write the archive to a scratch name beside `path`, then move it into place."""
    path = Path(path)
    if path.exists():
        raise BackupError(f"{path} already exists: choose a new name")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    writer = ArchiveWriter(partial, compress=path.name.endswith(".gz"))
    try:
        summary = _write(writer, alias)
    except BaseException:
        writer.abort()
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, path)
    return summary


def _write(writer: ArchiveWriter, alias: str) -> Summary:
    engine = connections[alias].vendor
    with tempfile.TemporaryDirectory() as scratch:
        native_path = Path(scratch) / "native"
        portable_path = Path(scratch) / "portable.json"
        taken = timezone.now()
        native, schema = database.dump(alias, native_path, portable_path)
        writer.add_path(native, native_path)
        writer.add_path(database.PORTABLE, portable_path)
    files = media.archive_files(writer)
    members = len(writer.members)
    writer.close({
        "created": taken.isoformat(),
        "engine": engine,
        "schema": schema,
        "native": native,
        "portable": database.PORTABLE,
        "files": files,
    })
    return Summary(engine=engine, files=files, members=members + 1)


def restore_backup(path: Path, alias: str = "default") -> Summary:
    """Verify the archive, check the target is empty and of the same schema, then load."""
    with tempfile.TemporaryDirectory() as scratch:
        extracted = Path(scratch)
        manifest = extract_verified(Path(path), extracted)
        _check_target(manifest, alias)
        with transaction.atomic(using=alias):
            database.load_portable(alias, extracted / manifest["portable"])
            files = media.restore_files(manifest["members"], extracted)
    return Summary(engine=manifest["engine"], files=len(files), members=len(manifest["members"]))


def _check_target(manifest: dict, alias: str) -> None:
    schema = database.schema_version(alias)
    if manifest.get("schema") != schema:
        differ = sorted(
            app for app in set(schema) | set(manifest.get("schema", {}))
            if schema.get(app) != manifest.get("schema", {}).get(app)
        )
        raise BackupError(
            "The archive's schema differs from this database's in "
            f"{', '.join(differ)}: run `manage.py migrate` with the application's version "
            "that made the archive, or back up again"
        )
    occupied = database.occupied(alias)
    if occupied:
        raise BackupError(
            f"The database is not empty ({', '.join(occupied[:5])}…): restore only into a "
            "freshly migrated database"
        )
    stored = media.first_stored_file()
    if stored is not None:
        raise BackupError(f"The file storage is not empty ({stored}): restore into an empty one")
