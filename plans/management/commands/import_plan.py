"""manage.py import_plan FILE.docx --unit "NAME" --year 2026/2027 [--create-unit] [--dry-run]"""

from django.core.management.base import BaseCommand, CommandError

from plans.importing import PlanImportError, import_plan, parse_year, read_plan_file


class Command(BaseCommand):
    help = (
        "Import an annual plan from a Word table in the seed's layout (or from our XLSX export) "
        "as a draft plan of a unit, and report what was recognised and what was not."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .docx (or .xlsx) file.")
        parser.add_argument("--unit", required=True, help="The unit's name, as in the registry.")
        parser.add_argument("--year", required=True, help="The academic year, e.g. 2026/2027.")
        parser.add_argument(
            "--create-unit", action="store_true",
            help="Create the unit as a creative association when there is none of that name.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Only report; change nothing."
        )

    def handle(self, *args, file, unit, year, create_unit, dry_run, **options):
        try:
            start_year = parse_year(year)
            try:
                handle = open(file, "rb")  # noqa: SIM115 - closed below
            except OSError as error:
                raise CommandError(f"Cannot open {file}: {error.strerror}") from None
            with handle:
                parsed = read_plan_file(handle, file)
            report = import_plan(
                parsed, unit_name=unit, year=start_year, create_unit=create_unit,
                dry_run=dry_run,
            )
        except PlanImportError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(report.as_text())
        if dry_run:
            self.stdout.write(self.style.WARNING("Dry run: nothing was saved."))
        else:
            self.stdout.write(self.style.SUCCESS(f"Saved as plan #{report.plan_id}."))
