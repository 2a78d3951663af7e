"""Stored files (Django's default storage: agreements, the institution's logo, finished
exports and pending imports) into the archive and back."""

import posixpath
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage

from backups.archive import ArchiveWriter, BackupError

PREFIX = "media/"


def stored_files(path: str = ""):
    """Every file name in the default storage: a folder's files, then its folders, by name."""
    try:
        folders, files = default_storage.listdir(path)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield posixpath.join(path, name)
    for folder in sorted(folders):
        yield from stored_files(posixpath.join(path, folder))


def archive_files(writer: ArchiveWriter) -> int:
    count = 0
    for name in stored_files():
        with default_storage.open(name, "rb") as handle:
            writer.add(PREFIX + name, handle, default_storage.size(name))
        count += 1
    return count


def first_stored_file() -> str | None:
    return next(stored_files(), None)


def restore_files(members: dict, extracted: Path) -> list[str]:
    """Save every media member (already verified) into the storage; undo them on failure."""
    saved: list[str] = []
    try:
        for member in sorted(members):
            if not member.startswith(PREFIX):
                continue
            name = member[len(PREFIX):]
            with open(extracted / member, "rb") as handle:
                stored = default_storage.save(name, File(handle))
            saved.append(stored)
            if stored != name:
                raise BackupError(f"The storage saved {name!r} as {stored!r}")
    except BaseException:
        for name in saved:
            default_storage.delete(name)
        raise
    return saved
