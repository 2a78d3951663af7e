"""The working months of the year: the month arithmetic of frequencies (plans.periods), the
institution's summer programme switch, and which units are expected to keep a plan."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from partners.models import Institution, Unit
from plans.periods import (
    ACADEMIC_MONTHS,
    REGULAR_FREQUENCIES,
    SCHOOL_MONTHS,
    Frequency,
    Period,
    covered_months,
    frequency_blocks,
    frequency_months,
    working_months,
)
from tests.factories import UnitFactory
from tests.test_institution import FIELDS

# --------------------------------------------------------------------------- plans.periods


def test_it_works_september_to_may_unless_there_is_a_summer_programme():
    assert working_months() == (9, 10, 11, 12, 1, 2, 3, 4, 5) == SCHOOL_MONTHS
    assert working_months(summer_programme=True) == ACADEMIC_MONTHS


def test_it_cuts_the_working_year_into_the_blocks_of_each_frequency():
    school = SCHOOL_MONTHS
    assert frequency_blocks(Frequency.MONTHLY, school) == tuple((m,) for m in school)
    assert frequency_blocks(Frequency.QUARTERLY, school) == ((9, 10, 11), (12, 1, 2), (3, 4, 5))
    assert frequency_blocks(Frequency.HALF_YEAR, school) == ((9, 10, 11, 12), (1, 2, 3, 4, 5))
    assert frequency_blocks(Frequency.TWICE_A_YEAR, school) == ((9, 10, 11, 12), (1, 2, 3, 4, 5))
    assert frequency_blocks(Frequency.YEAR_ROUND, school) == (school,)
    assert frequency_blocks(Frequency.ONCE, school) == (school,)
    assert frequency_blocks(Frequency.AS_NEEDED, school) == ()
    assert frequency_blocks("", school) == ()
    # A summer programme adds the summer quarter.
    assert frequency_blocks(Frequency.QUARTERLY, ACADEMIC_MONTHS)[-1] == (6, 7, 8)


def test_it_pins_named_months_and_spans_frequencies_over_the_working_months():
    school = SCHOOL_MONTHS
    october_july = Period(months={10, 7})
    assert covered_months(october_july, school) == (frozenset({10, 7}), frozenset())
    twice = Period(months={11, 4}, frequency=Frequency.TWICE_A_YEAR)
    assert covered_months(twice, school) == (frozenset({11, 4}), frozenset())
    quarterly = Period(frequency=Frequency.QUARTERLY)
    assert covered_months(quarterly, school) == (frozenset(), frozenset(school))
    as_needed = Period(frequency=Frequency.AS_NEEDED)
    assert covered_months(as_needed, school) == (frozenset(), frozenset())
    assert covered_months(Period(note="по согласованию"), school) == (frozenset(), frozenset())


working_sets = st.sets(st.sampled_from(ACADEMIC_MONTHS), min_size=1).map(
    lambda months: tuple(m for m in ACADEMIC_MONTHS if m in months)
)


@given(frequency=st.sampled_from([f.value for f in Frequency] + [""]), working=working_sets)
def test_it_spans_exactly_the_working_months_in_disjoint_blocks(frequency, working):
    blocks = frequency_blocks(frequency, working)
    months = [m for block in blocks for m in block]
    assert len(months) == len(set(months))  # the blocks never overlap
    assert all(blocks)  # and none is empty
    assert months == [m for m in ACADEMIC_MONTHS if m in months]  # in academic order
    expected = set(working) if frequency in REGULAR_FREQUENCIES else set()
    assert set(months) == expected == set(frequency_months(frequency, working))


@given(
    months=st.sets(st.sampled_from(ACADEMIC_MONTHS)),
    frequency=st.sampled_from([f.value for f in Frequency] + [""]),
    working=working_sets,
)
def test_it_covers_a_month_either_pinned_or_as_regular_work(months, frequency, working):
    pinned, regular = covered_months(Period(months=months, frequency=frequency), working)
    assert pinned == frozenset(months)
    assert not (pinned and regular)
    assert regular <= frozenset(working)


# --------------------------------------------------------------------------- the settings


def test_it_lets_the_administrator_switch_the_summer_programme(client, administrator, plan):
    client.force_login(administrator)
    page = client.get(reverse("institution")).content.decode()
    assert "летняя программа" in page.lower()

    client.post(reverse("institution"), {**FIELDS, "summer_programme": "on"})
    assert Institution.objects.get().summer_programme is True
    client.post(reverse("institution"), FIELDS)
    assert Institution.objects.get().summer_programme is False


@pytest.mark.parametrize(
    ("kind", "setting", "expected"),
    [
        (Unit.Kind.ASSOCIATION, None, True),
        (Unit.Kind.DEPARTMENT, None, False),
        (Unit.Kind.HALL, None, False),
        (Unit.Kind.INSTITUTION, None, False),
        (Unit.Kind.HALL, True, True),
        (Unit.Kind.ASSOCIATION, False, False),
    ],
)
def test_it_expects_a_plan_of_creative_associations_unless_set(db, kind, setting, expected):
    unit = UnitFactory(kind=kind, plan_expected=setting)
    assert unit.expects_plan is expected


def test_it_lets_the_administrator_set_whether_a_unit_keeps_a_plan(client, administrator, unit):
    administrator.is_staff = True  # Django's admin site wants staff
    administrator.save()
    client.force_login(administrator)
    url = reverse("admin:partners_unit_change", args=[unit.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="plan_expected"' in page.content.decode()
