"""`manage.py synth --rows N [--units M] [--activities K] [--year Y]`: synthetic plans
(plans.synth) for the benchmark and for trying the pages at size. Idempotent."""

import time

from django.core.management.base import BaseCommand, CommandError

from plans import synth


class Command(BaseCommand):
    help = "Build synthetic plans: one of N rows, or M new units each with an N-row plan."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, required=True)
        parser.add_argument("--units", type=int, default=None)
        parser.add_argument("--activities", type=int, default=3)
        parser.add_argument("--year", type=int, default=None,
                            help="The academic year's start (default: the current one).")

    def handle(self, *args, rows, units, activities, year, **options):
        spec = synth.Spec(rows=rows, units=units, activities=activities, year=year)
        start = time.perf_counter()
        try:
            plans = synth.build(spec)
        except ValueError as error:
            raise CommandError(str(error)) from error
        seconds = time.perf_counter() - start
        self.stdout.write(
            f"{len(plans)} plan(s) of {rows} rows in {spec.academic_year}: "
            f"{', '.join(str(p.pk) for p in plans[:5])}{' …' if len(plans) > 5 else ''} "
            f"({seconds:.1f} s)"
        )
