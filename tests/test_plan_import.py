"""Importing annual plans from Word tables (the seed's among them) and from our XLSX layout."""

import io
import zipfile

import docx
import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from partners.models import Category, Partner, Tier, Unit
from plans import demo_data
from plans.importing import (
    PlanImportError,
    align_periods,
    import_plan,
    parse_year,
    read_plan_file,
    split_activities,
)
from plans.models import Activity, Plan, PlanRow
from plans.periods import Frequency, parse_period
from tests.docx_builders import (
    HEADER,
    build_document_without_table,
    build_plan_docx,
    build_seed_docx,
)
from tests.factories import CategoryFactory, PartnerFactory, UnitFactory


def read(data: bytes, name="plan.docx"):
    return read_plan_file(io.BytesIO(data), name)


def periods_of(row):
    return [a.period for a in row.activities.order_by("order")]


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

THEATRE_ROWS = [
    ["1.", "Методический отдел", "Методическое сопровождение.",
     "Консультации.\nСеминары.", "В течение года\nОктябрь, март"],
    ["2.", "Родители, законные представители", "Вовлечение родителей в жизнь объединения.",
     "– Родительское собрание\n– Премьера спектакля «Теремок»\n– Анкетирование",
     "Сентябрь\nДекабрь\nМай"],
    ["3.", "Учреждения культуры:", ""],
    ["4.", "Драмтеатр «Маска»", "Знакомство с профессией актёра.",
     "Экскурсия за кулисы.\nМастер-класс по гриму.", "Ноябрь\n2 раза в год"],
    ["5.", "Городской дом культуры", "Участие в фестивалях.",
     "Фестиваль «Театральная весна»", "Апрель-май"],
    ["6.", "Средства массовой информации:", ""],
    ["7.", "Газета «Советский вестник»", "Освещение деятельности.",
     "Публикации о спектаклях", "По мере необходимости (по договорённости)"],
    ["8.", "Детская библиотека", "", "Литературная гостиная", "когда-нибудь весной"],
]


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


# --------------------------------------------------------------------------- alignment rules


@pytest.mark.parametrize(
    ("activities", "periods", "expected", "method"),
    [
        ([(0, "a"), (1, "b")], [(0, "X"), (1, "Y")], [["X"], ["Y"]], "line"),
        ([(0, "a"), (1, "b"), (2, "c")], [(0, "X")], [["X"], ["X"], ["X"]], "single"),
        ([(0, "a"), (2, "b"), (4, "c")], [(0, "X"), (2, "Y")], [["X"], ["Y"], ["Y"]],
         "position"),
        ([(0, "a"), (2, "b"), (4, "c"), (6, "d")], [(0, "X"), (0, "Y")],
         [["X"], ["X"], ["Y"], ["Y"]], "spread"),
        ([(0, "a")], [(0, "X"), (1, "Y")], [["X", "Y"]], "merged"),
        ([(0, "a"), (1, "b")], [], [[], []], "none"),
        ([], [(0, "X")], [], "orphan"),
    ],
)
def test_it_aligns_periods_to_activities(activities, periods, expected, method):
    assert align_periods(activities, periods) == (expected, method)


def test_it_keeps_quoted_sentences_together_when_splitting():
    text = "Мастер-класс «Народная игрушка. Кукла Акань».      Экскурсии. Конкурсы"
    assert [t for _l, t in split_activities(text)] == [
        "Мастер-класс «Народная игрушка. Кукла Акань».", "Экскурсии.", "Конкурсы",
    ]


def test_it_merges_several_month_periods_of_one_activity(unit):
    rows = [["1.", "ГИБДД", "", "Экскурсия", "Октябрь\nМай"]]
    import_plan(read(build_plan_docx(rows)), unit=unit, year=2026)
    assert Activity.objects.get().period.months == {10, 5}


@pytest.mark.parametrize(
    ("text", "year"),
    [("2026/2027", 2026), ("2026-2027", 2026), ("2026/27", 2026), ("2026", 2026),
     (" 2026 / 2027 ", 2026)],
)
def test_it_reads_academic_years(text, year):
    assert parse_year(text) == year


@pytest.mark.parametrize("text", ["", "2026/2028", "двадцать", "1900/1901", "2026/2027/2028"])
def test_it_refuses_bad_academic_years(text):
    with pytest.raises(PlanImportError):
        parse_year(text)


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


# --------------------------------------------------------------------------- bad files


def broken_docx() -> bytes:
    return build_seed_docx()[:3000]


def zip_without_document() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "Привет")
    return buffer.getvalue()


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (25 * 1024 * 1024))
    return buffer.getvalue()


def wrong_columns() -> bytes:
    return build_plan_docx([["1", "Сходить в музей"]], header=["Дата", "Событие"])


def encrypted_docx() -> bytes:
    # What Word saves with a password: an OLE compound file holding the encrypted package.
    return bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 4000 + b"EncryptedPackage"


BAD_FILES = {
    "empty": (b"", "пуст"),
    "text": ("Просто текст, не таблица".encode(), "ни документом Word"),
    "pdf": (b"%PDF-1.7\n" + b"0" * 100, "ни документом Word"),
    "broken-docx": (broken_docx(), "повреждён"),
    "zip-not-docx": (zip_without_document(), "не читается как документ Word"),
    "password-protected": (encrypted_docx(), "пароль"),
    "no-table": (build_document_without_table(), "нет таблицы"),
    "wrong-columns": (wrong_columns(), "нет нужных столбцов"),
    "zip-bomb": (zip_bomb(), "слишком велик"),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_it_refuses_a_bad_file_in_russian_and_saves_nothing(db, unit, case, settings):
    settings.MAX_UPLOAD_MB = 1  # so that the zip bomb unpacks past the limit
    data, message = BAD_FILES[case]
    with pytest.raises(PlanImportError) as error:
        import_plan(read(data), unit=unit, year=2026)
    assert message in str(error.value)
    assert not Plan.objects.exists() and not Partner.objects.exists()


def test_it_refuses_a_huge_file(db, unit, settings):
    settings.MAX_UPLOAD_MB = 1
    data = build_seed_docx() + b"\0" * (1024 * 1024)
    with pytest.raises(PlanImportError, match="слишком велик"):
        read(data)


def test_it_refuses_a_table_with_only_headings(db, unit):
    with pytest.raises(PlanImportError, match="нет партнёров"):
        read(build_plan_docx([["1.", "Образовательные организации:", ""]]))


# --------------------------------------------------------------------------- the command


@pytest.fixture
def seed_file(tmp_path):
    path = tmp_path / "seed.docx"
    path.write_bytes(build_seed_docx())
    return path


def test_it_imports_from_the_command_line(demo, seed_file):
    out = io.StringIO()
    call_command("import_plan", str(seed_file), unit="Кружок «Новый»", year="2026/2027",
                 create_unit=True, stdout=out)
    plan = Plan.objects.get(unit__name="Кружок «Новый»", year=2026)
    assert plan.rows.count() == 20
    text = out.getvalue()
    assert "МБОУ СОШ № 4" in text and "Один раз в полгода" in text


def test_it_only_reports_on_a_dry_run(demo, seed_file):
    out = io.StringIO()
    plans = Plan.objects.count()
    call_command("import_plan", str(seed_file), unit="Кружок «Новый»", year="2026/2027",
                 create_unit=True, dry_run=True, stdout=out)
    assert Plan.objects.count() == plans and not Unit.objects.filter(name="Кружок «Новый»")
    assert "Организационно-педагогический отдел" in out.getvalue()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"unit": "Нет такого", "year": "2026/2027"}, "Нет такого"),
        ({"unit": "Театральное объединение «Хорошее настроение»", "year": "2026/2029"},
         "2026/2027"),
    ],
)
def test_it_stops_the_command_with_a_message(demo, seed_file, options, message):
    with pytest.raises(CommandError, match=message):
        call_command("import_plan", str(seed_file), stdout=io.StringIO(), **options)


def test_it_stops_the_command_on_a_missing_or_bad_file(demo, tmp_path):
    with pytest.raises(CommandError):
        call_command("import_plan", str(tmp_path / "nope.docx"), unit="Мини-зоопарк",
                     year="2026", stdout=io.StringIO())
    bad = tmp_path / "bad.docx"
    bad.write_bytes(encrypted_docx())
    with pytest.raises(CommandError, match="пароль"):
        call_command("import_plan", str(bad), unit="Мини-зоопарк", year="2026",
                     stdout=io.StringIO())


# --------------------------------------------------------------------------- the browser page


def upload(data=None, name="plan.docx"):
    return SimpleUploadedFile(name, build_seed_docx() if data is None else data)


def test_it_imports_through_the_browser_after_a_dry_run(client, administrator, demo, settings):
    client.force_login(administrator)
    response = client.post(
        reverse("plans:import"),
        {"file": upload(), "new_unit": "Кружок «Бисер»", "year": "2026/2027"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Образовательные организации" in body and "Один раз в полгода" in body
    assert not Unit.objects.filter(name="Кружок «Бисер»").exists()
    token = response.context["token"]
    response = client.post(reverse("plans:import_confirm"), {"token": token})
    plan = Plan.objects.get(unit__name="Кружок «Бисер»", year=2026)
    assert response.status_code == 302 and response.url == plan.get_absolute_url()
    assert plan.rows.count() == 20
    # The token is used up, and the uploaded file is gone.
    assert not list((settings.MEDIA_ROOT / "imports").glob("*"))
    again = client.post(reverse("plans:import_confirm"), {"token": token})
    assert again.status_code == 302 and again.url == reverse("plans:import")


def test_it_lets_a_teacher_import_only_for_their_own_units(client, owner, other_unit, unit):
    client.force_login(owner)
    page = client.get(reverse("plans:import"))
    assert "new_unit" not in page.content.decode()
    response = client.post(
        reverse("plans:import"), {"file": upload(), "unit": other_unit.pk, "year": "2026"}
    )
    assert response.status_code == 200 and response.context["form"].errors["unit"]
    response = client.post(
        reverse("plans:import"), {"file": upload(), "unit": unit.pk, "year": "2026"}
    )
    assert response.status_code == 200 and "token" in response.context
    client.post(reverse("plans:import_confirm"), {"token": response.context["token"]})
    assert Plan.objects.get(unit=unit, year=2026).rows.count() == 20


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_it_shows_a_bad_file_error_next_to_the_field(client, administrator, unit, case,
                                                     settings):
    settings.MAX_UPLOAD_MB = 1
    data, message = BAD_FILES[case]
    client.force_login(administrator)
    response = client.post(
        reverse("plans:import"), {"file": upload(data), "unit": unit.pk, "year": "2026"}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Plan.objects.exists()


def test_it_shows_that_the_plan_exists_already(client, administrator, plan):
    PartnerFactory()
    from tests.factories import PlanRowFactory

    PlanRowFactory(plan=plan)
    client.force_login(administrator)
    response = client.post(
        reverse("plans:import"),
        {"file": upload(), "unit": plan.unit.pk, "year": str(plan.year)},
    )
    assert response.status_code == 200 and "уже есть план" in response.content.decode()


def test_it_keeps_a_methodist_out(client, methodist):
    client.force_login(methodist)
    assert client.get(reverse("plans:import")).status_code == 403
    assert client.post(reverse("plans:import_confirm"), {"token": "x"}).status_code == 403


def test_it_matches_partners_by_short_name_and_spelling(unit):
    category = CategoryFactory(name="Правоохранительные органы", tier=Tier.EXTERNAL)
    fire = PartnerFactory(name="ПЧ-48", short_name="ПЧ-48 г. Советский", category=category)
    rows = [
        ["1.", "ПЧ - 48", "", "Экскурсия", "Май"],
        ["2.", "пч-48 г. Советский", "", "Беседа", "Июнь"],
    ]
    report = import_plan(read(build_plan_docx(rows)), unit=unit, year=2026)
    assert report.created_partners == []
    assert PlanRow.objects.get().partner == fire
    assert fire.plan_rows.get().activities.count() == 2


# --------------------------------------------------------------------------- any cell text

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

CELL = st.text(
    alphabet=st.sampled_from(list("абвгдеМБОУ№ :.,;-–()«»\"\n\t 0123456789")),
    max_size=60,
)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(CELL, min_size=5, max_size=5), min_size=1, max_size=4))
def test_it_reads_any_cell_text_or_says_why_not(rows):
    try:
        parsed = read(build_plan_docx(rows))
    except PlanImportError:
        return
    for row in parsed.rows:
        for activity in row.activities:
            assert activity.title.strip()
