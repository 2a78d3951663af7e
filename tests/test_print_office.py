"""DOCX and XLSX read back with python-docx and openpyxl."""

import io

from django.urls import reverse
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from openpyxl import load_workbook

from plans import demo_data
from plans.exports import DocxExporter, XlsxExporter
from plans.models import Activity
from tests.factories import ActivityFactory, PartnerFactory, PlanRowFactory
from tests.print_support import seed_plans
from tests.test_demo import SEED_NUMBERED


def docx_of(plan) -> Document:
    return Document(io.BytesIO(DocxExporter(plan).render()))


def test_it_writes_the_title_approval_block_and_table_into_docx(demo):
    approved, _draft = seed_plans()
    word = docx_of(approved)
    paragraphs = [p.text for p in word.paragraphs]
    assert paragraphs[0] == "УТВЕРЖДАЮ"
    assert "Директор МБУ ДО Центр «Созвездие»" in paragraphs
    assert "_______________ Е. В. Смирнова" in paragraphs
    assert f"«29» августа {approved.year} г." in paragraphs
    assert "Приказ № 112-о" in paragraphs
    assert approved.display_title in paragraphs
    section = word.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width > section.page_height
    assert word.core_properties.title == approved.display_title

    (table,) = word.tables
    header = table.rows[0]
    assert [c.text for c in header.cells] == [
        "№ п/п", "Соц. партнёр", "Характеристика взаимодействия", "Формы взаимодействия", "Период"
    ]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None, "header repeats on every page"
    numbered = []
    for row in table.rows[1:]:
        number, name = row.cells[0].text, row.cells[1].text
        if number and (not numbered or numbered[-1] != (number, name)):
            numbered.append((number, name))
    assert numbered == [(f"{n}.", name) for n, name in SEED_NUMBERED]
    titles = [c.text for row in table.rows[1:] for c in row.cells[3:4]]
    for activity in Activity.objects.filter(row__plan=approved):
        assert activity.title in titles


def test_it_marks_a_draft_docx_as_projekt(demo):
    _approved, draft = seed_plans()
    paragraphs = [p.text for p in docx_of(draft).paragraphs]
    assert paragraphs[0] == "ПРОЕКТ"
    assert "УТВЕРЖДАЮ" not in paragraphs


def test_it_writes_one_xlsx_row_per_activity_and_per_empty_partner(demo):
    approved, _draft = seed_plans()
    book = load_workbook(io.BytesIO(XlsxExporter(approved).render()))
    sheet = book.active
    header = [cell.value for cell in sheet[1]]
    assert header[:9] == [
        "№ п/п", "Соц. партнёр", "Категория", "Уровень", "Направления",
        "Характеристика взаимодействия", "Мероприятие", "Форма взаимодействия", "Период",
    ]
    assert header[9:21] == [
        "Сен", "Окт", "Ноя", "Дек", "Янв", "Фев", "Мар", "Апр", "Май", "Июн", "Июл", "Авг"
    ]
    assert header[21:] == [
        "Периодичность", "Ответственный", "Примечание", "Участники", "Результат"
    ]
    assert sheet.freeze_panes == "B2"
    assert sheet.auto_filter.ref == f"A1:Z{sheet.max_row}"
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    activities = Activity.objects.filter(row__plan=approved).count()
    assert len(rows) == activities + len(demo_data.EMPTY_PARTNERS)
    empty = [r for r in rows if r[1] in demo_data.EMPTY_PARTNERS]
    assert len(empty) == 8 and all(not r[6] for r in empty)
    spring = next(r for r in rows if r[6] == "Мастер-класс в рамках акции «Спасти и сохранить».")
    assert spring[1] == "Выставочные залы мини-зоопарка"
    assert spring[3] == "Внутреннее партнёрство"
    assert spring[7] == "Мастер-классы"
    assert spring[8] == "Май–июнь"
    marked = [header[i] for i in range(9, 21) if spring[i]]
    assert marked == ["Май", "Июн"]
    ice = next(r for r in rows if r[1] == "Ледовый дворец")
    assert ice[3] == "Внешнее партнёрство" and ice[21] == "Один раз в квартал"
    assert "образовательное" in rows[0][4]
    assert sheet.column_dimensions["G"].width >= 40
    assert all(r[22:] == [None, None, None, None] for r in empty)


def test_it_writes_the_responsible_note_participants_and_result_of_an_activity(plan):
    row = PlanRowFactory(plan=plan, partner=PartnerFactory(name="Детская библиотека"))
    ActivityFactory(row=row, title="Книжная выставка", responsible="Иванова А. А.",
                    note="Зал на втором этаже", participants=25, result="Фотоотчёт")
    ActivityFactory(row=row, title="Беседа")
    sheet = load_workbook(io.BytesIO(XlsxExporter(plan).render())).active
    first, second = ([c.value for c in r] for r in sheet.iter_rows(min_row=2))
    assert first[22:] == ["Иванова А. А.", "Зал на втором этаже", 25, "Фотоотчёт"]
    assert sheet.cell(2, 25).data_type == "n"
    assert second[6] == "Беседа" and second[22:] == [None, None, None, None]


def test_it_keeps_markup_in_names_as_text_in_docx_and_xlsx(plan):
    name = 'Клуб <b>«Смелые & умелые»</b> "тест"'
    row = PlanRowFactory(plan=plan, partner=PartnerFactory(name=name))
    ActivityFactory(row=row, title="Игра <i>&</i>")
    table = docx_of(plan).tables[0]
    assert any(c.text == name for r in table.rows for c in r.cells)
    sheet = load_workbook(io.BytesIO(XlsxExporter(plan).render())).active
    assert sheet["B2"].value == name and sheet["G2"].value == "Игра <i>&</i>"


def test_it_downloads_docx_and_xlsx(client, owner, plan):
    PlanRowFactory(plan=plan)
    client.force_login(owner)
    docx = client.get(reverse("plans:docx", args=[plan.pk]))
    assert docx.status_code == 200
    assert docx["Content-Type"].endswith("wordprocessingml.document")
    assert ".docx" in docx["Content-Disposition"]
    Document(io.BytesIO(docx.content))
    xlsx = client.get(reverse("plans:xlsx", args=[plan.pk]))
    assert xlsx["Content-Type"].endswith("spreadsheetml.sheet")
    assert load_workbook(io.BytesIO(xlsx.content)).active.max_row == 2


def test_it_keeps_spaces_tabs_and_lines_of_a_cell_in_docx(plan):
    row = PlanRowFactory(plan=plan, characteristic="  отступ\tи табуляция\nвторая строка ")
    ActivityFactory(row=row, title="Беседа")
    ActivityFactory(row=row, title="Игра")
    table = docx_of(plan).tables[0]
    heading, first, second = table.rows[1:4]
    assert heading.cells[1].text.startswith("Категория")
    cell = first.cells[2]
    assert [p.text for p in cell.paragraphs] == ["  отступ\tи табуляция", "вторая строка "]
    # Both activities' rows share the partner's cells: merged down, as Word reads them.
    assert second.cells[2]._tc is cell._tc
    assert [first.cells[3].text, second.cells[3].text] == ["Беседа", "Игра"]
