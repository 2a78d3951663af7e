"""The demo's execution of the «Рукодельница» plans (issue 12, item 9): last year held in full
but for two cancellations, this autumn held with some slots overdue, prizes, conclusions."""

import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.utils import timezone
from icalendar import Calendar
from PIL import Image

from execution import demo as execution_demo
from execution.demo import data
from execution.feeds import service
from execution.models import (
    Achievement,
    ActivityChange,
    Conclusion,
    Occurrence,
    OccurrenceFile,
)
from execution.schedules import schedule_of, with_execution
from plans.models import Activity, Plan, current_academic_year
from plans.periods import expectations

pytestmark = pytest.mark.django_db

HELD, CANCELLED, OVERDUE = expectations.HELD, expectations.CANCELLED, expectations.OVERDUE


def plan_of(year):
    return Plan.objects.get(unit__name=data.RUKODELNITSA, year=year)


def statuses(plan, today=None):
    activities = with_execution(Activity.objects.filter(row__plan=plan))
    return Counter(
        state.status for a in activities for state in schedule_of(a, today).slots
    )


def occurrences_of(plan):
    return Occurrence.objects.filter(activity__row__plan=plan)


def test_it_holds_last_years_approved_plan_in_full_but_for_the_cancelled(demo):
    plan = plan_of(current_academic_year() - 1)
    assert plan.status == Plan.Status.APPROVED
    counted = statuses(plan)
    assert set(counted) == {HELD, CANCELLED}, "nothing overdue, due or upcoming in a closed year"
    assert counted[HELD] >= 100
    start, end = expectations.year_bounds(plan.year)
    for occurrence in occurrences_of(plan):
        assert start <= occurrence.date <= end and occurrence.date.weekday() < 5
        assert 0 < occurrence.participants <= 60
        assert occurrence.result and occurrence.recorded_by.username == "teacher"


def test_it_cancels_two_of_last_years_activities_with_reasons_and_moves_one_month(demo):
    plan = plan_of(current_academic_year() - 1)
    changes = ActivityChange.objects.filter(activity__row__plan=plan)
    cancelled = changes.filter(kind=ActivityChange.Kind.CANCELLED, month=None)
    assert cancelled.count() == 2
    assert {c.activity.title for c in cancelled} == {key[1] for key, _m, _r in data.CANCELLED}
    assert all(len(c.reason) > 20 for c in cancelled)
    assert not occurrences_of(plan).filter(activity__changes__in=cancelled).exists()
    (moved,) = changes.filter(kind=ActivityChange.Kind.MOVED)
    assert (moved.month, moved.to_month) == (2, 3)
    assert occurrences_of(plan).filter(activity=moved.activity, date__month=3).exists()


def test_it_gives_prizes_at_three_levels(demo):
    last = current_academic_year() - 1
    prizes = Achievement.objects.filter(occurrence__activity__row__plan=plan_of(last))
    assert {p.level for p in prizes} >= {
        Achievement.Level.INSTITUTION, Achievement.Level.MUNICIPAL, Achievement.Level.REGIONAL
    }
    assert set(prizes.values_list("title", "level")) >= {
        ("Диплом I степени", "municipal"), ("Лауреат", "regional"), ("Грамота", "institution")
    }
    assert all(p.name for p in prizes)


def test_it_fills_last_years_conclusions(demo):
    conclusion = Conclusion.objects.get(plan=plan_of(current_academic_year() - 1))
    assert conclusion.achieved and conclusion.difficulties and conclusion.next_year
    assert "Четвероногие друзья" in conclusion.achieved
    assert conclusion.updated_by.username == "teacher"


def test_it_attaches_a_real_photo_to_the_february_festival(demo):
    (photo,) = OccurrenceFile.objects.all()
    assert photo.occurrence.date.month == 2 and photo.is_image
    with photo.file.open("rb") as handle:
        image = Image.open(handle)
        assert image.format == "PNG" and image.size == (240, 160)
    assert photo.size == photo.file.size


def test_it_holds_this_year_from_september_to_november_before_today(demo):
    today = timezone.localdate()
    plan = plan_of(current_academic_year())
    for occurrence in occurrences_of(plan):
        assert occurrence.date < today and occurrence.date.month in (9, 10, 11)
    counted = statuses(plan)
    if expectations.month_position(plan.year, today) >= 1:  # October or later
        assert counted[OVERDUE] >= 1, "the methodist has something overdue to see"
    assert counted[CANCELLED] == 0


@pytest.mark.parametrize(
    ("month", "day", "overdue"),
    [(9, 10, 0), (10, 15, 1), (12, 2, len(data.FORGOTTEN)), (3, 1, None)],
)
def test_it_dates_this_year_from_the_day_it_is_loaded(demo, month, day, overdue):
    year = current_academic_year()
    today = expectations.month_date(year, month).replace(day=day)
    Occurrence.objects.all().delete()
    ActivityChange.objects.all().delete()
    execution_demo.load(today=today)
    plan = plan_of(year)
    assert all(o.date < today for o in occurrences_of(plan))
    counted = statuses(plan, today)
    if overdue is not None:
        assert counted[OVERDUE] == overdue
    else:  # in March the winter is overdue too: held from September to November only
        assert counted[OVERDUE] > len(data.FORGOTTEN)
    last = statuses(plan_of(year - 1), today)
    assert set(last) == {HELD, CANCELLED}


def test_it_draws_the_same_demo_every_time(demo):
    def snapshot():
        return sorted(
            Occurrence.objects.values_list(
                "activity__title", "date", "children", "adults", "result"
            )
        )

    before = snapshot()
    Occurrence.objects.all().delete()
    ActivityChange.objects.all().delete()
    call_command("demo", stdout=io.StringIO())
    assert snapshot() == before


def test_it_changes_nothing_on_a_second_run(demo):
    models = [Occurrence, Achievement, OccurrenceFile, ActivityChange, Conclusion]

    def snapshot():
        return {m.__name__: (m.objects.count(), m.history.count()) for m in models}

    before = snapshot()
    assert all(history == 0 for _count, history in before.values()), "the demo is no event"
    call_command("demo", stdout=io.StringIO())
    assert snapshot() == before


def test_it_shows_the_methodist_what_is_overdue_across_the_institution(
    demo, django_user_model
):
    methodist = django_user_model.objects.get(username="methodist")
    year = current_academic_year()
    today = expectations.month_date(year, 12).replace(day=2)
    body = service.build_feed(methodist, lambda path: f"https://example.org{path}", today)
    overdue = {
        str(event["SUMMARY"]) for event in Calendar.from_ical(body).walk("VEVENT")
        if "Просрочено" in str(event["DESCRIPTION"])
        and data.RUKODELNITSA in str(event["DESCRIPTION"])
    }
    assert overdue >= {f"[План] {key[1]}" for key, _month in data.FORGOTTEN}


def test_it_puts_last_years_and_this_years_activities_in_the_teachers_calendar(
    demo, django_user_model
):
    teacher = django_user_model.objects.get(username="teacher")
    body = service.build_feed(teacher, lambda path: f"https://example.org{path}")
    found = {str(event["UID"]) for event in Calendar.from_ical(body).walk("VEVENT")}
    year = current_academic_year()
    held = Occurrence.objects.filter(activity__row__plan__in=[plan_of(year - 1), plan_of(year)])
    assert {f"occurrence-{o.pk}@{service.UID_DOMAIN}" for o in held} <= found
    assert any(uid.startswith("slot-") for uid in found), "this year's plan still expects"


def test_it_runs_the_demo_command_of_execution_which_loads_both_apps():
    from django.core.management import get_commands

    # An earlier app's command of the same name would win (plans is before execution).
    assert get_commands()["demo"] == "execution"
