"""Speed and memory of the main pages and exports on the demo data (`make benchmark`).

Targets live here, not in timed tests: each page is fetched several times through Django's test
client as the demo administrator; the median time, the query count and the peak Python memory
are printed, and a line over its target is marked.
"""

import io
import statistics
import time
import tracemalloc

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from partners.models import Unit
from plans.models import Plan, academic_year_label, current_academic_year

# name, URL, target median in seconds
TARGETS = [
    ("plan page", "/plans/{plan}/", 0.5),
    ("plan history", "/plans/{plan}/history/", 0.5),
    ("plan PDF (uncached)", "/plans/{plan}/pdf/", 5.0),
    # A cache hit still builds the final HTML and hashes the files it references (the key).
    ("plan PDF (cached)", "/plans/{plan}/pdf/", 1.0),
    ("plan DOCX", "/plans/{plan}/docx/", 3.0),
    ("plan XLSX", "/plans/{plan}/xlsx/", 1.0),
    ("diagram SVG", "/plans/{plan}/diagram.svg", 1.0),
    ("coverage", "/coverage/?year={year}", 0.5),
    ("coverage XLSX", "/coverage/xlsx/?year={year}", 1.0),
    ("registry", "/partners/", 0.3),
]


class Command(BaseCommand):
    help = "Time the main pages and exports on the demo data."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=5)

    def handle(self, *args, repeat, **options):
        if repeat < 1:
            raise CommandError("--repeat must be at least 1")
        # The demo is idempotent and leaves existing users' passwords alone.
        call_command("demo", stdout=io.StringIO())
        year = current_academic_year() - 1
        plan = Plan.objects.filter(year=year).order_by("pk").first()
        client = Client()
        client.force_login(get_user_model().objects.get(username="admin"))
        failed = False
        self.stdout.write(
            f"{'page':<22} {'median s':>9} {'max s':>7} {'queries':>8} {'peak MiB':>9}"
        )
        with override_settings(ALLOWED_HOSTS=["testserver"]):
            for name, url, target in TARGETS:
                url = url.format(plan=plan.pk, year=year)
                times, queries = [], 0
                tracemalloc.start()
                cached = "(cached)" in name
                if cached:
                    cache.clear()
                    client.get(url)  # fills the cache
                for _ in range(repeat):
                    if not cached:
                        cache.clear()
                    with CaptureQueriesContext(connection) as captured:
                        start = time.perf_counter()
                        response = client.get(url)
                        times.append(time.perf_counter() - start)
                    queries = len(captured.captured_queries)
                    if response.status_code != 200:
                        raise CommandError(f"{url} answered {response.status_code}")
                peak = tracemalloc.get_traced_memory()[1] / 2**20
                tracemalloc.stop()
                median = statistics.median(times)
                over = median > target
                failed |= over
                mark = f"  over target {target}s" if over else ""
                self.stdout.write(
                    f"{name:<22} {median:>9.3f} {max(times):>7.3f} {queries:>8} {peak:>9.1f}{mark}"
                )
            failed |= self.rejected_uploads(client, year)
        if failed:
            raise CommandError("Some pages are over their targets.")

    def rejected_uploads(self, client, year) -> bool:
        """A hostile upload is refused at once and the worker's peak memory stays flat."""
        from tests.hostile_files import docx_bomb, xlsx_bomb

        unit = Unit.objects.order_by("pk").first()
        self.stdout.write(
            f"\n{'rejected upload':<22} {'seconds':>9} {'peak growth MiB':>16}"
            f"  (targets {UPLOAD_SECONDS}s, {UPLOAD_MEMORY_MIB} MiB)"
        )
        failed = False
        for name, data in (("DOCX bomb", docx_bomb()), ("XLSX bomb", xlsx_bomb())):
            extension = name[:4].lower()
            upload = SimpleUploadedFile(f"bomb.{extension}", data)
            before = _peak_reset()
            start = time.perf_counter()
            response = client.post(
                "/plans/import/",
                {"file": upload, "unit": unit.pk, "year": academic_year_label(year)},
            )
            seconds = time.perf_counter() - start
            growth = (_peak_kib() - before) / 1024
            # Refused for what it is: the form comes back with the file field's error.
            refused = response.status_code == 200 and b'id="id_file_error"' in response.content
            over = seconds > UPLOAD_SECONDS or growth > UPLOAD_MEMORY_MIB or not refused
            failed |= over
            mark = "  over target" if over else ""
            self.stdout.write(f"{name:<22} {seconds:>9.3f} {growth:>16.1f}{mark}")
        return failed


UPLOAD_SECONDS = 1.0
UPLOAD_MEMORY_MIB = 100


def _peak_kib() -> int:
    """The process's peak resident memory (VmHWM) in KiB, from /proc."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def _peak_reset() -> int:
    """Reset the peak to the current resident size (Linux clear_refs) and return it in KiB."""
    try:
        with open("/proc/self/clear_refs", "w") as clear:
            clear.write("5")
    except OSError:
        pass
    return _peak_kib()
