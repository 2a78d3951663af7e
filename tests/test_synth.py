"""Synthetic plans (plans.synth, `manage.py synth`): counts, every kind of period, Russian
titles of 40–120 characters, about ten categories, idempotent runs, the same-partner rule."""

import io

import pytest
from django.core.management import CommandError, call_command

from partners.models import Partner
from plans.models import Activity, Plan, PlanRow
from plans.periods import Frequency
from plans.synth import Spec, build, partner_name
from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db


def synth(*args) -> str:
    out = io.StringIO()
    call_command("synth", *args, stdout=out)
    return out.getvalue()


def test_it_builds_one_plan_of_n_rows_with_k_activities_a_row():
    synth("--rows", "14", "--activities", "2", "--year", "2031")
    plan = Plan.objects.get(year=2031)
    assert plan.rows.count() == 14
    assert Activity.objects.filter(row__plan=plan).count() == 28
    assert plan.status == Plan.Status.DRAFT
    assert plan.unit.plans.count() == 1


def test_it_builds_m_new_units_each_with_an_n_row_plan_in_one_year():
    synth("--rows", "5", "--units", "3", "--year", "2032")
    plans = Plan.objects.filter(year=2032)
    assert plans.count() == 3
    assert len({p.unit_id for p in plans}) == 3
    assert all(p.rows.count() == 5 for p in plans)
    assert Activity.objects.filter(row__plan__year=2032).count() == 3 * 5 * 3


def test_it_is_idempotent_for_the_same_arguments():
    synth("--rows", "13", "--units", "2", "--year", "2033")
    counts = (Plan.objects.count(), PlanRow.objects.count(), Activity.objects.count(),
              Partner.objects.count())
    synth("--rows", "13", "--units", "2", "--year", "2033")
    assert counts == (Plan.objects.count(), PlanRow.objects.count(), Activity.objects.count(),
                      Partner.objects.count())


def test_it_writes_every_kind_of_period():
    build(Spec(rows=13, activities=1, year=2034))
    activities = list(Activity.objects.filter(row__plan__year=2034))
    frequencies = {a.frequency for a in activities}
    assert frequencies >= {f.value for f in Frequency}
    plain = [a for a in activities if not a.frequency]
    spans = [a.period_text for a in plain]
    assert any("–" in text for text in spans)  # a span
    assert any("Декабрь–январь" in text for text in spans)  # across the new year
    assert any("," in text for text in spans)  # a list
    assert any(a.period_note for a in activities)
    assert any(len(a.period.months) == 1 and not a.period_note for a in plain)  # one month


def test_its_titles_are_russian_and_40_to_120_characters_over_about_ten_categories():
    build(Spec(rows=30, activities=3, year=2035))
    titles = Activity.objects.filter(row__plan__year=2035).values_list("title", flat=True)
    assert all(40 <= len(title) <= 120 for title in titles)
    assert all(any("а" <= ch.lower() <= "я" for ch in title) for title in titles)
    categories = {row.partner.category_id for row in PlanRow.objects.filter(plan__year=2035)}
    assert 8 <= len(categories) <= 12


def test_it_reuses_a_registry_partner_that_counts_as_the_same():
    # The same name spelt differently (case, spaces after «№») is the same partner.
    existing = PartnerFactory(name=partner_name(0).upper().replace("№ ", "№"))
    build(Spec(rows=3, year=2036))
    assert PlanRow.objects.filter(plan__year=2036, partner=existing).exists()
    assert Partner.objects.same_as(partner_name(0)) == existing


def test_it_refuses_nonsense_sizes():
    with pytest.raises(CommandError):
        synth("--rows", "0")
    assert not Plan.objects.exists()
