"""The importer keeps the document's order and reads every column of the XLSX contract.

Issue 9, items 6 and 9: a Word or XLSX plan keeps its own order of groups and rows; the XLSX
layout of our export (partner, category, tier, directions, characteristic, activity, form,
period, responsible person, note, participants, result, with month and frequency columns that
only repeat the period) is read in full, and a column the importer cannot use is named.
"""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partners.models import Category, InteractionForm, Tier
from plans.importing import PlanImportError, import_plan, read_plan_file
from plans.models import Plan, PlanRow
from plans.periods import Frequency
from tests.docx_builders import build_plan_docx
from tests.factories import CategoryFactory, PartnerFactory, PlanFactory, PlanRowFactory


def read(data: bytes, name="plan.docx"):
    return read_plan_file(io.BytesIO(data), name)


def partners_in_order(plan):
    return list(plan.rows.order_by("order").values_list("partner__name", flat=True))


# --------------------------------------------------------------------------- the order


@pytest.fixture
def registry(db):
    """The registry's order is the opposite of the document's below."""
    school = CategoryFactory(name="Общеобразовательные организации", order=1)
    CategoryFactory(name="Научные центры", order=2)
    internal = CategoryFactory(name="Отделы Центра", tier=Tier.INTERNAL, order=3)
    PartnerFactory(name="Методический отдел", category=internal)
    PartnerFactory(name="Организационный отдел", category=internal)
    PartnerFactory(name="МБОУ СОШ № 4", category=school)


ORDER_ROWS = [
    ["1.", "Методический отдел", "", "Консультации", "В течение года"],
    ["2.", "Научные центры:", ""],
    ["3.", "Институт «Наука»", "", "Экскурсия", "Октябрь"],
    ["4.", "Центр «Кванториум»", "", "Мастер-класс", "Ноябрь"],
    ["5.", "Общеобразовательные организации:", ""],
    ["6.", "МБОУ СОШ № 4", "", "Конкурс", "Май"],
    ["7.", "Организационный отдел", "", "Совещание", "Сентябрь"],
    ["8.", "Гимназия № 1", "", "", ""],
]


def test_it_keeps_the_word_documents_order_of_groups_and_rows(registry, unit):
    import_plan(read(build_plan_docx(ORDER_ROWS)), unit=unit, year=2026)
    plan = Plan.objects.get(unit=unit, year=2026)
    # «Научные центры» come before «Общеобразовательные организации», as in the document;
    # the internal partner listed last in the document still comes first, after the other one.
    assert partners_in_order(plan) == [
        "Методический отдел", "Организационный отдел", "Институт «Наука»",
        "Центр «Кванториум»", "МБОУ СОШ № 4", "Гимназия № 1",
    ]
    assert list(plan.rows.order_by("order").values_list("order", flat=True)) == [1, 2, 3, 4, 5, 6]
    science = Category.objects.get(name="Научные центры")
    assert PlanRow.objects.get(partner__name="Институт «Наука»").partner.category == science


# --------------------------------------------------------------------------- the XLSX contract

MONTHS = ["Сен", "Окт", "Ноя", "Дек", "Янв", "Фев", "Мар", "Апр", "Май", "Июн", "Июл", "Авг"]
HEADER = [
    "№ п/п", "Соц. партнёр", "Категория", "Уровень", "Направления",
    "Характеристика взаимодействия", "Мероприятие", "Форма взаимодействия", "Период",
    *MONTHS, "Периодичность", "Ответственный", "Примечание", "Участники", "Результат",
]


def contract_line(number, partner, category, tier, directions, characteristic,
                  activity=None, months=(), frequency=None):
    """A line of the export: the row's cells, then the activity's (all empty for none)."""
    title, form, period, responsible, note, participants, result = activity or [None] * 7
    marks = ["●" if month in months else None for month in MONTHS]
    return [number, partner, category, tier, directions, characteristic, title, form, period,
            *marks, frequency, responsible, note, participants, result]


def workbook(lines, header=HEADER) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for line in lines:
        sheet.append(line)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


CONTRACT = [
    contract_line(1, "Методический отдел", "Отделы Центра", "Внутреннее партнёрство",
                  "Образовательное", "Методическое сопровождение.",
                  ["Семинар «Игра»", "Семинары", "Октябрь", "Кузнецова Н. В.",
                   "В актовом зале", 25, "Диплом"],
                  months=["Май"]),  # the marks disagree: «Период» is what counts
    contract_line(1, "Методический отдел", "Отделы Центра", "Внутреннее партнёрство",
                  "Образовательное", "Методическое сопровождение.",
                  ["Консультации", "Консультации", "Один раз в квартал", None, None, None, None],
                  frequency="Один раз в квартал"),
    contract_line(2, "Клуб «Ветеран»", "Общественные организации", "Внешнее партнёрство",
                  "Социальное, Патриотическое", "Встречи поколений.",
                  ["Встреча с ветеранами", "Вечера-встречи", "Май", "Иванов И. И.", "",
                   "30", "Сочинения участников"]),
    contract_line(3, "МБОУ СОШ № 4", "Общеобразовательные организации",
                  "Внешнее партнёрство", "", "Совместные конкурсы."),
]


def test_it_reads_every_column_of_the_xlsx_contract(registry, unit):
    report = import_plan(read(workbook(CONTRACT), "plan.xlsx"), unit=unit, year=2026)
    assert report.problems == []
    plan = Plan.objects.get(unit=unit, year=2026)
    assert partners_in_order(plan) == ["Методический отдел", "Клуб «Ветеран»", "МБОУ СОШ № 4"]
    method, club, school = plan.rows.order_by("order")
    seminar, consulting = method.activities.all()
    assert (seminar.title, seminar.form.name, seminar.period.text, seminar.responsible,
            seminar.note, seminar.participants, seminar.result) == (
        "Семинар «Игра»", "Семинары", "Октябрь", "Кузнецова Н. В.", "В актовом зале", 25,
        "Диплом")
    assert consulting.period.frequency == Frequency.QUARTERLY and not consulting.responsible
    assert method.characteristic == "Методическое сопровождение."
    assert sorted(club.directions.values_list("name", flat=True)) == [
        "Патриотическое", "Социальное"]
    assert club.partner.category.name == "Общественные организации"
    assert club.partner.category.tier == Tier.EXTERNAL
    meeting = club.activities.get()
    assert (meeting.participants, meeting.result, meeting.responsible) == (
        30, "Сочинения участников", "Иванов И. И.")
    # A partner's line with empty activity cells is a row without activities.
    assert school.characteristic == "Совместные конкурсы." and not school.activities.exists()


def test_it_names_what_it_cannot_use_instead_of_dropping_it(registry, unit):
    lines = [
        [*contract_line(1, "МБОУ СОШ № 4", "", "", "", "", [
            "Конкурс", "Конкурсы", "Май", None, None, "около 20", None]), "12 000 ₽"],
        [*contract_line(None, None, None, None, None, None, [
            None, None, "Июнь", "Петрова", None, None, None]), None],
    ]
    report = import_plan(read(workbook(lines, [*HEADER, "Бюджет"]), "plan.xlsx"), unit=unit,
                         year=2026)
    problems = " ".join(report.problems)
    assert "«Бюджет»" in problems and "Периодичность" not in problems and "«Сен»" not in problems
    assert "около 20" in problems
    assert "В строке 2 нет мероприятия" in problems
    activity = PlanRow.objects.get().activities.get()
    assert activity.title == "Конкурс" and activity.participants is None


def test_it_names_the_columns_of_a_word_table_it_does_not_read(db, unit):
    header = ["№ п/п", "Соц. партнёр", "Характеристика взаимодействия", "Формы взаимодействия",
              "Период", "Ответственный"]
    rows = [["1.", "ГИБДД", "", "Беседа", "Май", "Петров"]]
    report = import_plan(read(build_plan_docx(rows, header=header)), unit=unit, year=2026)
    assert any("«Ответственный»" in problem for problem in report.problems)


# --------------------------------------------------------------------------- approved plans


@pytest.mark.parametrize("with_rows", [False, True])
def test_it_refuses_to_import_into_an_approved_plan(db, unit, with_rows):
    plan = PlanFactory(unit=unit, year=2026)
    if with_rows:
        PlanRowFactory(plan=plan)
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.APPROVED)
    rows = plan.rows.count()
    with pytest.raises(PlanImportError, match="утверждён"):
        import_plan(read(build_plan_docx(ORDER_ROWS)), unit=unit, year=2026)
    assert plan.rows.count() == rows


def test_it_says_so_on_the_page_for_an_approved_plan(client, owner, unit):
    PlanFactory(unit=unit, year=2026, status=Plan.Status.APPROVED)
    client.force_login(owner)
    response = client.post(reverse("plans:import"), {
        "file": SimpleUploadedFile("plan.docx", build_plan_docx(ORDER_ROWS)),
        "unit": unit.pk, "year": "2026/2027",
    })
    assert response.status_code == 200
    assert "утверждён" in response.content.decode()
    assert not PlanRow.objects.exists()


def test_it_leaves_the_form_empty_when_the_form_column_is_empty(db, unit):
    lines = [contract_line(1, "ГИБДД", "Правоохранительные органы", "Внешнее партнёрство", "",
                           "", ["Экскурсия в отдел", None, "Май", None, None, None, None])]
    PartnerFactory(name="ГИБДД")
    InteractionForm.objects.create(name="Экскурсии", order=1)
    import_plan(read(workbook(lines), "plan.xlsx"), unit=unit, year=2026)
    assert PlanRow.objects.get().activities.get().form is None
