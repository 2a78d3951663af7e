"""Recording pages: the plan's execution page, the full occurrence form, cancel, move, undo."""

from datetime import date

import pytest

from execution.models import Achievement, ActivityChange, Occurrence
from tests.conftest import login
from tests.factories import ActivityFactory
from tests.plan_editing_support import months
from tests.recording_support import body, today, url  # noqa: F401

pytestmark = pytest.mark.usefixtures("today")


def test_it_shows_the_plan_execution_page_with_slots_and_badges(client, owner, plan, activity):
    Occurrence.objects.create(activity=activity, date=date(2025, 10, 3), children=12)
    nov = ActivityFactory(row=activity.row, title="Конкурс", months=months(11, 12))
    ActivityChange.objects.create(activity=nov, month=11, kind="cancelled", reason="Карантин")
    page = body(login(client, owner).get(url("plan", plan.pk)))
    assert "Экскурсии" in page and "проведено" in page
    assert "отменено" in page
    assert "в этом месяце" in page  # December of «Конкурс»


def test_it_records_a_full_occurrence_with_achievements(client, owner, activity):
    data = {
        "date": "2025-10-03", "children": "12", "adults": "2", "result": "Экскурсия в музей",
        "links": "https://example.org/news/1",
        "achievements-TOTAL_FORMS": "1", "achievements-INITIAL_FORMS": "0",
        "achievements-0-title": "Диплом I степени", "achievements-0-level": "regional",
        "achievements-0-name": "Иванова Анна",
    }
    response = login(client, owner).post(url("occurrence_add", activity.pk), data)
    assert response.status_code == 302, body(response)
    occurrence = Occurrence.objects.get()
    assert (occurrence.children, occurrence.adults) == (12, 2)
    assert occurrence.recorded_by == owner
    assert Achievement.objects.get().level == "regional"
    assert occurrence.history.get().history_user == owner
