"""One export in a process of its own, for its time and its peak memory (VmHWM).

Run as ``python -m plans.benchmarking.child KIND PLAN_PK`` with KIND one of docx, xlsx, pdf,
raw (WeasyPrint on the minimal table, see .baseline) or cold (the plan's PDF twice: a fresh
process's first, then a warm one). Prints one JSON line: seconds, bytes, peak MiB, pages.
"""

import json
import os
import resource
import subprocess
import sys
import time


def peak_mib() -> float:
    """This process's peak resident memory: VmHWM, which starts afresh with the program
    (ru_maxrss keeps the forking parent's peak across exec)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def page_count(data: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def render(kind: str, plan) -> tuple[bytes, dict]:
    from plans.benchmarking.baseline import raw_pdf
    from plans.exports import EXPORTERS

    if kind == "raw":
        return raw_pdf(plan), {}
    if kind == "cold":
        start = time.perf_counter()
        EXPORTERS["pdf"](plan).render()
        first = time.perf_counter() - start
        start = time.perf_counter()
        data = EXPORTERS["pdf"](plan).render()
        return data, {"first": first, "warm": time.perf_counter() - start}
    return EXPORTERS[kind](plan).render(), {}


def export(kind: str, pk: int) -> dict:
    """One export in a fresh process (this module): its figures."""
    from django.conf import settings

    env = os.environ | {"DJANGO_SETTINGS_MODULE": "partnership.settings"}
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
    from plans.models import Plan

    plan = Plan.objects.select_related("unit__institution").get(pk=pk)
    before = peak_mib()
    start = time.perf_counter()
    data, extra = render(kind, plan)
    seconds = time.perf_counter() - start
    pages = page_count(data) if kind in ("pdf", "raw", "cold") else None
    return {"seconds": seconds, "bytes": len(data), "peak_mib": peak_mib(),
            "start_mib": before, "pages": pages, **extra}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], int(sys.argv[2]))))
