"""Planned against held (plans.periods.expectations): what each period expects, which slots an
occurrence holds, what is overdue, and the academic year's boundaries."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plans.periods import ACADEMIC_MONTHS, SCHOOL_MONTHS, Frequency, Period
from plans.periods import expectations as ex

SUMMER = ACADEMIC_MONTHS  # an institution with a summer programme works all year


def slots(period, working=SCHOOL_MONTHS):
    return [s.months for s in ex.expected_slots(period, working)]


# --------------------------------------------------------------------------- what is expected


def test_it_expects_one_occurrence_in_each_pinned_month_whatever_the_frequency():
    assert slots(Period(months={4, 11})) == [(11,), (4,)]
    assert slots(Period(months={4, 11}, frequency=Frequency.TWICE_A_YEAR)) == [(11,), (4,)]
    assert slots(Period(months={7})) == [(7,)]  # pinned outside the working months: still due
    assert all(s.pinned for s in ex.expected_slots(Period(months={5}), SCHOOL_MONTHS))


@pytest.mark.parametrize(
    ("frequency", "school", "summer"),
    [
        (Frequency.MONTHLY, [(m,) for m in SCHOOL_MONTHS], [(m,) for m in ACADEMIC_MONTHS]),
        (
            Frequency.QUARTERLY,
            [(9, 10, 11), (12, 1, 2), (3, 4, 5)],
            [(9, 10, 11), (12, 1, 2), (3, 4, 5), (6, 7, 8)],
        ),
        (
            Frequency.YEAR_ROUND,
            [(9, 10, 11), (12, 1, 2), (3, 4, 5)],
            [(9, 10, 11), (12, 1, 2), (3, 4, 5), (6, 7, 8)],
        ),
        (
            Frequency.HALF_YEAR,
            [(9, 10, 11, 12), (1, 2, 3, 4, 5)],
            [(9, 10, 11, 12), (1, 2, 3, 4, 5, 6, 7, 8)],
        ),
        (
            Frequency.TWICE_A_YEAR,
            [(9, 10, 11, 12), (1, 2, 3, 4, 5)],
            [(9, 10, 11, 12), (1, 2, 3, 4, 5, 6, 7, 8)],
        ),
        (Frequency.ONCE, [SCHOOL_MONTHS], [ACADEMIC_MONTHS]),
        (Frequency.AS_NEEDED, [], []),
        ("", [], []),
    ],
)
def test_it_expects_what_each_frequency_says(frequency, school, summer):
    assert slots(Period(frequency=frequency)) == school
    assert slots(Period(frequency=frequency), SUMMER) == summer


def test_it_counts_the_issue_s_numbers():
    count = ex.expected_count
    assert count(Period(frequency=Frequency.MONTHLY), SCHOOL_MONTHS) == 9
    assert count(Period(frequency=Frequency.QUARTERLY), SCHOOL_MONTHS) == 3
    assert count(Period(frequency=Frequency.HALF_YEAR), SCHOOL_MONTHS) == 2
    assert count(Period(frequency=Frequency.TWICE_A_YEAR), SCHOOL_MONTHS) == 2
    assert count(Period(frequency=Frequency.ONCE), SCHOOL_MONTHS) == 1
    assert count(Period(frequency=Frequency.YEAR_ROUND), SCHOOL_MONTHS) == 3  # once a quarter
    assert count(Period(frequency=Frequency.AS_NEEDED), SCHOOL_MONTHS) == 0


@given(
    months=st.lists(st.integers(1, 12), max_size=12),
    frequency=st.sampled_from(["", *Frequency.values]),
    summer=st.booleans(),
    data=st.data(),
)
def test_it_never_depends_on_the_order_of_months(months, frequency, summer, data):
    working = ACADEMIC_MONTHS if summer else SCHOOL_MONTHS
    shuffled = data.draw(st.permutations(months))
    first = ex.expected_slots(Period(months=months, frequency=frequency), working)
    second = ex.expected_slots(Period(months=shuffled, frequency=frequency), working)
    assert first == second
    assert ex.expected_count(Period(months=months, frequency=frequency), working) == len(first)
    if months:
        assert len(first) == len(set(months))


# --------------------------------------------------------------------------- the academic year


def test_it_places_months_in_the_academic_year():
    assert ex.month_date(2025, 9) == date(2025, 9, 1)
    assert ex.month_date(2025, 8) == date(2026, 8, 1)
    assert ex.month_end(2025, 2) == date(2026, 2, 28)
    assert ex.month_end(2027, 2) == date(2028, 2, 29)
    assert ex.year_bounds(2025) == (date(2025, 9, 1), date(2026, 8, 31))


def test_it_finds_the_first_working_day_of_a_month():
    assert ex.first_working_day(2025, 11) == date(2025, 11, 3)  # 1 Nov 2025 is a Saturday
    assert ex.first_working_day(2025, 9) == date(2025, 9, 1)  # a Monday
    assert ex.first_working_day(2025, 3) == date(2026, 3, 2)  # 1 Mar 2026 is a Sunday


def test_it_knows_where_today_stands_in_a_year():
    assert ex.month_position(2025, date(2025, 8, 31)) == -1
    assert ex.month_position(2025, date(2025, 9, 1)) == 0
    assert ex.month_position(2025, date(2026, 8, 31)) == 11
    assert ex.month_position(2025, date(2026, 9, 1)) == 12


# --------------------------------------------------------------------------- held and overdue


def run(period, dates=(), changes=(), today=date(2025, 12, 10), year=2025, working=SCHOOL_MONTHS):
    occurrences = [(d, d.isoformat()) for d in dates]
    return ex.schedule(ex.expected_slots(period, working), occurrences, changes, year, today)


def statuses(result):
    return [(s.slot.months, s.status) for s in result.slots]


def test_it_marks_past_slots_overdue_the_current_due_and_later_upcoming():
    result = run(Period(frequency=Frequency.MONTHLY), dates=[date(2025, 10, 5)])
    assert statuses(result)[:5] == [
        ((9,), ex.OVERDUE),
        ((10,), ex.HELD),
        ((11,), ex.OVERDUE),
        ((12,), ex.DUE),
        ((1,), ex.UPCOMING),
    ]
    assert (result.planned, result.held, result.overdue) == (9, 1, 2)


def test_it_is_not_overdue_until_the_last_month_of_a_block_has_ended():
    quarterly = Period(frequency=Frequency.QUARTERLY)
    assert statuses(run(quarterly, today=date(2025, 11, 30)))[0] == ((9, 10, 11), ex.DUE)
    assert statuses(run(quarterly, today=date(2025, 12, 1)))[0] == ((9, 10, 11), ex.OVERDUE)


def test_it_holds_a_block_with_any_of_its_months_and_counts_the_rest_as_extra():
    result = run(
        Period(frequency=Frequency.YEAR_ROUND),
        dates=[date(2025, 9, 2), date(2025, 10, 7), date(2025, 12, 1)],
    )
    assert statuses(result) == [
        ((9, 10, 11), ex.HELD),
        ((12, 1, 2), ex.HELD),
        ((3, 4, 5), ex.UPCOMING),
    ]
    assert result.extra == ("2025-10-07",)


def test_it_gives_occurrences_to_the_earliest_deadline_first():
    # Moved from November to December, beside the pinned December: two Decembers, two slots.
    moved = ex.Change(month=11, moved_to=12, reason="Карантин")
    result = run(
        Period(months={11, 12}),
        dates=[date(2025, 12, 3), date(2025, 12, 20)],
        changes=[moved],
        today=date(2026, 1, 15),
    )
    assert [s.status for s in result.slots] == [ex.HELD, ex.HELD]
    assert result.slots[0].planned_months == (11,) and result.slots[0].slot.months == (12,)
    assert result.slots[0].change is moved


def test_it_leaves_cancelled_slots_out_of_the_planned_count():
    result = run(
        Period(frequency=Frequency.MONTHLY),
        changes=[ex.Change(month=9, reason="Ремонт")],
        today=date(2026, 6, 1),
    )
    assert result.slots[0].status == ex.CANCELLED
    assert (result.planned, result.overdue) == (8, 8)


def test_it_cancels_every_slot_when_the_whole_activity_is_cancelled():
    result = run(
        Period(months={10, 3}),
        dates=[date(2025, 10, 2)],
        changes=[ex.Change(month=None, reason="Партнёр закрылся")],
    )
    assert [s.status for s in result.slots] == [ex.CANCELLED, ex.CANCELLED]
    assert result.planned == 0 and result.extra == ("2025-10-02",)


def test_it_ignores_occurrences_outside_the_academic_year():
    result = run(Period(months={9}), dates=[date(2025, 8, 31), date(2026, 9, 1)])
    assert statuses(result) == [((9,), ex.OVERDUE)]
    assert result.extra == ()


def test_it_expects_nothing_of_as_needed_and_keeps_what_was_held_as_extra():
    result = run(Period(frequency=Frequency.AS_NEEDED), dates=[date(2025, 11, 11)])
    assert result.slots == () and result.extra == ("2025-11-11",)


def test_it_has_nothing_overdue_before_the_year_and_everything_open_after_it():
    monthly = Period(frequency=Frequency.MONTHLY)
    before = run(monthly, today=date(2025, 6, 1))
    after = run(monthly, today=date(2026, 9, 2))
    assert {s.status for s in before.slots} == {ex.UPCOMING}
    assert {s.status for s in after.slots} == {ex.OVERDUE}


def test_it_treats_the_year_s_last_month_at_the_boundary():
    august = Period(months={8})
    assert statuses(run(august, today=date(2026, 8, 31), working=SUMMER)) == [((8,), ex.DUE)]
    assert statuses(run(august, today=date(2026, 9, 1), working=SUMMER)) == [((8,), ex.OVERDUE)]


@given(
    days=st.lists(st.integers(0, 364), max_size=20),
    frequency=st.sampled_from(Frequency.values),
    today=st.integers(-30, 400),
)
def test_it_holds_at_most_one_slot_per_occurrence(days, frequency, today):
    start = date(2025, 9, 1)  # day 364 is 31 August 2026: every date is in the year
    occurrences = [(date.fromordinal(start.toordinal() + d), i) for i, d in enumerate(days)]
    result = ex.schedule(
        ex.expected_slots(Period(frequency=frequency), SCHOOL_MONTHS),
        occurrences,
        [],
        2025,
        date.fromordinal(start.toordinal() + today),
    )
    held = [s.occurrence for s in result.slots if s.status == ex.HELD]
    assert len(held) == len(set(held)) == result.held
    assert sorted(held + list(result.extra)) == list(range(len(days)))
