"""`make bench`: every figure of issue 13 side by side in one run (plans.benchmarking).

It builds synthetic plans of 25, 200 and 2,000 rows and 42 units of 100 rows in years of their
own (`manage.py synth`), measures pages, throughput and exports, and prints a table: figure,
value, ratio to the baseline measured in the same run, target, and SHORT where it falls short.
`--json FILE` writes the same figures. `--quick` leaves out the 2,000-row plan and the 42 units
(a few minutes); `--only pdf,docx` measures a subset. No test is timed: the targets are here.
"""

import io
import os
import time
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from plans.benchmarking import figures
from plans.benchmarking.sizes import ROWS, UNIT_ROWS, UNITS, build_data
from plans.benchmarking.suite import GROUPS, Run, admin_client, run_groups
from plans.exports import pool


class Command(BaseCommand):
    help = "Measure pages, throughput and exports against their targets (issue 13)."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=5,
                            help="Fetches of each page; its median is kept.")
        parser.add_argument("--seconds", type=float, default=5.0,
                            help="How long each page's throughput is measured, and its "
                                 "login page's, in five turns.")
        parser.add_argument("--quick", action="store_true",
                            help="Leave out the 2,000-row plan and the 42 units.")
        parser.add_argument("--only", default="",
                            help=f"Groups to measure, comma-separated: {', '.join(GROUPS)}.")
        parser.add_argument("--json", dest="json_file", default="")
        parser.add_argument("--rows", default=",".join(map(str, ROWS)),
                            help="Sizes of the single plans, comma-separated.")
        parser.add_argument("--units", type=int, default=UNITS,
                            help="How many units (each with a plan) in the many-units year.")
        parser.add_argument("--unit-rows", type=int, default=UNIT_ROWS)
        parser.add_argument("--strict", action="store_true",
                            help="Exit with an error when a figure falls short.")

    def handle(self, *args, repeat, seconds, quick, only, json_file, strict, rows, units,
               unit_rows, **options):
        groups = {g.strip() for g in only.split(",") if g.strip()} or set(GROUPS)
        if unknown := groups - set(GROUPS):
            raise CommandError(f"Unknown groups: {', '.join(sorted(unknown))}")
        try:
            sizes = sorted({int(size) for size in rows.split(",") if size.strip()})
        except ValueError as error:
            raise CommandError("--rows takes numbers separated by commas") from error
        if repeat < 1 or not sizes or min(sizes) < 1 or units < 0 or unit_rows < 1:
            raise CommandError("--repeat, --rows and --unit-rows must be at least 1")
        # The demo is idempotent and leaves existing users' passwords alone.
        call_command("demo", stdout=io.StringIO())
        start = time.perf_counter()
        data = build_data(sizes, units, unit_rows, quick)
        self.stderr.write(f"data ready in {time.perf_counter() - start:.1f} s")
        # The pages are fetched in this process: it starts as a worker does (see
        # plans.exports.pool.warm), so what building the data left is frozen as a worker's
        # start-up is, and full collections during a page walk only what the page made.
        pool.warm()
        run = Run(data, repeat, seconds, admin_client(), [])
        with override_settings(ALLOWED_HOSTS=["testserver", "127.0.0.1", "localhost"]):
            run_groups(run, groups)
        self.stdout.write(figures.table(run.figures))
        short = [f for f in run.figures if f.short]
        load = os.getloadavg()
        meta = {"quick": quick, "groups": sorted(groups), "repeat": repeat,
                "cpus": os.cpu_count(), "load_average": load, "short": len(short),
                "year": data.year, "many_year": data.many_year, "one_year": data.one_year,
                "seconds": round(time.perf_counter() - start, 1)}
        self.stdout.write(f"\n{len(short)} of {len(run.figures)} figures short of their "
                          f"targets; load average {load[0]:.1f} on {os.cpu_count()} CPUs; "
                          f"{meta['seconds']} s")
        if json_file:
            Path(json_file).write_text(figures.to_json(run.figures, meta), encoding="utf-8")
        if strict and short:
            raise CommandError("Some figures fall short of their targets.")
