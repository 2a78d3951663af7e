"""The history page is paged in the database: each page is the same window of the plan's
events as the whole list would give, told from the records on it, and a page costs the same
number of queries whatever the plan's size."""

import pytest
from django.urls import reverse

from plans.editor import history_pages
from plans.editor.history import plan_events
from plans.editor.history_pages import PlanHistory, plan_history
from plans.models import Activity, PlanRow
from plans.synth import Spec, build
from tests.factories import ActivityFactory, PartnerFactory, PlanRowFactory

pytestmark = pytest.mark.django_db


def keys(events):
    return [(e.kind, e.action, e.history_id, e.sentence) for e in events]


@pytest.fixture
def busy_plan(plan, owner):
    """Rows and activities added, changed, moved and deleted one by one, and a workflow step."""
    for n in range(6):
        row = PlanRowFactory(plan=plan, partner=PartnerFactory(name=f"Партнёр {n}"))
        activity = ActivityFactory(row=row, title=f"Мероприятие {n}")
        activity.title = f"Мероприятие {n}, изменённое"
        activity.save()
        if n % 2:
            row.characteristic = f"Цели {n}"
            row.save()
    PlanRow.objects.filter(plan=plan).first().delete()
    Activity.objects.filter(row__plan=plan).last().delete()
    return plan


def test_its_pages_together_are_the_whole_history_in_order(busy_plan, monkeypatch):
    monkeypatch.setattr(history_pages, "PER_PAGE", 4)
    whole = plan_events(busy_plan)
    first = plan_history(busy_plan, 1)
    assert first.paginator.count == len(whole)
    paged = [event for n in first.paginator.page_range
             for event in plan_history(busy_plan, n).object_list]
    assert keys(paged) == keys(whole)


def test_it_tells_the_changes_of_a_record_on_a_page_against_the_record_before_it(busy_plan):
    page = PlanHistory(busy_plan)[0:3]
    whole = plan_events(busy_plan)[0:3]
    assert [[(c.label, c.old, c.new) for c in e.changes] for e in page] == [
        [(c.label, c.old, c.new) for c in e.changes] for e in whole]
    assert [e.restorable for e in page] == [e.restorable for e in whole]


def test_it_tells_a_synthetic_plans_history_a_page_at_a_time(client, administrator):
    plan = build(Spec(rows=30, year=2043))[0]
    client.force_login(administrator)
    response = client.get(reverse("plans:history", args=[plan.pk]), {"page": 2})
    page = response.context["page"]
    assert page.paginator.count == 30 + 90 + len(PlanHistory(plan).few)
    assert len(page.object_list) == history_pages.PER_PAGE
    assert "Страница 2 из 3" in response.content.decode()


def test_a_page_costs_the_same_queries_whatever_the_plans_size(
    client, administrator, django_assert_max_num_queries
):
    small, large = build(Spec(rows=5, year=2044))[0], build(Spec(rows=60, year=2044))[0]
    client.force_login(administrator)
    with django_assert_max_num_queries(40) as captured:
        client.get(reverse("plans:history", args=[small.pk]))
    few = len(captured.captured_queries)
    for number in (1, 4):
        with django_assert_max_num_queries(few):
            client.get(reverse("plans:history", args=[large.pk]), {"page": number})
