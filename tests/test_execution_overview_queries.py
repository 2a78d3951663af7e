"""The execution view and its drill-down read a fixed number of queries, whatever the number of
units, activities and occurrences (issue 12: «the query count does not grow»)."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from execution.models import Achievement, Occurrence
from tests.conftest import login
from tests.factories import (
    ActivityFactory,
    DirectionFactory,
    PlanFactory,
    PlanRowFactory,
    UnitFactory,
)
from tests.overview_support import YEAR, freeze
from tests.plan_editing_support import months

MAX_QUERIES = 25


def build_units(count: int, occurrences: int, first: bool = True):
    """`count` units, each with a plan, two rows (one with a direction) and three activities,
    the first held `occurrences` times with an achievement each time."""
    direction = DirectionFactory(name="творчество")  # get or create
    for n in range(count):
        plan = PlanFactory(unit=UnitFactory(), year=YEAR)
        row = PlanRowFactory(plan=plan)
        row.directions.add(direction)
        other = PlanRowFactory(plan=plan)
        held = ActivityFactory(row=row, months=months(9, 10, 11))
        ActivityFactory(row=row, months=months(10))
        ActivityFactory(row=other, frequency="quarterly", months=0)
        for i in range(occurrences):
            occurrence = Occurrence.objects.create(
                activity=held, date=date(2025, 9, 1) + timedelta(days=i % 80), children=n + i
            )
            Achievement.objects.create(occurrence=occurrence, title="Грамота", name="Группа",
                                       level=Achievement.Level.MUNICIPAL)
    if first:
        UnitFactory(name="Объединение без плана")


def queries(client, name, query):
    with CaptureQueriesContext(connection) as context:
        response = client.get(reverse(name), query)
    assert response.status_code == 200
    return len(context.captured_queries)


QUERIES = [
    ("overview:index", {"year": YEAR}),
    ("overview:activities", {"year": YEAR, "status": "held", "month": "10"}),
    ("overview:activities", {"year": YEAR, "status": "overdue"}),
    ("overview:xlsx", {"year": YEAR}),
]


@pytest.mark.parametrize(("name", "query"), QUERIES)
def test_it_does_not_grow_with_units_activities_or_occurrences(
    client, methodist, monkeypatch, django_assert_max_num_queries, name, query
):
    freeze(monkeypatch)
    login(client, methodist)
    build_units(1, 1)
    small = queries(client, name, query)
    build_units(20, 12, first=False)
    with django_assert_max_num_queries(MAX_QUERIES):
        large = queries(client, name, query)
    assert large == small


def test_a_teachers_view_does_not_grow_either(client, owner, unit, monkeypatch):
    freeze(monkeypatch)
    login(client, owner)
    plan = PlanFactory(unit=unit, year=YEAR)
    activity = ActivityFactory(row=PlanRowFactory(plan=plan), months=months(10))
    Occurrence.objects.create(activity=activity, date=date(2025, 10, 3), children=4)
    small = queries(client, "overview:index", {"year": YEAR})
    for i in range(15):
        extra = ActivityFactory(row=PlanRowFactory(plan=plan), months=months(9, 10))
        Occurrence.objects.create(activity=extra, date=date(2025, 9, 2 + i), children=i)
    build_units(5, 2, first=False)  # other units' work: out of scope, not read
    assert queries(client, "overview:index", {"year": YEAR}) == small
