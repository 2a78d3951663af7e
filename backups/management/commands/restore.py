"""manage.py restore FILE: an archive of `backup` into an empty database and storage."""

from django.core.management.base import BaseCommand, CommandError

from backups.archive import BackupError
from backups.service import restore_backup


class Command(BaseCommand):
    help = (
        "Restore an archive written by `backup` into an empty, migrated database and an empty "
        "file storage, from its portable form (so any engine restores any engine's archive). "
        "Refuses a non-empty target, another schema version, or an archive whose checksums do "
        "not match, and then changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The archive to restore.")
        parser.add_argument("--database", default="default", help="The database alias.")

    def handle(self, *args, file, database, **options):
        try:
            summary = restore_backup(file, database)
        except BackupError as error:
            raise CommandError(f"Nothing was restored: {error}") from None
        self.stdout.write(self.style.SUCCESS(
            f"Restored the {summary.engine} archive {file}: the database and "
            f"{summary.files} stored file(s)."
        ))
