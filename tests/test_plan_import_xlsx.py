"""Importing annual plans from our XLSX layout."""

import io

import openpyxl
import pytest

from plans.importing import import_plan
from plans.models import Plan, PlanRow
from tests.factories import UnitFactory
from tests.plan_import_support import read

# --------------------------------------------------------------------------- XLSX


XLSX_HEADER = [
    "№", "Соц. партнёр", "Категория", "Уровень", "Направления",
    "Характеристика взаимодействия", "Мероприятие", "Форма взаимодействия", "Период",
    "Ответственный", "Примечание", "Сен", "Окт", "Ноя", "Дек", "Янв", "Фев", "Мар", "Апр",
    "Май", "Июн", "Июл", "Авг",
]


def export_xlsx(plan, *, repeat=True, headings=False, title_rows=1) -> bytes:
    """Our export's layout, one line per activity (a stand-in until the real exporter lands)."""
    from plans.periods import ACADEMIC_MONTHS
    from plans.table import build_table

    book = openpyxl.Workbook()
    sheet = book.active
    for _ in range(title_rows):
        sheet.append([plan.display_title])
    sheet.append(XLSX_HEADER)
    for line in build_table(plan):
        if line.is_heading:
            if headings:
                sheet.append([line.number, line.category.heading])
            continue
        row = line.row
        common = [
            line.number, row.partner.name, row.partner.category.name,
            row.partner.category.get_tier_display(),
            ", ".join(d.name for d in row.directions.all()), row.characteristic,
        ]
        activities = line.activities or [None]
        for position, activity in enumerate(activities):
            cells = list(common) if (repeat or position == 0) else [None] * len(common)
            if activity is None:
                cells += [None] * 5
            else:
                cells += [
                    activity.title, activity.form.name if activity.form else None,
                    activity.period_text, activity.responsible or None, activity.note or None,
                ]
                cells += ["+" if m in activity.period.months else None for m in ACADEMIC_MONTHS]
            sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def snapshot(plan):
    result = []
    for row in plan.rows.order_by("order").prefetch_related("directions", "activities__form"):
        result.append((
            row.partner.name,
            row.characteristic,
            sorted(d.name for d in row.directions.all()),
            [
                (a.title, a.form.name if a.form else None, a.months, a.frequency,
                 a.period_note, a.responsible, a.note)
                for a in row.activities.all()
            ],
        ))
    return result


@pytest.mark.parametrize(
    "layout",
    [{"repeat": True}, {"repeat": False}, {"repeat": False, "headings": True},
     {"repeat": True, "title_rows": 3}],
    ids=["repeated", "merged", "with-headings", "title-lines"],
)
def test_it_gives_back_the_same_plan_from_the_xlsx_export(demo, layout):
    source = Plan.objects.filter(status=Plan.Status.DRAFT).get()  # approved ones are locked
    first = source.rows.order_by("order").first().activities.first()
    first.responsible, first.note = "Кузнецова Н. В.", "По согласованию с отделом"
    first.save()
    data = export_xlsx(source, **layout)
    target = UnitFactory(name="Студия «Копия»")
    report = import_plan(read(data, "plan.xlsx"), unit=target, year=2040)
    copy = Plan.objects.get(unit=target, year=2040)
    assert report.kind == "xlsx" and report.problems == []
    assert report.created_partners == [] and report.created_other == []
    assert snapshot(copy) == snapshot(source)


def test_it_creates_unknown_categories_directions_and_forms_from_xlsx(unit):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Соц. партнёр", "Категория", "Уровень", "Направления", "Мероприятие",
                  "Форма взаимодействия", "Период", "Участники"])
    sheet.append(["Клуб «Ветеран»", "Общественные организации", "Внешнее партнёрство",
                  "патриотическое; социальное", "Встреча", "Вечера-встречи", "Май", 25])
    sheet.append([None, None, None, None, "Концерт", "Концерты", "Декабрь", None])
    buffer = io.BytesIO()
    book.save(buffer)
    report = import_plan(read(buffer.getvalue(), "x.xlsx"), unit=unit, year=2026)
    row = PlanRow.objects.get(partner__name="Клуб «Ветеран»")
    assert row.partner.category.name == "Общественные организации"
    assert sorted(row.directions.values_list("name", flat=True)) == ["патриотическое",
                                                                       "социальное"]
    assert [(a.title, a.form.name, a.period.text, a.participants)
            for a in row.activities.all()] == [
        ("Встреча", "Вечера-встречи", "Май", 25), ("Концерт", "Концерты", "Декабрь", None),
    ]
    assert report.created_categories == ["Общественные организации"]
