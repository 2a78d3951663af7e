"""Coverage: the rules on the seed's demo, the page, its drill-down and its exports."""

import io
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from partners.models import Agreement, Category, Direction, Institution, Partner, Unit
from plans import demo_data
from plans.models import Activity, Plan, current_academic_year
from plans.periods import ACADEMIC_MONTHS, Frequency
from plans.review.coverage import (
    NO_PERIOD,
    REGULAR_MARK,
    CoverageParams,
    build_coverage,
    first_actions,
)
from tests.factories import (
    ActivityFactory,
    CategoryFactory,
    DirectionFactory,
    PartnerFactory,
    PlanFactory,
    PlanRowFactory,
    UnitFactory,
)

DEMO_YEAR = current_academic_year() - 1  # the demo's approved year


def user(username):
    return get_user_model().objects.get(username=username)


def demo_coverage(username="methodist", **params):
    return build_coverage(user(username), CoverageParams(year=DEMO_YEAR, **params))


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


# --------------------------------------------------------------------------- the page


def test_it_shows_the_methodist_the_gaps_at_once(client, demo):
    client.force_login(user("methodist"))

    response = client.get(reverse("coverage:index"), {"year": DEMO_YEAR})

    assert response.status_code == 200
    body = response.content.decode()
    for name in demo_data.EMPTY_PARTNERS:
        assert name in body
    assert "Партнёры без мероприятий" in body
    assert "С чего начать" in body
    assert "Один раз в квартал" in body  # regular work, by frequency
    assert "каникулы" in body  # the summer months: shown, not flagged
    empty_rows = response.context["coverage"].empty_rows
    for row in empty_rows:
        assert f'href="{row.get_absolute_url()}"' in body


def test_it_keeps_the_filters_in_the_url(client, demo):
    client.force_login(user("methodist"))
    culture = Category.objects.get(name="Учреждения культуры")
    unit = Unit.objects.get(name="Творческое объединение «Рукодельница»")

    response = client.get(
        reverse("coverage:index"),
        {"year": DEMO_YEAR, "unit": unit.pk, "tier": "external", "category": culture.pk},
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert f"category={culture.pk}" in response.context["xlsx_url"]
    assert f"unit={unit.pk}" in response.context["pdf_url"]
    assert "МБОУ гимназия" not in body.split('id="empty-partners"')[1].split("</section>")[0]


@pytest.mark.parametrize(
    "bad",
    [
        {"year": "abc"},
        {"year": "99999"},
        {"unit": "999999"},
        {"unit": "x"},
        {"tier": "<script>"},
        {"category": "-1"},
        {"direction": "nope"},
        {"direction": "null"},
        {"partner": "abc", "month": "13", "period": "<b>"},
        {"partner": "999999", "month": "-1"},
    ],
)
def test_it_survives_malformed_filters(client, methodist, plan, bad):
    client.force_login(methodist)
    for name in ["coverage:index", "coverage:activities", "coverage:xlsx"]:
        assert client.get(reverse(name), bad).status_code == 200


def test_it_shows_the_errors_of_bad_filters_next_to_them(client, methodist, plan):
    client.force_login(methodist)
    response = client.get(reverse("coverage:index"), {"unit": "999999"})
    assert "invalid-feedback" in response.content.decode()


def test_it_renders_the_page_in_the_same_number_of_queries_for_one_unit_and_fifty(
    client, methodist, django_assert_max_num_queries
):
    directions = [DirectionFactory(name=f"направление {i}") for i in range(3)]

    def add_unit():
        unit = UnitFactory()
        plan = PlanFactory(unit=unit, year=2025)
        PlanFactory(unit=unit, year=2024)
        for i in range(3):
            row = PlanRowFactory(plan=plan, partner=PartnerFactory())
            row.directions.set(directions[: i + 1])
            ActivityFactory.create_batch(i, row=row)
        Agreement.objects.create(
            partner=row.partner, unit=unit, valid_from=date(2025, 1, 1),
            valid_until=date(2025, 10, 1),
        )

    add_unit()
    client.force_login(methodist)
    url = reverse("coverage:index")
    with CaptureQueriesContext(connection) as one:
        assert client.get(url, {"year": 2025}).status_code == 200
    for _ in range(49):
        add_unit()
    with CaptureQueriesContext(connection) as fifty:
        response = client.get(url, {"year": 2025})
    assert len(response.context["coverage"].units) == 50
    assert len(fifty.captured_queries) == len(one.captured_queries)
    assert len(one.captured_queries) <= 20


# --------------------------------------------------------------------------- drill-down


def test_it_lists_the_activities_behind_a_cell(client, demo):
    client.force_login(user("methodist"))
    coverage = demo_coverage()
    line = next(ln for ln in coverage.partner_month.lines if ln.label.startswith("Родители"))
    november = line.cells[ACADEMIC_MONTHS.index(11)]
    assert november.count == 2 and november.regular

    response = client.get(november.url)

    assert response.status_code == 200
    pairs = response.context["pairs"]
    pinned = {a.title for a, _row in pairs if a.months}
    assert pinned == {"Мастер-класс.", "Открытые занятия."}
    # Regular work spanning November is behind the cell too.
    assert len(pairs) == 2 + november.regular
    assert all(a.frequency and not a.months for a, _row in pairs if a.title not in pinned)
    assert "ноябрь" in response.content.decode()


def test_it_lists_the_activities_not_tied_to_a_month(client, demo):
    client.force_login(user("methodist"))
    response = client.get(
        reverse("coverage:activities"), {"year": DEMO_YEAR, "period": Frequency.QUARTERLY}
    )
    assert len(response.context["pairs"]) == 8
    assert all(a.frequency == Frequency.QUARTERLY and not a.months
               for a, _row in response.context["pairs"])


def test_it_links_every_nonzero_cell_and_no_zero(demo):
    coverage = demo_coverage()
    for matrix in (coverage.partner_month, coverage.category_direction, coverage.unit_direction):
        for line in matrix.lines:
            for cell in line.cells:
                assert bool(cell.url) == (cell.count > 0 or cell.regular > 0)


def test_it_hides_other_units_activities_from_a_teacher(client, demo):
    client.force_login(user("teacher2"))
    response = client.get(reverse("coverage:activities"), {"year": DEMO_YEAR})
    assert response.status_code == 200
    # Only teacher2's own plan's activities, never «Рукодельница»'s.
    units = {row.plan.unit.name for _activity, row in response.context["pairs"]}
    assert units <= {"Театральное объединение «Хорошее настроение»"}


# --------------------------------------------------------------------------- exports


def test_it_exports_the_view_as_xlsx_with_a_sheet_per_gap(client, demo):
    client.force_login(user("methodist"))

    response = client.get(reverse("coverage:xlsx"), {"year": DEMO_YEAR})

    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    workbook = load_workbook(io.BytesIO(response.content))
    assert "Партнёры без мероприятий" in workbook.sheetnames
    sheet = workbook["Партнёры без мероприятий"]
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(names) == sorted(demo_data.EMPTY_PARTNERS)
    links = [row[4] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert all("#row-" in link and link.startswith("http") for link in links)
    for title in [
        "Сводка",
        "Партнёры вне планов",
        "Месяцы",
        "Категории без партнёров",
        "Направления без мероприятий",
        "Подразделения без плана",
        "Договоры истекают",
        "Нет действующего договора",
        "Партнёр × месяц",
        "Категория × направление",
        "Подразделение × направление",
        "Сравнение с прошлым годом",
    ]:
        assert title in workbook.sheetnames, title
    month_rows = list(workbook["Месяцы"].iter_rows(min_row=2, max_row=13, values_only=True))
    months = {row[0]: row for row in month_rows}
    assert months["Июль"][1] == 0 and months["Май"][1] == 7 and months["Май"][2] == 32
    # No working month of the demo is a gap, nor are the summer months.
    assert [row[0] for row in month_rows if row[4]] == []
    matrix = list(workbook["Партнёр × месяц"].iter_rows(values_only=True))
    assert matrix[0][1:13] == tuple(
        m.capitalize() for m in ["сентябрь", "октябрь", "ноябрь", "декабрь", "январь",
                                 "февраль", "март", "апрель", "май", "июнь", "июль", "август"]
    )
    assert "По мере необходимости" in matrix[0]
    assert "Один раз в квартал" not in matrix[0]
    # The regular work of «Организационно-педагогический отдел» shows in every working month.
    line = next(r for r in matrix if r[0] == "Организационно-педагогический отдел")
    assert line[1:10] == (REGULAR_MARK,) * 9
    assert line[10:13] == ("", "", "") or line[10:13] == (None, None, None)


def test_it_applies_the_filters_to_the_xlsx(client, demo):
    client.force_login(user("methodist"))
    culture = Category.objects.get(name="Учреждения культуры")
    response = client.get(reverse("coverage:xlsx"), {"year": DEMO_YEAR, "category": culture.pk})
    sheet = load_workbook(io.BytesIO(response.content))["Партнёры без мероприятий"]
    names = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert names == {"Детская библиотека", "Музей истории ремесел Советского района"}


def test_it_exports_the_view_as_a_pdf(client, demo):
    from pypdf import PdfReader

    client.force_login(user("methodist"))

    response = client.get(reverse("coverage:pdf"), {"year": DEMO_YEAR})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    page = reader.pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape
    text = "".join(p.extract_text() for p in reader.pages)
    assert "МБОУ гимназия" in text and "КЦСОН «Ирида»" in text
    assert "Июль" in text


def test_it_refuses_network_addresses_when_printing():
    from plans.exports.coverage import font_faces, local_url_fetcher

    fetcher = local_url_fetcher()
    for url in ["http://127.0.0.1/x.css", "https://example.org/font.ttf", "file:///etc/passwd",
                "ftp://example.org/x"]:
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    for face in font_faces():
        response = fetcher.fetch(face["url"])
        assert response.read(4)
        response.close()


def test_it_names_the_exports_after_the_year(client, demo):
    client.force_login(user("methodist"))
    response = client.get(reverse("coverage:xlsx"), {"year": DEMO_YEAR})
    assert f"coverage-{DEMO_YEAR}-{DEMO_YEAR + 1}.xlsx" in response["Content-Disposition"]


def test_it_exports_only_the_teachers_units(client, demo):
    client.force_login(user("teacher2"))
    response = client.get(reverse("coverage:xlsx"), {"year": DEMO_YEAR})
    sheet = load_workbook(io.BytesIO(response.content))["Партнёры без мероприятий"]
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert not set(names) & set(demo_data.EMPTY_PARTNERS)


def test_it_defaults_to_the_latest_year_with_a_plan(client, methodist, unit):
    PlanFactory(unit=unit, year=current_academic_year() - 3)
    client.force_login(methodist)
    response = client.get(reverse("coverage:index"))
    assert response.context["coverage"].params.year == current_academic_year() - 3
    assert Plan.objects.count() == 1
    CategoryFactory()  # the registry may grow without breaking the default
    assert client.get(reverse("coverage:index")).status_code == 200
