"""Counting planned against held over the database (execution.schedules, execution.tally)."""

from datetime import date

from execution import tally
from execution.models import Achievement, ActivityChange, Occurrence
from execution.schedules import is_cancelled, with_execution
from plans.models import Activity
from plans.periods import Frequency, Period
from tests.factories import ActivityFactory, PlanRowFactory

TODAY = date(2025, 12, 10)


def make(row, period, title="Консультации"):
    activity = ActivityFactory(row=row, title=title)
    activity.period = period
    activity.save()
    return activity


def held(activity, day, children=0, adults=0, prizes=()):
    occurrence = Occurrence.objects.create(
        activity=activity, date=day, children=children, adults=adults
    )
    for title, level in prizes:
        Achievement.objects.create(occurrence=occurrence, title=title, level=level, name="Кружок")
    return occurrence


def fetched(plan):
    return with_execution(Activity.objects.filter(row__plan=plan).order_by("pk"))


def test_it_counts_a_plan_and_its_people(plan):
    row = PlanRowFactory(plan=plan)
    monthly = make(row, Period(frequency=Frequency.MONTHLY))
    held(monthly, date(2025, 9, 12), children=12, adults=2)
    held(monthly, date(2025, 9, 26), children=10)  # a second September: beyond the plan
    held(
        monthly, date(2025, 11, 5), children=8, adults=1, prizes=[("Диплом I степени", "regional")]
    )
    once = make(row, Period(months={10}))
    ActivityChange.objects.create(activity=once, month=10, kind="cancelled", reason="Карантин")

    tallies = tally.tally(fetched(plan), TODAY)
    counts = tally.total(tallies)

    assert (counts.planned, counts.held, counts.overdue, counts.due) == (9, 2, 1, 1)
    assert (counts.upcoming, counts.cancelled, counts.extra) == (5, 1, 1)
    assert (counts.occurrences, counts.children, counts.adults) == (3, 30, 3)
    assert counts.percent == 22
    months = dict(tally.by_month(tallies))
    assert (months[9].planned, months[9].held, months[9].extra) == (1, 1, 1)
    assert (months[10].overdue, months[10].cancelled) == (1, 1)
    assert months[6].planned == 0  # zeros for every month of the year
    assert [a.title for a in tally.achievements(tallies)] == ["Диплом I степени"]
    levels = {level: n for level, _label, n in tally.by_level(tally.achievements(tallies))}
    assert levels == {
        "international": 0,
        "national": 0,
        "regional": 1,
        "municipal": 0,
        "institution": 0,
    }


def test_it_groups_by_any_key(plan):
    first, second = PlanRowFactory(plan=plan), PlanRowFactory(plan=plan)
    held(make(first, Period(months={9})), date(2025, 9, 3))
    make(second, Period(months={9, 10}))
    groups = tally.group(tally.tally(fetched(plan), TODAY), lambda t: [t.activity.row_id])
    assert (groups[first.pk].planned, groups[first.pk].held) == (1, 1)
    assert (groups[second.pk].planned, groups[second.pk].overdue) == (2, 2)


def test_it_knows_a_whole_cancelled_activity(plan):
    activity = make(PlanRowFactory(plan=plan), Period(months={9}))
    ActivityChange.objects.create(activity=activity, kind="cancelled", reason="Нет партнёра")
    assert is_cancelled(fetched(plan).get())


def test_it_tallies_with_the_same_queries_however_many_occurrences(
    plan, django_assert_max_num_queries
):
    row = PlanRowFactory(plan=plan)
    for n in range(6):
        activity = make(row, Period(frequency=Frequency.YEAR_ROUND), title=f"Встреча {n}")
        for day in (3, 10, 17):
            held(activity, date(2025, 10, day), children=5, prizes=[("Грамота", "institution")])
    with django_assert_max_num_queries(5):
        tallies = tally.tally(fetched(plan), TODAY)
        assert tally.total(tallies).occurrences == 18
        assert len(tally.achievements(tallies)) == 18
