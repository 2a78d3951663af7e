"""manage.py backup FILE: the database and every stored file in one verified archive."""

from django.core.management.base import BaseCommand, CommandError

from backups.archive import BackupError
from backups.service import make_backup


class Command(BaseCommand):
    help = (
        "Write one archive (.tar, or .tar.gz) with a consistent snapshot of the database "
        "(SQLite's online backup or pg_dump), its portable JSON form, every stored file and a "
        "manifest with checksums and the schema version."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The archive to write; it must not exist yet.")
        parser.add_argument("--database", default="default", help="The database alias.")

    def handle(self, *args, file, database, **options):
        try:
            summary = make_backup(file, database)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(
            f"Backed up the {summary.engine} database and {summary.files} stored file(s) "
            f"to {file} ({summary.members} members)."
        ))
