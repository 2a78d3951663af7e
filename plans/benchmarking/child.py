"""One export in a process of its own, for its time and its peak memory (VmHWM).

Run as ``python -m plans.benchmarking.child KIND PLAN_PK`` with KIND one of docx, xlsx, pdf,
raw (WeasyPrint on the minimal table, see .baseline) or cold (the plan's PDF twice: a fresh
process's first, then a warm one), or ``… consolidated YEAR PROCESSES`` (the consolidated PDF
of the year's plans, its parts on PROCESSES processes, none from the cache). Prints one JSON
line: seconds, bytes, peak MiB (the largest of this process and of its children, the PDF
parts' processes), pages.

Before the clock starts, the process does what a worker does when it starts
(`plans.exports.pool.warm`: WeasyPrint warmed, what is loaded frozen out of the cyclic garbage
collector, and for our PDFs the parts' processes forked; raw WeasyPrint forks none).
"""

import json
import os
import resource
import subprocess
import sys
import time

PDF_KINDS = ("pdf", "raw", "cold", "consolidated")


def own_peak_mib() -> float:
    """This process's peak resident memory: VmHWM (plans.exports.pool.peak_mib), which starts
    afresh with the program (ru_maxrss keeps the forking parent's peak across exec)."""
    from plans.exports import pool

    return pool.peak_mib() or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_mib() -> float:
    """The peak resident memory of any one process of the export: this one, or a child (the
    parts' processes, stopped and waited for first; each also reported its own VmHWM)."""
    from plans.exports import pool

    pool.shutdown()
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return max(own_peak_mib(), children, pool.children_peak_mib)


def page_count(data: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def render(kind: str, plan) -> tuple[bytes, dict]:
    from plans.benchmarking.baseline import raw_pdf
    from plans.exports import EXPORTERS

    if kind == "raw":
        return raw_pdf(plan), {}
    if kind == "cold":  # after the warming of a worker's start (see main)
        start = time.perf_counter()
        EXPORTERS["pdf"](plan).render()
        first = time.perf_counter() - start
        start = time.perf_counter()
        data = EXPORTERS["pdf"](plan).render()
        return data, {"first": first, "warm": time.perf_counter() - start}
    return EXPORTERS[kind](plan).render(), {}


def consolidated(year: int) -> tuple[bytes, dict]:
    from django.contrib.auth import get_user_model

    from plans.exports.consolidated import consolidated_plans
    from plans.exports.pdf import ConsolidatedPdfExporter

    admin = get_user_model().objects.get(username="admin")
    plans = consolidated_plans(admin, year)
    return ConsolidatedPdfExporter(plans, year).render(), {"plans": len(plans)}


def export(kind: str, pk: int, processes: int | None = None) -> dict:
    """One export in a fresh process (this module): its figures."""
    from django.conf import settings

    env = os.environ | {"DJANGO_SETTINGS_MODULE": "partnership.settings"}
    if processes is not None:
        env["PDF_PROCESSES"] = str(processes)
    done = subprocess.run(
        [sys.executable, "-m", "plans.benchmarking.child", kind, str(pk)],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=3600,
    )
    if done.returncode:
        raise RuntimeError(f"{kind} export of plan {pk} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(kind: str, pk: int) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partnership.settings")
    import django

    django.setup()
    from plans.exports import pool
    from plans.models import Plan

    # As a worker at its start (WeasyPrint warm, what is loaded frozen out of the cyclic
    # collector); the parts' processes forked for a PDF of ours.
    pool.warm(start_pool=kind in PDF_KINDS and kind != "raw")
    plan = None if kind == "consolidated" else (
        Plan.objects.select_related("unit__institution").get(pk=pk))
    before = own_peak_mib()
    start = time.perf_counter()
    with pool.without_cache():
        data, extra = consolidated(pk) if plan is None else render(kind, plan)
    seconds = time.perf_counter() - start
    pages = page_count(data) if kind in PDF_KINDS else None
    return {"seconds": seconds, "bytes": len(data), "peak_mib": peak_mib(),
            "start_mib": before, "pages": pages, **extra}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], int(sys.argv[2]))))
