"""Importing partners from XLSX or CSV: the mapping, the dry run, nothing saved on errors."""

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partners import importing
from partners.models import Contact, Partner, Tier
from tests.factories import CategoryFactory, PartnerFactory

HEADERS = ["Наименование", "Краткое наименование", "Категория", "Адрес", "Телефон",
           "Эл. почта", "Сайт", "Примечания", "Контактное лицо", "Должность"]
ROWS = [
    ["МБОУ СОШ № 12", "Школа № 12", "Образовательные организации", "ул. Садовая, 3",
     "+7 900 1", "s12@example.ru", "s12.example.ru", "", "Петрова Анна", "Завуч"],
    ["Детская библиотека им. Гайдара", "", "Учреждения культуры:", "", "", "", "", "Филиал",
     "", ""],
]


@pytest.fixture
def categories(db):
    return {
        "school": CategoryFactory(name="Образовательные организации", tier=Tier.EXTERNAL),
        "culture": CategoryFactory(name="Учреждения культуры", tier=Tier.EXTERNAL),
    }


def xlsx(rows, headers=HEADERS) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows, headers=HEADERS, delimiter=";", encoding="utf-8-sig") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerows([headers, *rows])
    return buffer.getvalue().encode(encoding)


def test_it_guesses_the_fields_from_russian_headers():
    assert importing.guess_mapping(HEADERS + ["Телефон контактного лица", "E-mail", "Прочее"]) \
        == ["name", "short_name", "category", "address", "phone", "email", "site", "notes",
            "contact_name", "contact_position", "contact_phone", "", ""]


@pytest.mark.parametrize("kind", ["xlsx", "csv-semicolon", "csv-comma-cp1251"])
def test_it_imports_partners_with_contacts(categories, kind):
    data = {
        "xlsx": lambda: xlsx(ROWS),
        "csv-semicolon": lambda: csv_bytes(ROWS),
        "csv-comma-cp1251": lambda: csv_bytes(ROWS, delimiter=",", encoding="cp1251"),
    }[kind]()
    rows = importing.read_table(io.BytesIO(data))
    result = importing.check(rows, importing.guess_mapping(rows[0]))
    assert result.ok, [line.errors for line in result.lines]
    importing.save(result)
    school = Partner.objects.get(name="МБОУ СОШ № 12")
    assert school.site == "https://s12.example.ru" and school.category == categories["school"]
    assert school.contacts.get().position == "Завуч"
    library = Partner.objects.get(name="Детская библиотека им. Гайдара")
    assert library.category == categories["culture"] and library.notes == "Филиал"


def test_it_lists_every_lines_errors_and_saves_nothing(categories):
    rows = [
        ["", "", "Образовательные организации", "", "", "", "", "", "", ""],
        ["ГИБДД", "", "Нет такой", "", "", "почта", "", "", "", ""],
        ["ГИБДД", "", "Образовательные организации", "", "", "", "", "", "", ""],
        ["ОМВД", "", "Образовательные организации", "", "", "", "javascript:x", "", "", "Кто"],
        ["ПЧ-48", "", "Образовательные организации", "", "", "", "", "", "", ""],
    ]
    table = importing.read_table(io.BytesIO(xlsx(rows)))
    result = importing.check(table, importing.guess_mapping(table[0]))
    errors = {line.number: line.errors for line in result.lines}
    assert errors[2] == ["Наименование не указано."]
    assert "Неизвестная категория «Нет такой»." in errors[3]
    assert "«почта» — не адрес электронной почты." in errors[3]
    assert errors[4] == ["Тот же партнёр, что в строке 3."]
    assert len(errors[5]) == 2 and errors[6] == []
    assert not result.ok
    with pytest.raises(ValueError):
        importing.save(result)
    assert not Partner.objects.exists()


def test_it_updates_known_partners_and_offers_similar_ones_for_merging(categories):
    known = PartnerFactory(name="МБОУ СОШ № 12", category=categories["school"], address="")
    PartnerFactory(name="Детская библиотека имени Гайдара", category=categories["culture"])
    table = importing.read_table(io.BytesIO(xlsx(ROWS)))
    result = importing.check(table, importing.guess_mapping(table[0]))
    assert result.lines[0].existing == known
    assert [s.partner.name for s in result.lines[1].similar] == [
        "Детская библиотека имени Гайдара"]
    saved = importing.save(result)
    known.refresh_from_db()
    assert known.address == "ул. Садовая, 3" and saved.updated == [known]
    assert [(new.name, old.name) for new, old in saved.similar] == [
        ("Детская библиотека им. Гайдара", "Детская библиотека имени Гайдара")]


BAD_TABLES = {
    "empty": (b"", "пуст"),
    "header-only": (xlsx([]), "Таблица пуста"),
    "binary": (b"\x00\x01\x02garbage", "не таблица"),
    "pdf": (b"%PDF-1.4 ...", "не таблица"),
    "xls-or-password": (bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 100, "парол"),
    "broken-xlsx": (xlsx(ROWS)[:500], "повреждён"),
}


@pytest.mark.parametrize("case", BAD_TABLES, ids=list(BAD_TABLES))
def test_it_refuses_bad_tables_with_a_message(db, case):
    data, message = BAD_TABLES[case]
    with pytest.raises(importing.ImportFileError, match=message):
        importing.read_table(io.BytesIO(data))


def test_it_refuses_a_huge_table(db, settings):
    settings.MAX_UPLOAD_MB = 1
    with pytest.raises(importing.ImportFileError, match="слишком велик"):
        importing.read_table(io.BytesIO(b"a;b\n" * 300_000))


# --------------------------------------------------------------------------- the pages


def test_it_imports_through_upload_preview_and_confirmation(client, administrator, categories):
    client.force_login(administrator)
    response = client.post(reverse("partners:import"),
                           {"file": SimpleUploadedFile("p.xlsx", xlsx(ROWS))})
    assert response.status_code == 302 and response.url == reverse("partners:import_preview")
    preview = client.get(response.url)
    body = preview.content.decode()
    assert preview.status_code == 200 and "МБОУ СОШ № 12" in body and "Ошибок нет" in body
    assert not Partner.objects.exists()
    mapping = {f"column_{i}": field for i, field in enumerate(importing.guess_mapping(HEADERS))}
    response = client.post(reverse("partners:import_preview"), {**mapping, "action": "import"})
    assert response.status_code == 302 and response.url == reverse("partners:import_done")
    assert Partner.objects.count() == 2 and Contact.objects.count() == 1
    done = client.get(response.url).content.decode()
    assert "Детская библиотека им. Гайдара" in done


def test_it_lets_the_user_change_the_mapping(client, administrator, categories):
    client.force_login(administrator)
    client.post(reverse("partners:import"), {"file": SimpleUploadedFile("p.xlsx", xlsx(ROWS))})
    mapping = {f"column_{i}": f for i, f in enumerate(importing.guess_mapping(HEADERS))}
    mapping["column_2"] = ""  # the category column is not imported ...
    response = client.post(reverse("partners:import_preview"), {**mapping, "action": "import"})
    assert response.status_code == 200 and not Partner.objects.exists()
    # ... so a default category is needed.
    response = client.post(reverse("partners:import_preview"), {
        **mapping, "default_category": categories["culture"].pk, "action": "import"})
    assert response.status_code == 302
    assert set(Partner.objects.values_list("category", flat=True)) == {categories["culture"].pk}


def test_it_shows_a_bad_upload_next_to_the_field(client, administrator):
    client.force_login(administrator)
    response = client.post(reverse("partners:import"),
                           {"file": SimpleUploadedFile("p.xlsx", b"%PDF-1.4")})
    assert response.status_code == 200 and "не таблица" in response.content.decode()


def test_it_sends_back_to_the_upload_without_a_table(client, administrator):
    client.force_login(administrator)
    assert client.get(reverse("partners:import_preview")).url == reverse("partners:import")
    assert client.get(reverse("partners:import_done")).url == reverse("partners:import")


# --------------------------------------------------------------------------- CSV as Excel writes it


def excel_csv(rows, headers=HEADERS, encoding="cp1251", bom=False, delimiter=";") -> bytes:
    """What Russian Excel saves: «;» between cells, CRLF, quotes only where needed."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows([headers, *rows])
    data = buffer.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


COMMA_HEADERS = ["Наименование", "Адрес", "Категория"]
COMMA_ROWS = [  # quoted cells with commas: the probe's file read as one column
    ['МБОУ "СОШ № 12", корпус 2', "г. Советский, ул. Садовая, 3", "Образовательные организации"],
    ['Центр "Сибирь"', "ул. Ленина, 5", "Учреждения культуры"],
]


@pytest.mark.parametrize(
    "data",
    [
        excel_csv(ROWS),
        excel_csv(ROWS, encoding="utf-8", bom=True),
        excel_csv(ROWS, encoding="utf-8"),
        excel_csv(ROWS, delimiter="\t", encoding="utf-8", bom=True),
    ],
    ids=["semicolon-cp1251", "semicolon-utf8-bom", "semicolon-utf8", "tab-utf8-bom"],
)
def test_it_reads_csv_files_as_russian_excel_writes_them(categories, data):
    rows = importing.read_table(io.BytesIO(data))
    assert rows[0] == HEADERS and rows[1] == ROWS[0]
    result = importing.check(rows, importing.guess_mapping(rows[0]))
    assert result.ok, [line.errors for line in result.lines]


def test_it_keeps_commas_inside_quoted_cells_of_a_semicolon_file(categories):
    data = excel_csv(COMMA_ROWS, headers=COMMA_HEADERS)
    sniffed = csv.Sniffer().sniff(data.decode("cp1251"), delimiters=",;\t")
    assert sniffed.delimiter == ","  # what the standard sniffer guesses: wrong
    rows = importing.read_table(io.BytesIO(data))
    assert rows == [COMMA_HEADERS, *COMMA_ROWS]
    result = importing.check(rows, importing.guess_mapping(rows[0]))
    importing.save(result)
    school = Partner.objects.get(name='МБОУ "СОШ № 12", корпус 2')
    assert school.address == "г. Советский, ул. Садовая, 3"
    assert school.category == categories["school"]


def test_it_keeps_the_comma_when_the_header_says_so(categories):
    data = excel_csv(COMMA_ROWS, headers=COMMA_HEADERS, delimiter=",", encoding="utf-8")
    assert importing.read_table(io.BytesIO(data)) == [COMMA_HEADERS, *COMMA_ROWS]
