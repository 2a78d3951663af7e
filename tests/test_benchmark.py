"""The benchmark command's shape, at tiny sizes (no figure is timed here): its table, its JSON,
its subsets, and the pieces that run in their own processes."""

import io
import json
from contextlib import contextmanager
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from plans.benchmarking import baseline, child
from plans.benchmarking.figures import Figure, table
from plans.exports import pool
from plans.models import Plan
from plans.synth import Spec, build

pytestmark = pytest.mark.django_db


def bench(*args) -> str:
    out = io.StringIO()
    call_command("benchmark", "--repeat", "1", "--rows", "2,4", "--units", "2",
                 "--unit-rows", "2", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_it_prints_every_figure_of_the_chosen_groups_with_ratios_and_targets(tmp_path):
    path = tmp_path / "bench.json"
    out = bench("--only", "pages,history,registry,coverage,consolidated", "--json", str(path))
    for group in ("-- pages", "-- history", "-- registry", "-- coverage", "-- consolidated"):
        assert group in out
    assert "plan page, editing, 4 rows" in out
    assert "coverage XLSX, 2 units" in out
    assert "figures short of their targets" in out
    report = json.loads(path.read_text())
    names = {f["name"] for f in report["figures"]}
    assert "history page, 4 rows" in names
    assert {"value", "ratio", "target", "short", "unit"} <= set(report["figures"][0])
    assert report["meta"]["groups"] == ["consolidated", "coverage", "history", "pages",
                                        "registry"]
    # The synthetic data went into years of its own, with the many units' year.
    assert Plan.objects.filter(year=report["meta"]["many_year"]).count() == 2


def test_it_measures_only_what_it_is_asked(tmp_path):
    out = bench("--only", "registry", "--quick")
    assert "-- registry" in out
    assert "-- pages" not in out


def test_it_refuses_unknown_groups_and_sizes():
    with pytest.raises(CommandError):
        bench("--only", "nonsense")
    with pytest.raises(CommandError):
        call_command("benchmark", "--rows", "a,b", stdout=io.StringIO())


def test_it_marks_a_figure_that_falls_short():
    over = Figure("g", "slow", 3.0, "s", target=2.0)
    under = Figure("g", "throughput", 10, "req/s", ratio=0.1, target=0.5, on_ratio=True,
                   at_least=True)
    fine = Figure("g", "fast", 1.0, "s", target=2.0)
    assert over.short and under.short and not fine.short
    lines = table([over, under, fine]).splitlines()
    assert lines[2].endswith("SHORT") and lines[3].endswith("SHORT")
    assert "SHORT" not in lines[4]


def test_its_exports_report_time_size_and_peak_memory_in_their_own_process(monkeypatch):
    plan = build(Spec(rows=3, year=2041))[0]
    result = child.main("xlsx", plan.pk)
    assert result["bytes"] > 0 and result["peak_mib"] > 0 and result["seconds"] > 0


def test_its_pdf_baseline_is_one_minimal_table_of_the_same_text():
    plan = build(Spec(rows=3, year=2042))[0]
    html = baseline.minimal_html(plan)
    assert html.count("<table>") == 1 and "table-layout: fixed" in html
    for row in plan.rows.all():
        assert row.partner.name in html
        for activity in row.activities.all():
            assert activity.title in html


def test_its_pdf_peak_memory_counts_the_parts_processes(settings):
    settings.PDF_PROCESSES = 2
    settings.PDF_PART_LINES = 10
    plan = build(Spec(rows=12, year=2043))[0]
    result = child.main("pdf", plan.pk)
    assert result["pages"] > 1 and result["peak_mib"] >= pool.children_peak_mib > 0


def test_it_keeps_the_median_of_five_runs_of_a_short_export(monkeypatch):
    from plans.benchmarking import exports

    runs = iter([{"seconds": 0.9, "peak_mib": 100}, {"seconds": 0.3, "peak_mib": 120},
                 {"seconds": 0.5, "peak_mib": 110}, {"seconds": 0.2, "peak_mib": 90},
                 {"seconds": 0.7, "peak_mib": 105}])
    monkeypatch.setattr(exports, "export", lambda kind, pk: next(runs))
    assert exports.measured("xlsx", 1) == {"seconds": 0.5, "peak_mib": 120}
    assert next(runs, None) is None


def test_it_keeps_the_median_of_five_fresh_processes_first_pdf(monkeypatch):
    from plans.benchmarking import exports

    pairs = iter([(0.9, 0.6), (0.6, 0.6), (0.8, 0.5), (0.7, 0.6), (0.5, 0.55)])
    calls = []

    def export(kind, pk):
        calls.append(kind)
        first, warm = next(pairs)
        return {"first": first, "warm": warm, "seconds": first + warm, "peak_mib": 1}

    monkeypatch.setattr(exports, "export", export)
    run = SimpleNamespace(data=SimpleNamespace(plans={25: SimpleNamespace(pk=1)}), figures=[])
    run.add = lambda *figures: run.figures.extend(figures)
    exports.cold(run)
    assert calls == ["cold"] * 5
    [figure] = run.figures
    assert figure.value == 0.7 and figure.ratio == pytest.approx(0.7 / 0.6)  # 1.0 < 1.17 < 1.5


def test_it_fetches_the_pages_it_compares_in_turns():
    from plans.benchmarking.pages import measure_together

    fetched = []

    class Client:
        def get(self, url):
            fetched.append(url)
            return SimpleNamespace(status_code=200, content=url.encode() * 10, streaming=False)

    one, many = measure_together(Client(), ["/one/", "/many/"], 3)
    assert fetched == ["/one/", "/many/"] + ["/one/", "/many/"] * 3  # warmed, then in turns
    assert (one.size, many.size, one.queries) == (50, 60, 0)


def test_it_measures_each_pages_throughput_in_turns_with_the_login_page(monkeypatch):
    """Throughput: the login page and the page, round by round, each round's ratio taken."""
    from plans.benchmarking import load, suite

    measured = []
    rates = iter([100, 60, 200, 100, 100, 40] * 4)

    def throughput(url, cookie, seconds):
        measured.append((url.removeprefix("http://x"), bool(cookie), seconds))
        return next(rates), "wrk"

    @contextmanager
    def gunicorn():
        yield "http://x"

    monkeypatch.setattr(load, "throughput", throughput)
    monkeypatch.setattr(load, "gunicorn", gunicorn)
    monkeypatch.setattr(load, "TURNS", 3)
    data = SimpleNamespace(plans={25: SimpleNamespace(pk=7)}, one_year=2048)
    client = SimpleNamespace(cookies={settings.SESSION_COOKIE_NAME: SimpleNamespace(value="k")})
    run = suite.Run(data, 5, 6.0, client, [])
    suite.throughput(run)
    assert measured[:6] == [("/accounts/login/", False, 2.0), ("/plans/7/", True, 2.0)] * 3
    login, plan = run.figures[:2]
    assert login.value == 100  # the median of every round's login page
    assert (plan.value, plan.ratio) == (60, 0.5)  # 60/100, 100/200, 40/100: their median
    assert plan.short is False and plan.target == 0.5


def test_it_runs_the_exports_it_compares_in_turns(monkeypatch):
    """A ratio's two sides are measured alternately: a slow minute of the machine falls on
    both alike. A long export runs once and waits for nobody."""
    from plans.benchmarking import exports

    calls = []
    seconds = {1: 0.2, 2: 2.0, 3: 30.0}

    def export(kind, pk):
        calls.append(pk)
        return {"seconds": seconds[pk] + len(calls) / 1000, "peak_mib": pk}

    monkeypatch.setattr(exports, "export", export)
    results = exports.measured_together([("xlsx", 1), ("xlsx", 2), ("xlsx", 3)])
    assert calls == [1, 2, 3, 1, 2, 1, 2, 1, 2, 1, 2]
    assert [round(r["seconds"], 3) for r in results] == [0.206, 2.007, 30.003]


def test_it_runs_a_long_export_once(monkeypatch):
    from plans.benchmarking import exports

    calls = []
    monkeypatch.setattr(exports, "export",
                        lambda kind, pk: calls.append(kind) or {"seconds": 30.0, "peak_mib": 1})
    assert exports.measured("pdf", 1)["seconds"] == 30.0 and calls == ["pdf"]
