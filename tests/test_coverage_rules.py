"""The coverage review: its rules, on the demo and on small plans."""

from datetime import date, timedelta

from partners.models import Agreement, Category, Direction, Institution, Partner, Unit
from plans import demo_data
from plans.models import Activity
from plans.periods import ACADEMIC_MONTHS, Frequency
from plans.review.coverage import (
    NO_PERIOD,
    REGULAR_MARK,
    CoverageParams,
    build_coverage,
    first_actions,
)
from tests.coverage_support import DEMO_YEAR, demo_coverage, user
from tests.factories import (
    ActivityFactory,
    CategoryFactory,
    DirectionFactory,
    PartnerFactory,
    PlanFactory,
    PlanRowFactory,
)

# --------------------------------------------------------------------------- rules on the demo


def test_it_finds_exactly_the_eight_empty_partners_of_the_seed(demo):
    coverage = demo_coverage()

    assert sorted(p.name for p in coverage.empty_partners) == sorted(demo_data.EMPTY_PARTNERS)
    assert len(coverage.empty_rows) == 8
    assert all(not row.activities.all() for row in coverage.empty_rows)


def test_it_names_no_working_month_of_the_demo_as_empty(demo):
    coverage = demo_coverage()

    assert [m.month for m in coverage.months] == list(ACADEMIC_MONTHS)
    assert coverage.working_months == (9, 10, 11, 12, 1, 2, 3, 4, 5)
    assert coverage.empty_months == []
    # The seed's explicit months, counted by hand: Sep 5, Oct 5, Nov 2, Dec 1, Jan 1, Feb 6,
    # Mar 1, Apr 2, May 7, Jun 1.
    pinned = {m.month: m.count for m in coverage.months}
    assert pinned == {9: 5, 10: 5, 11: 2, 12: 1, 1: 1, 2: 6, 3: 1, 4: 2, 5: 7, 6: 1, 7: 0, 8: 0}
    # 32 activities have a frequency and no months: regular work in every working month.
    regular = {m.month: m.regular for m in coverage.months}
    assert regular == {m: 32 if m in coverage.working_months else 0 for m in ACADEMIC_MONTHS}
    # July and August are shown, and are not gaps: they are the summer holidays.
    summer = [m for m in coverage.months if m.month in (6, 7, 8)]
    assert [(m.working, m.is_empty) for m in summer] == [(False, False)] * 3


def test_it_flags_the_summer_only_under_a_summer_programme(demo):
    Institution.objects.update(summer_programme=True)

    coverage = demo_coverage()

    assert coverage.working_months == tuple(ACADEMIC_MONTHS)
    # Regular work spans the summer too; only the months with nothing at all are gaps.
    assert [m.month for m in coverage.empty_months] == []
    assert {m.month: m.regular for m in coverage.months}[7] == 32


def test_it_flags_an_empty_working_month_and_never_a_summer_one(db, methodist, plan):
    row = PlanRowFactory(plan=plan)
    ActivityFactory(row=row, months=(1 << 9) | (1 << 6), frequency="")  # October, July

    coverage = build_coverage(methodist, CoverageParams(year=2025))

    assert [m.month for m in coverage.empty_months] == [9, 11, 12, 1, 2, 3, 4, 5]
    Institution.objects.update(summer_programme=True)
    coverage = build_coverage(methodist, CoverageParams(year=2025))
    assert [m.month for m in coverage.empty_months] == [9, 11, 12, 1, 2, 3, 4, 5, 6, 8]


def test_it_shows_frequencies_as_regular_work_and_lists_as_needed_apart(demo):
    coverage = demo_coverage()

    activities = list(Activity.objects.filter(row__plan__year=DEMO_YEAR))
    untied = [a for a in activities if not a.months]
    tied = [a for a in activities if a.months]
    # Every activity with months counts once per named month, as a pinned event.
    assert sum(m.count for m in coverage.months) == sum(bin(a.months).count("1") for a in tied)
    assert coverage.regular_total + coverage.apart_total == len(untied)
    by_key = {u.key: u.count for u in coverage.regular_work}
    assert by_key == {
        Frequency.YEAR_ROUND: 14,
        Frequency.QUARTERLY: 8,  # Ледовый дворец 4, ГИБДД 2, «Солнышко» 2
        Frequency.HALF_YEAR: 6,
        Frequency.TWICE_A_YEAR: 1,
        Frequency.ONCE: 3,
    }
    assert [(u.key, u.count) for u in coverage.listed_apart] == [(Frequency.AS_NEEDED, 1)]
    # «Ледовый дворец» holds four activities once a quarter: regular work in every working month,
    # no pinned event, nothing in the summer.
    matrix = coverage.partner_month
    line = next(ln for ln in matrix.lines if ln.label == "Ледовый дворец")
    months = line.cells[: matrix.month_columns]
    assert [c.text for c in months] == [REGULAR_MARK] * 9 + [""] * 3
    assert [c.count for c in months] == [0] * 12
    assert [c.label for c in matrix.untied_columns] == ["По мере необходимости"]


def test_it_keeps_the_months_of_a_frequency_that_names_them(db, methodist, plan):
    row = PlanRowFactory(plan=plan)
    ActivityFactory(row=row, months=(1 << 10) | (1 << 3), frequency=Frequency.TWICE_A_YEAR)
    ActivityFactory(row=row, months=0, frequency="", period_note="по согласованию")

    coverage = build_coverage(methodist, CoverageParams(year=2025))

    counts = {m.month: m.count for m in coverage.months}
    assert counts[11] == 1 and counts[4] == 1 and sum(counts.values()) == 2
    assert sum(m.regular for m in coverage.months) == 0
    assert [(u.key, u.count) for u in coverage.listed_apart] == [(NO_PERIOD, 1)]
    assert coverage.regular_work == []


def test_it_lists_registry_partners_in_no_plan_categories_and_units(demo):
    coverage = demo_coverage()

    unplanned = {p.name for p in coverage.unplanned_partners}
    assert unplanned == {
        "МБОУ СОШ № 1",
        "Центр комплексного обслуживания «Дарина»",
        "Театральное объединение «Хорошее настроение»",
    }
    assert {c.name for c in coverage.categories_without_partners} == {
        "Высшие и средние профессиональные учебные заведения",
        "Научные центры",
        "Органы власти",
        "Общественные организации",
        "Иные организации",
    }
    assert coverage.directions_without_activities == []
    # Only creative associations keep a plan by default: departments, halls and the institution
    # as a whole are not gaps.
    assert [u.name for u in coverage.units_without_plan] == [
        "Театральное объединение «Хорошее настроение»"
    ]


def test_it_lists_a_unit_as_without_a_plan_as_the_administrator_sets_it(demo):
    Unit.objects.filter(name="Мини-зоопарк").update(plan_expected=True)
    Unit.objects.filter(name__contains="Хорошее настроение").update(plan_expected=False)

    coverage = demo_coverage()

    assert [u.name for u in coverage.units_without_plan] == ["Мини-зоопарк"]
    line = next(ln for ln in coverage.unit_direction.lines if "Хорошее" in ln.label)
    assert not line.is_empty and all(c.off and not c.is_gap for c in line.cells)


def test_it_states_exactly_the_gaps_of_the_demo(demo):
    coverage = demo_coverage()

    assert [p.name for p in coverage.empty_partners] == [
        "Детский сад «Тополёк»",
        "МБОУ гимназия",
        "МУЗ СЦРБ",
        "ОМВД",
        "ПЧ-48",
        "Детская библиотека",
        "Музей истории ремесел Советского района",
        "КЦСОН «Ирида»",
    ]
    assert coverage.empty_months == []
    assert [c.name for c in coverage.categories_without_partners] == [
        "Высшие и средние профессиональные учебные заведения",
        "Научные центры",
        "Органы власти",
        "Общественные организации",
        "Иные организации",
    ]
    assert [u.name for u in coverage.units_without_plan] == [
        "Театральное объединение «Хорошее настроение»"
    ]
    # In partner × month, the lines that are gaps are exactly the eight empty partners, and no
    # working month's column is empty.
    matrix = coverage.partner_month
    assert sorted(ln.label for ln in matrix.lines if ln.is_empty) == sorted(
        demo_data.EMPTY_PARTNERS
    )
    assert not any(t.is_gap for t in matrix.totals[: matrix.month_columns])
    # The first things to act on come from these gaps, the empty partners first.
    actions = first_actions(coverage)
    assert 3 <= len(actions) <= 5
    assert actions[0]["anchor"] == "empty-partners"
    assert {"empty-partners", "units-without-plan", "empty-categories"} <= {
        a["anchor"] for a in actions
    }


def test_it_leaves_archived_partners_out_of_the_registry_gap(demo):
    Partner.objects.filter(name="МБОУ СОШ № 1").update(is_active=False)

    assert "МБОУ СОШ № 1" not in {p.name for p in demo_coverage().unplanned_partners}


def test_it_reports_directions_with_no_activity(demo):
    DirectionFactory(name="научно-техническое")

    assert [d.name for d in demo_coverage().directions_without_activities] == [
        "научно-техническое"
    ]


def test_it_filters_by_tier_category_and_direction(demo):
    external = demo_coverage(tier="external")
    assert {r.partner.category.tier for r in external.rows} == {"external"}
    assert len(external.empty_rows) == 8

    culture = Category.objects.get(name="Учреждения культуры")
    by_category = demo_coverage(category=culture)
    assert {p.name for p in by_category.empty_partners} == {
        "Детская библиотека",
        "Музей истории ремесел Советского района",
    }

    health = Direction.objects.get(name="здоровьесберегающее")
    by_direction = demo_coverage(direction=health)
    assert {r.partner.name for r in by_direction.rows} == {"Ледовый дворец"}
    assert by_direction.empty_rows == []

    no_direction = demo_coverage(direction="null")
    assert {r.partner.name for r in no_direction.rows} == set(demo_data.EMPTY_PARTNERS)


def test_it_draws_the_category_and_unit_matrices_with_zeros(demo):
    coverage = demo_coverage()

    by_category = {line.label: line for line in coverage.category_direction.lines}
    assert by_category["Научные центры"].total == 0
    assert all(c.is_zero and not c.url for c in by_category["Научные центры"].cells)
    columns = [c.label for c in coverage.category_direction.columns]
    sport = by_category["Спортивные и медицинские учреждения"]
    assert sport.cells[columns.index("Здоровьесберегающее")].count == 4
    assert sport.cells[columns.index("Здоровьесберегающее")].url

    by_unit = {line.label: line for line in coverage.unit_direction.lines}
    assert by_unit["Творческое объединение «Рукодельница»"].total == 46
    assert by_unit["Мини-зоопарк"].total == 0 and by_unit["Мини-зоопарк"].note


def test_it_compares_the_year_with_the_last(demo):
    rukodelnitsa = Unit.objects.get(name="Творческое объединение «Рукодельница»")
    this_year = build_coverage(
        user("methodist"), CoverageParams(year=DEMO_YEAR + 1, units=(rukodelnitsa,))
    )
    # The draft is a copy of the approved plan: nothing gained or lost. (This year the demo
    # also has «Хорошее настроение»'s plan, which compares with no plan of its own.)
    assert this_year.comparison.gained == [] and this_year.comparison.lost == []
    assert all(line.then == line.now for line in this_year.comparison.directions)

    first = demo_coverage().comparison
    assert first.had_plans is False
    assert len(first.gained) == 20 and first.lost == []
    assert first.activities_then == 0 and first.activities_now == 46


def test_it_counts_partners_lost_and_activities_per_direction(db, methodist, unit):
    social = DirectionFactory(name="социальное")
    kept, dropped, new = PartnerFactory(), PartnerFactory(), PartnerFactory()
    last = PlanFactory(unit=unit, year=2024)
    for partner in (kept, dropped):
        row = PlanRowFactory(plan=last, partner=partner)
        row.directions.set([social])
        ActivityFactory.create_batch(2, row=row)
    now = PlanFactory(unit=unit, year=2025)
    for partner in (kept, new):
        row = PlanRowFactory(plan=now, partner=partner)
        row.directions.set([social])
        ActivityFactory(row=row)

    comparison = build_coverage(methodist, CoverageParams(year=2025)).comparison

    assert comparison.gained == [new] and comparison.lost == [dropped]
    line = next(ln for ln in comparison.directions if ln.direction == social)
    assert (line.then, line.now, line.change) == (4, 2, -2)


def test_it_lists_partners_and_categories_in_the_one_ordering(db, methodist, unit):
    # Categories whose set order puts an internal one after the external ones: internal first
    # all the same, then the set order, then names (Partner/Category.objects.ordered()).
    schools = CategoryFactory(name="Образовательные организации", tier="external", order=1)
    culture = CategoryFactory(name="Учреждения культуры", tier="external", order=2)
    parents = CategoryFactory(name="Родительская общественность", tier="internal", order=5)
    plan = PlanFactory(unit=unit, year=2025)
    planned = [
        PartnerFactory(name="Детская библиотека", category=culture),
        PartnerFactory(name="Школа № 4", category=schools),
        PartnerFactory(name="Гимназия № 1", category=schools),
        PartnerFactory(name="Родители", category=parents),
    ]
    for partner in planned:  # the plan's own order, which coverage does not follow
        ActivityFactory(row=PlanRowFactory(plan=plan, partner=partner), months=1 << 9)
    for name, category in [("Центр «Сибирь»", culture), ("Ансамбль", culture),
                           ("Совет отцов", parents)]:
        PartnerFactory(name=name, category=category)

    coverage = build_coverage(methodist, CoverageParams(year=2025))

    in_order = ["Родители", "Гимназия № 1", "Школа № 4", "Детская библиотека"]
    assert [line.label for line in coverage.partner_month.lines] == in_order
    assert [p.name for p in coverage.comparison.gained] == in_order
    assert [p.name for p in coverage.unplanned_partners] == [
        "Совет отцов", "Ансамбль", "Центр «Сибирь»"
    ]
    assert [line.label for line in coverage.category_direction.lines] == [
        "Родительская общественность", "Образовательные организации", "Учреждения культуры"
    ]


def test_it_reports_agreements_running_out_and_partners_without_one(db, methodist, plan):
    today = date(2025, 11, 1)
    with_old, with_soon, renewed, without = (PartnerFactory() for _ in range(4))
    for partner in (with_old, with_soon, renewed, without):
        ActivityFactory(row=PlanRowFactory(plan=plan, partner=partner))
    unit = plan.unit
    Agreement.objects.create(
        partner=with_old, unit=unit, number="1", valid_from=date(2024, 1, 1),
        valid_until=date(2025, 10, 1),
    )
    Agreement.objects.create(
        partner=with_soon, unit=unit, number="2", valid_from=date(2024, 1, 1),
        valid_until=today + timedelta(days=30),
    )
    Agreement.objects.create(
        partner=renewed, unit=unit, number="3", valid_from=date(2023, 1, 1),
        valid_until=date(2025, 9, 30),
    )
    Agreement.objects.create(partner=renewed, unit=unit, number="4", valid_from=date(2025, 10, 1))
    Agreement.objects.create(  # long expired: history, not a gap of this year
        partner=without, unit=unit, number="5", valid_from=date(2020, 1, 1),
        valid_until=date(2021, 1, 1),
    )

    coverage = build_coverage(methodist, CoverageParams(year=2025), today=today)

    ending = {(g.agreement.number, g.status) for g in coverage.agreements_ending}
    assert ending == {("1", "expired"), ("2", "expiring")}
    assert {e.partner for e in coverage.partners_without_agreement} == {with_old, without}


def test_it_needs_no_agreement_with_internal_partners(demo):
    names = {e.partner.name for e in demo_coverage().partners_without_agreement}
    # The demo's agreements cover МБОУ СОШ № 4, Ледовый дворец and РЦКиД «Сибирь» in its
    # year; «Солнышко»'s open-ended agreement starts only this year.
    assert names == {"ГИБДД", "Реабилитационный центр «Солнышко»"}


def test_it_shows_a_teacher_only_their_own_units(demo):
    teacher2 = demo_coverage("teacher2")
    assert [u.name for u in teacher2.units] == ["Театральное объединение «Хорошее настроение»"]
    assert teacher2.rows == [] and teacher2.plans == []

    teacher = demo_coverage("teacher")
    assert len(teacher.empty_rows) == 8
    # A teacher asking for another unit's coverage gets nothing of it.
    other = Unit.objects.get(name="Театральное объединение «Хорошее настроение»")
    assert demo_coverage("teacher", units=(other,)).units == []
