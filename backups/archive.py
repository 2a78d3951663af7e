"""The archive: a tar (gzip-compressed when its name ends in .gz) of named members and a
manifest (manifest.json, the last member) with every member's SHA-256 and size.

Reading verifies before anything is used: every member is extracted into a scratch folder
while its checksum is computed, and the set of members, their sizes and checksums must be
exactly the manifest's. A truncated, altered or foreign archive raises BackupError.
"""

import hashlib
import io
import json
import posixpath
import tarfile
import time
import zlib
from pathlib import Path

MANIFEST = "manifest.json"
FORMAT = "partnership-backup"
FORMAT_VERSION = 1
CHUNK = 1024 * 1024


class BackupError(Exception):
    """The archive cannot be written or must not be restored; the message says why."""


class _HashingReader:
    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()
        self.size = 0

    def read(self, size=-1):
        chunk = self.handle.read(size)
        self.digest.update(chunk)
        self.size += len(chunk)
        return chunk


class ArchiveWriter:
    """Writes members one by one; `close(manifest)` adds the manifest with their checksums."""

    def __init__(self, path: Path, compress: bool = False):
        mode = "w:gz" if compress else "w"
        self.tar = tarfile.open(path, mode)  # noqa: SIM115 - closed in close() or abort()
        self.members: dict[str, dict] = {}

    def add(self, name: str, handle, size: int) -> None:
        info = _info(name, size)
        reader = _HashingReader(handle)
        self.tar.addfile(info, reader)
        if reader.size != size:
            raise BackupError(f"{name} changed while it was being archived")
        self.members[name] = {"sha256": reader.digest.hexdigest(), "size": size}

    def add_path(self, name: str, path: Path) -> None:
        with open(path, "rb") as handle:
            self.add(name, handle, path.stat().st_size)

    def close(self, manifest: dict) -> None:
        body = {"format": FORMAT, "format_version": FORMAT_VERSION, **manifest}
        body["members"] = self.members
        data = json.dumps(body, ensure_ascii=False, indent=2, sort_keys=True).encode()
        self.tar.addfile(_info(MANIFEST, len(data)), io.BytesIO(data))
        self.tar.close()

    def abort(self) -> None:
        self.tar.close()


def _info(name: str, size: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = size, 0o600, int(time.time())
    return info


def _safe_name(name: str) -> bool:
    normal = posixpath.normpath(name)
    return (
        normal == name and not name.startswith("/") and normal != ".."
        and not normal.startswith("../")
    )


def _extract(tar: tarfile.TarFile, member: tarfile.TarInfo, into: Path) -> dict:
    if not member.isfile() or not _safe_name(member.name):
        raise BackupError(f"The archive holds an unexpected member: {member.name!r}")
    target = into / member.name
    target.parent.mkdir(parents=True, exist_ok=True)
    source = tar.extractfile(member)
    digest, size = hashlib.sha256(), 0
    with open(target, "wb") as out:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return {"sha256": digest.hexdigest(), "size": size}


def extract_verified(path: Path, into: Path) -> dict:
    """Extract the archive into `into` and return its manifest, or raise BackupError."""
    found: dict[str, dict] = {}
    try:
        with tarfile.open(path, "r:*") as tar:
            for member in tar:
                if member.name in found:
                    raise BackupError(f"The archive holds {member.name!r} twice")
                found[member.name] = _extract(tar, member, into)
    except FileNotFoundError:
        raise BackupError(f"There is no file {path}") from None
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        raise BackupError(f"The archive is truncated or damaged ({error})") from None
    manifest = _read_manifest(into, found)
    _compare(manifest["members"], found)
    return manifest


def _read_manifest(into: Path, found: dict) -> dict:
    if MANIFEST not in found:
        raise BackupError("The archive has no manifest: it is truncated or not a backup")
    del found[MANIFEST]
    try:
        manifest = json.loads((into / MANIFEST).read_text(encoding="utf-8"))
    except ValueError:
        raise BackupError("The archive's manifest is not valid JSON") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("The archive is not a partnership backup")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"The archive's format version {manifest.get('format_version')} is not "
            f"{FORMAT_VERSION}: restore it with the version of the application that made it"
        )
    required = {"members": dict, "schema": dict, "engine": str, "portable": str}
    for key, kind in required.items():
        if not isinstance(manifest.get(key), kind):
            raise BackupError(f"The archive's manifest has no valid {key!r}")
    if manifest["portable"] not in manifest["members"]:
        raise BackupError("The archive's manifest names a portable form it does not hold")
    return manifest


def _compare(expected: dict, found: dict) -> None:
    missing = sorted(set(expected) - set(found))
    if missing:
        raise BackupError(f"The archive is truncated: {len(missing)} member(s) missing, "
                          f"first {missing[0]!r}")
    extra = sorted(set(found) - set(expected))
    if extra:
        raise BackupError(f"The archive holds a member its manifest does not list: {extra[0]!r}")
    for name, facts in sorted(expected.items()):
        if found[name] != facts:
            raise BackupError(f"Checksum mismatch for {name!r}: the archive was altered")
