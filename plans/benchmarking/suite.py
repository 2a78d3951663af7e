"""What the benchmark measures, group by group, in one run: `run(options)` → figures.

Groups (``--only``): pages, history, registry, coverage, consolidated, load, docx, xlsx, pdf,
cold, consolidated-pdf (the many units' consolidated PDF on the PDF processes and on one),
demo. Times are medians of ``repeat`` fetches in this process (pages) or one export in a
fresh process (docx, xlsx, pdf: its peak resident memory is that process's). Ratios are taken
within the run: against the 25-row plan, the login page, raw WeasyPrint, the one-unit year.
"""

from __future__ import annotations

import statistics
import sys
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from partners.models import Category
from plans.benchmarking import load
from plans.benchmarking.figures import Figure, ratio
from plans.benchmarking.pages import measure, measure_together
from plans.benchmarking.sizes import Data

GROUPS = ("pages", "history", "registry", "coverage", "consolidated", "load", "docx", "xlsx",
          "pdf", "cold", "consolidated-pdf", "demo")
# The figure's growth from 200 to 2,000 rows (10× the rows) may be at most this.
LINEAR = 12.5


@dataclass
class Run:
    data: Data
    repeat: int
    seconds: float  # of each throughput measurement
    client: Client
    figures: list[Figure]

    def add(self, *figures: Figure) -> None:
        self.figures.extend(figures)
        for figure in figures:  # as it goes, for a long run
            sys.stderr.write(f"{figure.name}: {figure.value and round(figure.value, 3)} "
                             f"{figure.unit}\n")


def admin_client() -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username="admin"))
    return client


# --- pages ----------------------------------------------------------------------------------
def plan_pages(run: Run) -> None:
    for mode, query, limit in (("reading", "", 1.0), ("editing", "?mode=edit", 1.5)):
        sizes = sorted(run.data.plans)
        timings = dict(zip(sizes, measure_together(
            run.client, [f"/plans/{run.data.plans[rows].pk}/{query}" for rows in sizes],
            run.repeat), strict=True))
        previous = None
        for rows in sorted(run.data.plans):
            t = timings[rows]
            grown = ratio(t.median, timings[previous].median) if previous else None
            run.add(Figure("pages", f"plan page, {mode}, {rows} rows", t.median, "s",
                           grown, f"{previous} rows" if previous else "",
                           rows / previous * LINEAR / 10 if previous else None,
                           on_ratio=True, note=f"{t.queries} queries"))
            if rows >= 2000:
                run.add(Figure("pages", f"plan page, {mode}, {rows} rows, time", t.median,
                               "s", target=limit))
            run.add(Figure("pages", f"plan page, {mode}, {rows} rows, HTML per row",
                           t.kib / rows, "KiB", target=2.0 if rows >= 200 else None,
                           note=f"{t.kib / 1024:.2f} MiB"))
            previous = rows


def history(run: Run) -> None:
    small, large = min(run.data.plans), max(run.data.plans)
    base, big = measure_together(run.client, [f"/plans/{run.data.plans[small].pk}/history/",
                                              f"/plans/{run.data.plans[large].pk}/history/"],
                                 run.repeat)
    run.add(Figure("history", f"history page, {small} rows", base.median, "s",
                   note=f"{base.kib:.0f} KiB, {base.queries} queries"),
            Figure("history", f"history page, {large} rows", big.median, "s",
                   ratio(big.median, base.median), f"{small} rows", 2.0, on_ratio=True,
                   note=f"{big.kib:.0f} KiB, {big.queries} queries"))


def registry(run: Run) -> None:
    from partners.models import Partner

    # The small counterpart: a category the synthetic plans do not use (the page's own cost).
    few = Category.objects.ordered().last()
    base, whole = measure_together(run.client, [f"/partners/?category={few.pk}", "/partners/"],
                                   run.repeat)
    count = Partner.objects.count()
    run.add(Figure("registry", f"registry, category «{few.name[:14]}»", base.median, "s",
                   note=f"{few.partners.count()} partners, {base.kib:.0f} KiB"),
            Figure("registry", f"registry, all {count} partners", whole.median, "s",
                   ratio(whole.median, base.median), "one category", 2.0, on_ratio=True,
                   note=f"{whole.kib:.0f} KiB"))


def coverage(run: Run) -> None:
    data = run.data
    for label, url in (("coverage", "/coverage/?year={}"), ("coverage XLSX",
                                                            "/coverage/xlsx/?year={}")):
        years = [data.one_year, *([data.many_year] if data.many_year else [])]
        one, *many = measure_together(run.client, [url.format(y) for y in years], run.repeat)
        run.add(Figure("coverage", f"{label}, one unit", one.median, "s"))
        if many:
            many = many[0]
            run.add(Figure("coverage", f"{label}, {data.units} units", many.median, "s",
                           ratio(many.median, one.median), "one unit", 3.0, on_ratio=True,
                           note=f"{many.kib:.0f} KiB"))


def consolidated(run: Run) -> None:
    year = run.data.many_year or run.data.year
    count = f"{run.data.units} plans" if run.data.many_year else f"{len(run.data.plans)} plans"
    t = measure(run.client, f"/plans/consolidated/{year}/", run.repeat)
    run.add(Figure("consolidated", f"consolidated page, {count}", t.median, "s", target=2.0,
                   note=f"{t.kib / 1024:.1f} MiB, {t.queries} queries"))


# --- throughput -----------------------------------------------------------------------------
def throughput(run: Run) -> None:
    data = run.data
    name = settings.SESSION_COOKIE_NAME
    cookie = f"{name}={run.client.cookies[name].value}"
    plan = data.plans[min(data.plans)].pk
    rows = min(data.plans)
    pages = [(f"plan page, {rows} rows", f"/plans/{plan}/", 0.5),
             (f"editing page, {rows} rows", f"/plans/{plan}/?mode=edit", None),
             ("coverage, one unit", f"/coverage/?year={data.one_year}", None),
             ("registry", "/partners/", None)]
    with load.gunicorn() as base:
        logins, figures = [], []
        for name, url, floor in pages:
            baselines, served, tool = load.in_turns(base + "/accounts/login/", base + url,
                                                    cookie, run.seconds)
            logins += baselines
            # Each round's page against that round's login page: the median of those.
            figures.append(Figure(
                "load", name, statistics.median(served), "req/s",
                statistics.median(p / b for p, b in zip(served, baselines, strict=True)),
                "login page", floor, on_ratio=True, at_least=True))
        run.add(Figure("load", f"login page, {load.CLIENTS} clients", statistics.median(logins),
                       "req/s", note=f"{tool}, gunicorn {load.WORKERS} workers, "
                                     f"in turns with each page"), *figures)


def run_groups(run: Run, groups: set[str]) -> None:
    from plans.benchmarking import demo, exports

    steps = {
        "pages": plan_pages, "history": history, "registry": registry, "coverage": coverage,
        "consolidated": consolidated, "load": throughput,
        "docx": lambda r: exports.office(r, "docx"), "xlsx": lambda r: exports.office(r, "xlsx"),
        "pdf": exports.pdf, "cold": exports.cold, "consolidated-pdf": exports.consolidated_pdf,
        "demo": demo.demo_pages,
    }
    for group in GROUPS:
        if group in groups:
            steps[group](run)
