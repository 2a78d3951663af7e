"""The benchmark's first figures, kept: the demo plan's pages and exports against fixed
targets (median of `repeat` fetches, queries), and hostile uploads refused at once."""

from __future__ import annotations

import time

from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from partners.models import Unit
from plans.benchmarking.figures import Figure
from plans.benchmarking.pages import measure
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
UPLOAD_SECONDS = 1.0
UPLOAD_MEMORY_MIB = 100


def demo_pages(run) -> None:
    year = current_academic_year() - 1
    plan = Plan.objects.filter(year=year).order_by("pk").first()
    for name, url, target in TARGETS:
        url = url.format(plan=plan.pk, year=year)
        cached = "(cached)" in name
        if cached:
            cache.clear()
        t = measure(run.client, url, run.repeat, clear_cache=not cached)
        run.add(Figure("demo", f"demo: {name}", t.median, "s", target=target,
                       note=f"{t.queries} queries"))
    rejected_uploads(run, year)


def rejected_uploads(run, year) -> None:
    """A hostile upload is refused at once and the worker's peak memory stays flat."""
    from tests.hostile_files import docx_bomb, xlsx_bomb

    unit = Unit.objects.order_by("pk").first()
    for name, data in (("DOCX bomb", docx_bomb()), ("XLSX bomb", xlsx_bomb())):
        upload = SimpleUploadedFile(f"bomb.{name[:4].lower()}", data)
        before = _peak_reset()
        start = time.perf_counter()
        response = run.client.post(
            "/plans/import/",
            {"file": upload, "unit": unit.pk, "year": academic_year_label(year)},
        )
        seconds = time.perf_counter() - start
        growth = (_peak_kib() - before) / 1024
        # Refused for what it is: the form comes back with the file field's error.
        refused = response.status_code == 200 and b'id="id_file_error"' in response.content
        run.add(Figure("demo", f"demo: {name} refused", seconds, "s", target=UPLOAD_SECONDS,
                       note="refused" if refused else "NOT REFUSED"),
                Figure("demo", f"demo: {name}, peak growth", growth, "MiB",
                       target=UPLOAD_MEMORY_MIB if refused else 0))


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
