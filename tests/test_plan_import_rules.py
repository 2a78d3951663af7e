"""Importing annual plans: the rules for giving periods to activities, academic years, and any
cell text."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plans.importing import (
    PlanImportError,
    align_periods,
    import_plan,
    parse_year,
    split_activities,
)
from plans.models import Activity
from tests.docx_builders import build_plan_docx
from tests.plan_import_support import read

# --------------------------------------------------------------------------- alignment rules


@pytest.mark.parametrize(
    ("activities", "periods", "expected", "method"),
    [
        ([(0, "a"), (1, "b")], [(0, "X"), (1, "Y")], [["X"], ["Y"]], "line"),
        ([(0, "a"), (1, "b"), (2, "c")], [(0, "X")], [["X"], ["X"], ["X"]], "single"),
        ([(0, "a"), (2, "b"), (4, "c")], [(0, "X"), (2, "Y")], [["X"], ["Y"], ["Y"]],
         "position"),
        ([(0, "a"), (2, "b"), (4, "c"), (6, "d")], [(0, "X"), (0, "Y")],
         [["X"], ["X"], ["Y"], ["Y"]], "spread"),
        ([(0, "a")], [(0, "X"), (1, "Y")], [["X", "Y"]], "merged"),
        ([(0, "a"), (1, "b")], [], [[], []], "none"),
        ([], [(0, "X")], [], "orphan"),
    ],
)
def test_it_aligns_periods_to_activities(activities, periods, expected, method):
    assert align_periods(activities, periods) == (expected, method)


def test_it_keeps_quoted_sentences_together_when_splitting():
    text = "Мастер-класс «Народная игрушка. Кукла Акань».      Экскурсии. Конкурсы"
    assert [t for _l, t in split_activities(text)] == [
        "Мастер-класс «Народная игрушка. Кукла Акань».", "Экскурсии.", "Конкурсы",
    ]


def test_it_merges_several_month_periods_of_one_activity(unit):
    rows = [["1.", "ГИБДД", "", "Экскурсия", "Октябрь\nМай"]]
    import_plan(read(build_plan_docx(rows)), unit=unit, year=2026)
    assert Activity.objects.get().period.months == {10, 5}


@pytest.mark.parametrize(
    ("text", "year"),
    [("2026/2027", 2026), ("2026-2027", 2026), ("2026/27", 2026), ("2026", 2026),
     (" 2026 / 2027 ", 2026)],
)
def test_it_reads_academic_years(text, year):
    assert parse_year(text) == year


@pytest.mark.parametrize("text", ["", "2026/2028", "двадцать", "1900/1901", "2026/2027/2028"])
def test_it_refuses_bad_academic_years(text):
    with pytest.raises(PlanImportError):
        parse_year(text)


# --------------------------------------------------------------------------- any cell text

CELL = st.text(
    alphabet=st.sampled_from(list("абвгдеМБОУ№ :.,;-–()«»\"\n\t 0123456789")),
    max_size=60,
)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(CELL, min_size=5, max_size=5), min_size=1, max_size=4))
def test_it_reads_any_cell_text_or_says_why_not(rows):
    try:
        parsed = read(build_plan_docx(rows))
    except PlanImportError:
        return
    for row in parsed.rows:
        for activity in row.activities:
            assert activity.title.strip()
