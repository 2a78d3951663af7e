"""Importing annual plans from Word tables: the seed's table and another unit's plan."""

import io

import docx
import pytest

from partners.models import Category, Partner, Tier, Unit
from plans import demo_data
from plans.importing import (
    PlanImportError,
    import_plan,
)
from plans.models import Activity, Plan, PlanRow
from plans.periods import Frequency, parse_period
from tests.docx_builders import (
    HEADER,
    build_plan_docx,
    build_seed_docx,
)
from tests.plan_import_support import THEATRE_ROWS, periods_of, read

# --------------------------------------------------------------------------- the seed's table


@pytest.fixture
def seed_import(demo):
    unit = Unit.objects.get(name="Театральное объединение «Хорошее настроение»")
    report = import_plan(read(build_seed_docx()), unit=unit, year=2030)
    return Plan.objects.get(unit=unit, year=2030), report


def test_it_reads_all_25_lines_of_the_seed_with_their_periods(seed_import):
    plan, report = seed_import
    assert [line.line for line in report.lines] == list(range(1, 26))
    headings = [line.line for line in report.lines if line.kind == "heading"]
    assert headings == [8, 12, 15, 19, 23]
    assert report.row_count == 20 and plan.rows.count() == 20
    assert report.activity_count == 46 == Activity.objects.filter(row__plan=plan).count()
    # Every activity has its period, and every period was understood.
    assert report.period_count == 46 and report.unrecognised_period_count == 0
    assert not Activity.objects.filter(row__plan=plan, months=0, frequency="").exists()


def test_it_matches_the_seeds_partners_and_groups_to_the_registry(seed_import):
    plan, report = seed_import
    assert report.created_partners == [] and report.created_categories == []
    names = list(plan.rows.order_by("order").values_list("partner__name", flat=True))
    assert names == [row[0] for row in demo_data.RUKODELNITSA_ROWS]
    empty = plan.rows.filter(activities__isnull=True).values_list("partner__name", flat=True)
    assert sorted(empty) == sorted(demo_data.EMPTY_PARTNERS)


def test_it_gives_the_seeds_periods_as_the_demo_reads_them(seed_import):
    """Every row but «Родители» (4 periods written for 6 activities) comes out as the demo."""
    plan, report = seed_import
    rows = list(plan.rows.order_by("order"))
    for row, (partner, _c, _d, activities) in zip(rows, demo_data.RUKODELNITSA_ROWS, strict=True):
        assert row.activities.count() == len(activities), partner
        if partner == "Родители, законные представители":
            continue
        expected = [parse_period(period).period for _t, _f, period in activities]
        assert periods_of(row) == expected, partner


def test_it_lists_the_rows_whose_periods_need_checking(seed_import):
    _plan, report = seed_import
    flagged = " ".join(report.problems)
    assert "Родители, законные представители" in flagged
    assert "4" in flagged and "6" in flagged


def test_it_splits_the_laid_out_cells_of_the_seed(seed_import):
    plan, _report = seed_import
    ice = plan.rows.get(partner__name="Ледовый дворец")
    assert list(ice.activities.values_list("title", flat=True)) == [
        "Посещение катка.",
        "Встречи со специалистами.",
        "Беседы «Здоровое питание-основа долголетия».",
        "Экскурсии.",
    ]
    sun = plan.rows.get(partner__name="Реабилитационный центр «Солнышко»")
    assert [a.title for a in sun.activities.all()] == [
        "Мастер-класс «Доброе сердце», «Открытка для мамы».",
        "Изготовление сувениров к праздникам.",
        "Выставка работ воспитанников",
    ]
    assert [a.period.frequency for a in sun.activities.all()] == [
        Frequency.QUARTERLY, Frequency.QUARTERLY, Frequency.ONCE,
    ]
    first = plan.rows.get(partner__name="Организационно-педагогический отдел")
    assert first.characteristic == (
        "Совместное планирование мероприятий на год. "
        "Повышение профессиональной компетентности педагога."
    )


def test_it_guesses_the_forms_of_interaction(seed_import):
    plan, _report = seed_import
    forms = dict(
        Activity.objects.filter(row__plan=plan).values_list("title", "form__name")
    )
    assert forms["Мастер–класс «Цветы из салфеток»"] == "Мастер-классы"
    assert forms["Тематическая экскурсия, в рамках Всемирного дня животных."] == "Экскурсии"
    assert forms["Выставка рисунков «Пожар опасен для детей»."] == "Выставки"
    assert forms["Родительские собрания."] == "Родительские собрания"


def test_it_creates_missing_partners_and_groups_in_an_empty_registry(unit):
    report = import_plan(read(build_seed_docx()), unit=unit, year=2030)
    assert len(report.created_partners) == 20
    school = Partner.objects.get(name="МБОУ СОШ № 4")
    assert school.category.name == "Образовательные организации"
    assert school.category.tier == Tier.EXTERNAL
    parents = Partner.objects.get(name="Родители, законные представители")
    assert parents.category.tier == Tier.INTERNAL
    assert Category.objects.filter(tier=Tier.EXTERNAL).count() == 5


# --------------------------------------------------------------------------- another unit's plan


@pytest.fixture
def theatre_docx():
    return build_plan_docx(
        THEATRE_ROWS,
        title="Комплексный план работы кукольного театра «Петрушка» с социальными партнёрами",
    )


def test_it_imports_another_associations_plan_right_the_first_time(demo, theatre_docx):
    report = import_plan(
        read(theatre_docx), unit_name="Кукольный театр «Петрушка»", year=2026,
        create_unit=True,
    )
    unit = Unit.objects.get(name="Кукольный театр «Петрушка»")
    assert unit.kind == Unit.Kind.ASSOCIATION and report.unit_created
    # The genitive for the plan's title comes from the document's own title line.
    assert unit.name_genitive == "кукольного театра «Петрушка»"
    plan = Plan.objects.get(unit=unit, year=2026)
    assert plan.status == Plan.Status.DRAFT
    rows = list(plan.rows.order_by("order"))
    assert [r.partner.name for r in rows] == [
        "Методический отдел", "Родители, законные представители", "Драмтеатр «Маска»",
        "Городской дом культуры", "Газета «Советский вестник»", "Детская библиотека",
    ]
    assert [a.title for a in rows[1].activities.all()] == [
        "Родительское собрание", "Премьера спектакля «Теремок»", "Анкетирование",
    ]
    assert [a.period.text for a in rows[0].activities.all()] == [
        "В течение года", "Октябрь, март",
    ]
    assert [a.period.text for a in rows[1].activities.all()] == ["Сентябрь", "Декабрь", "Май"]
    assert [a.period.text for a in rows[2].activities.all()] == ["Ноябрь", "2 раза в год"]
    assert rows[3].activities.get().period.text == "Апрель–май"
    assert rows[4].activities.get().period.text == (
        "По мере необходимости (по договорённости)"
    )
    # New partners land in their group's category; a new group becomes a category.
    assert rows[2].partner.category.name == "Учреждения культуры"
    media = Category.objects.get(name="Средства массовой информации")
    assert media.tier == Tier.EXTERNAL and rows[4].partner.category == media
    assert "Драмтеатр «Маска»" in report.created_partners
    assert report.created_categories == ["Средства массовой информации"]
    # The unknown period is kept as a note and reported.
    library = rows[5].activities.get()
    assert library.period_note == "когда-нибудь весной" and not library.months
    # A known partner listed under another group keeps its registry category, with a note.
    library_line = next(line for line in report.lines if line.name == "Детская библиотека")
    assert "Учреждения культуры" in library_line.warnings[0]
    assert any("когда-нибудь весной" in p for p in report.problems)


def test_it_reads_line_breaks_inside_a_paragraph(unit):
    document = docx.Document()
    table = document.add_table(rows=2, cols=5)
    for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = text
    cells = table.rows[1].cells
    cells[0].text, cells[1].text = "1.", "ГИБДД"
    run = cells[3].paragraphs[0].add_run("Беседа")
    run.add_break()
    run.add_text("Экскурсия")
    period = cells[4].paragraphs[0].add_run("Октябрь")
    period.add_break()
    period.add_text("Май")
    buffer = io.BytesIO()
    document.save(buffer)
    import_plan(read(buffer.getvalue()), unit=unit, year=2026)
    row = PlanRow.objects.get(partner__name="ГИБДД")
    assert [(a.title, a.period.text) for a in row.activities.all()] == [
        ("Беседа", "Октябрь"), ("Экскурсия", "Май"),
    ]


def test_it_rolls_back_a_dry_run(demo, theatre_docx):
    partners, units = Partner.objects.count(), Unit.objects.count()
    report = import_plan(
        read(theatre_docx), unit_name="Новый кружок", year=2026, create_unit=True, dry_run=True,
    )
    assert report.row_count == 6 and report.plan_id is None
    assert Partner.objects.count() == partners and Unit.objects.count() == units
    assert not Plan.objects.filter(year=2026, unit__name="Новый кружок").exists()


def test_it_refuses_a_plan_that_already_has_rows(demo):
    plan = Plan.objects.filter(rows__isnull=False).first()
    with pytest.raises(PlanImportError, match="already has a plan|уже есть план"):
        import_plan(read(build_seed_docx()), unit=plan.unit, year=plan.year)


def test_it_fills_an_empty_draft_plan(unit):
    plan = Plan.objects.create(unit=unit, year=2031)
    report = import_plan(read(build_seed_docx()), unit=unit, year=2031)
    assert report.plan_id == plan.pk and plan.rows.count() == 20


def test_it_needs_a_unit_or_permission_to_create_one(demo, theatre_docx):
    with pytest.raises(PlanImportError):
        import_plan(read(theatre_docx), unit_name="Нет такого", year=2026)
    assert not Unit.objects.filter(name="Нет такого").exists()
