"""The exports, each in a fresh process: DOCX and XLSX growth, the PDF against raw
WeasyPrint, the peak memory, and a fresh process's first PDF against a warm one. A short
export is the median of five runs, and exports compared with each other are run in turns
(`measured_together`); a fresh process's first PDF is the median of five processes."""

from __future__ import annotations

from plans.benchmarking.child import export
from plans.benchmarking.figures import Figure, ratio

PEAK_MIB = 400
# An export faster than this (seconds) is run RUNS times in fresh processes and its median
# kept, as the pages are: one run of a short export varies by half on a shared machine, and
# the median of three still moved a 2,000/200 ratio by a tenth between runs.
SHORT_EXPORT = 10.0
RUNS = 5


def _median(runs: list[dict]) -> dict:
    """The median run (its peak memory the highest of the runs)."""
    ordered = sorted(runs, key=lambda r: r["seconds"])
    return ordered[len(ordered) // 2] | {"peak_mib": max(r["peak_mib"] for r in runs)}


def measured_together(jobs: list[tuple[str, int]]) -> list[dict]:
    """Each (kind, plan) export's figures, in order: one run of a long export, the median of
    RUNS of a short one. The short ones are run in turns (one of each, then again), so a slow
    minute of a shared machine falls on all of them alike rather than on one side of a ratio."""
    runs = [[export(kind, pk)] for kind, pk in jobs]
    short = [i for i, first in enumerate(runs) if first[0]["seconds"] < SHORT_EXPORT]
    for _round in range(RUNS - 1):
        for i in short:
            runs[i].append(export(*jobs[i]))
    return [_median(r) for r in runs]


def measured(kind: str, pk: int) -> dict:
    """One export's figures (see `measured_together`)."""
    return measured_together([(kind, pk)])[0]


# PDF against raw WeasyPrint: with the diagram page at 25 rows, then the table alone counts.
PDF_TARGETS = {25: 1.3, 200: 1.2, 2000: 1.2}


def office(run, kind: str) -> None:
    """DOCX or XLSX at each size: 200 rows at most 10× the 25-row time, 2,000 at most 10× 200."""
    sizes = sorted(run.data.plans)
    results = measured_together([(kind, run.data.plans[rows].pk) for rows in sizes])
    previous = None
    for rows, result in zip(sizes, results, strict=True):
        grown = ratio(result["seconds"], previous["seconds"]) if previous else None
        run.add(Figure(kind, f"{kind.upper()}, {rows} rows", result["seconds"], "s", grown,
                       f"{previous['rows']} rows" if previous else "",
                       10.0 if previous else None, on_ratio=True,
                       note=f"peak {result['peak_mib']:.0f} MiB, "
                            f"{result['bytes'] / 1024:.0f} KiB"))
        previous = result | {"rows": rows}


def pdf(run) -> None:
    for rows in sorted(run.data.plans):
        pk = run.data.plans[rows].pk
        ours, raw = measured_together([("pdf", pk), ("raw", pk)])
        run.add(
            Figure("pdf", f"raw WeasyPrint, {rows} rows", raw["seconds"], "s",
                   note=f"{raw['pages']} pages, peak {raw['peak_mib']:.0f} MiB"),
            Figure("pdf", f"PDF, {rows} rows", ours["seconds"], "s",
                   ratio(ours["seconds"], raw["seconds"]), "raw WeasyPrint",
                   PDF_TARGETS.get(rows, 1.2),
                   on_ratio=True, note=f"{ours['pages']} pages"),
            Figure("pdf", f"PDF, {rows} rows, peak memory", ours["peak_mib"], "MiB",
                   target=PEAK_MIB if rows >= 2000 else None),
        )


def cold(run) -> None:
    """A fresh process's first PDF against its second, warm one: the median of RUNS fresh
    processes' ratios. One process's pair moved between 0.9 and 1.3 within a minute."""
    rows = min(run.data.plans)
    result = median_cold([export("cold", run.data.plans[rows].pk) for _ in range(RUNS)])
    run.add(
        Figure("cold", f"PDF, {rows} rows, a fresh process's first", result["first"], "s",
               ratio(result["first"], result["warm"]), "the second, warm", 1.2, on_ratio=True,
               note=f"warm {result['warm']:.2f} s, median of {RUNS} processes")
    )


def median_cold(results: list[dict]) -> dict:
    """The process whose first-to-warm ratio is the median."""
    ordered = sorted(results, key=lambda r: r["first"] / r["warm"])
    return ordered[len(ordered) // 2]


def consolidated_pdf(run) -> None:
    """The consolidated PDF of the many units' year, its parts on the PDF processes (as the
    task worker prints it) against the same on one process, and the peak of any process."""
    from django.conf import settings

    year = run.data.many_year or run.data.year
    plans = run.data.units or len(run.data.plans)
    processes = max(2, settings.PDF_PROCESSES)
    single = export("consolidated", year, processes=1)
    parallel = export("consolidated", year, processes=processes)
    run.add(
        Figure("consolidated-pdf", f"consolidated PDF, {plans} plans, one process",
               single["seconds"], "s", note=f"{single['pages']} pages, "
                                            f"peak {single['peak_mib']:.0f} MiB"),
        Figure("consolidated-pdf", f"consolidated PDF, {plans} plans, {processes} processes",
               parallel["seconds"], "s", ratio(parallel["seconds"], single["seconds"]),
               "one process", 0.6, on_ratio=True, note=f"{parallel['pages']} pages"),
        Figure("consolidated-pdf", f"consolidated PDF, {plans} plans, peak of a process",
               parallel["peak_mib"], "MiB", target=PEAK_MIB),
    )
