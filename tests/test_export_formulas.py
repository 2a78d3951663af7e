"""Spreadsheets are data, never formulas (issue 10 item 4): whatever a teacher types, every XLSX
the application writes stores it as text, and any CSV escapes it."""

import csv
import datetime
import io
import zipfile

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from partners import roles
from partners.models import Tier
from plans.exports import XlsxExporter
from plans.exports.coverage import CoverageXlsxExporter
from plans.exports.writer import SpreadsheetWriter, csv_bytes, csv_value
from plans.review.coverage import CoverageParams, build_coverage
from tests.factories import (
    ActivityFactory,
    CategoryFactory,
    DirectionFactory,
    InteractionFormFactory,
    PartnerFactory,
    PlanFactory,
    PlanRowFactory,
    UnitFactory,
    UserFactory,
)

PAYLOADS = ['=HYPERLINK("http://x")', "+1", "-1", "@SUM(A1)", "\t=1+1", "\r=1+1", "=1+1",
            "#N/A", "=cmd|' /C calc'!A0"]
# Any text a database keeps (PostgreSQL refuses NUL), with the payloads in front of it.
ANY_TEXT = st.text(
    alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)),
    min_size=1, max_size=40,
)
HOSTILE = st.one_of(
    st.sampled_from(PAYLOADS),
    st.tuples(st.sampled_from(["=", "+", "-", "@", "\t", "\r"]), ANY_TEXT).map("".join),
    ANY_TEXT,
)
EXAMPLES = settings(
    max_examples=25, deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def formula_cells(data: bytes) -> list[str]:
    """Every cell that is a formula, by openpyxl and in the file's own XML (<f> elements)."""
    found = []
    book = load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            found += [f"{sheet.title}!{c.coordinate}" for c in row if c.data_type == "f"]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and b"<f>" in archive.read(name):
                found.append(name)
    return found


def texts(data: bytes) -> set[str]:
    book = load_workbook(io.BytesIO(data))
    return {
        cell.value
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    }


def clean(text: str) -> str:
    """What a spreadsheet can hold of a text: XML has no room for control characters."""
    return "".join(c for c in text if c in "\t\n\r" or not (ord(c) < 32 or c in "\ufffe\uffff"))


# --- the writer -----------------------------------------------------------------------------
def test_it_stores_text_that_looks_like_a_formula_as_text():
    writer = SpreadsheetWriter(title="=1+1", creator="@me")
    sheet = writer.sheet("=Plan")
    sheet.append([*PAYLOADS, 7, 2.5, True, None, datetime.date(2025, 9, 1)])
    data = writer.to_bytes()
    assert formula_cells(data) == []
    cells = [c for c in load_workbook(io.BytesIO(data)).active[1]]
    assert [c.value for c in cells[: len(PAYLOADS)]] == PAYLOADS
    assert all(c.data_type == "s" for c in cells[: len(PAYLOADS)])
    assert [c.data_type for c in cells[len(PAYLOADS):]] == ["n", "n", "b", "n", "d"]


def test_it_keeps_each_streamed_cell_its_own_value_type_and_style():
    """A stream sheet fills a column's cell again for the next row: nothing of one row's cell
    (a formula-like text, a number, a date's format, an alignment) carries into the next."""
    from openpyxl.styles import Alignment

    left, centred = Alignment(horizontal="left"), Alignment(horizontal="center")
    writer = SpreadsheetWriter(streaming=True)
    sheet = writer.stream_sheet("Plan")
    day = datetime.date(2025, 9, 1)
    rows = [[PAYLOADS[0], 7, day, "a"], ["Музей", day, 2.5, None], ["+1", 3, "", "b"],
            [True, "=1+1", 4, "c"]]
    for number, values in enumerate(rows):
        sheet.append(values, alignments=[left, left, centred, left if number % 2 else centred])
    data = writer.to_bytes()
    assert formula_cells(data) == []
    ws = load_workbook(io.BytesIO(data)).active
    assert [[c.value for c in row] for row in ws.iter_rows()] == [
        [PAYLOADS[0], 7, datetime.datetime(2025, 9, 1), "a"],
        ["Музей", datetime.datetime(2025, 9, 1), 2.5, None],
        ["+1", 3, None, "b"],
        [True, "=1+1", 4, "c"],
    ]
    assert [[c.data_type for c in row] for row in ws.iter_rows()] == [
        ["s", "n", "d", "s"], ["s", "d", "n", "n"], ["s", "n", "n", "s"], ["b", "s", "n", "s"],
    ]
    assert not ws["B3"].is_date and not ws["C2"].is_date and ws["C1"].is_date
    assert [ws.cell(r, 4).alignment.horizontal for r in (1, 2, 3, 4)] == [
        "center", None, "center", "left"]  # row 2 has no cell there
    assert ws["C4"].alignment.horizontal == "center"


def test_it_keeps_a_streamed_cells_link_on_its_own_cell():
    writer = SpreadsheetWriter(streaming=True)
    sheet = writer.stream_sheet("Plan")
    sheet.append(["Партнёр"])
    sheet.append(["", "Сайт"], style=lambda cell: setattr(cell, "hyperlink", "https://x.ru/"))
    ws = load_workbook(io.BytesIO(writer.to_bytes())).active
    assert ws["B2"].hyperlink.target == "https://x.ru/" and ws["B2"].hyperlink.ref == "B2"
    assert ws["A1"].hyperlink is None


def test_it_turns_a_formula_written_around_the_writer_into_text():
    writer = SpreadsheetWriter()
    sheet = writer.sheet("Plan")
    sheet.ws["A1"] = '=HYPERLINK("http://x")'
    assert sheet.ws["A1"].data_type == "f"  # openpyxl's own guess
    data = writer.to_bytes()
    assert formula_cells(data) == []
    assert load_workbook(io.BytesIO(data)).active["A1"].value == '=HYPERLINK("http://x")'


def test_it_drops_characters_a_spreadsheet_cannot_hold():
    writer = SpreadsheetWriter()
    writer.sheet("Plan").append(["a\x01b\x1fc\td\ne"])
    assert load_workbook(io.BytesIO(writer.to_bytes())).active["A1"].value == "abc\td\ne"


def test_it_escapes_csv_fields_a_spreadsheet_would_run():
    assert [csv_value(p) for p in ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"]] == [
        "'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\t=1", "'\r=1"
    ]
    assert csv_value("Музей") == "Музей" and csv_value(-1) == "-1" and csv_value(None) == ""
    data = csv_bytes([["Партнёр", "Мероприятие"], ['=HYPERLINK("http://x")', "Экскурсия"]])
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[1] == ["'=HYPERLINK(\"http://x\")", "Экскурсия"]


@given(value=HOSTILE)
def test_it_never_writes_a_formula_whatever_the_text(value):
    writer = SpreadsheetWriter()
    writer.sheet("Plan").append([value])
    data = writer.to_bytes()
    assert formula_cells(data) == []
    assert load_workbook(io.BytesIO(data)).active["A1"].value == (clean(value) or None)
    assert not csv_value(value).startswith(("=", "+", "-", "@", "\t", "\r"))


# --- the plan XLSX ----------------------------------------------------------------------------
@EXAMPLES
@given(partner=HOSTILE, characteristic=HOSTILE, title=HOSTILE, form=HOSTILE, category=HOSTILE,
       direction=HOSTILE, responsible=HOSTILE, note=HOSTILE, result=HOSTILE)
def test_it_writes_no_formula_into_the_plan_xlsx(
    db, partner, characteristic, title, form, category, direction, responsible, note, result
):
    with transaction.atomic():
        plan = PlanFactory(unit=UnitFactory(name="Объединение «Тест»"))
        row = PlanRowFactory(
            plan=plan, characteristic=characteristic,
            partner=PartnerFactory(name=partner, category=CategoryFactory(name=category)),
        )
        row.directions.set([DirectionFactory(name=direction[:100])])
        ActivityFactory(row=row, title=title[:500], form=InteractionFormFactory(name=form[:150]),
                        responsible=responsible[:200], note=note, result=result)
        PlanRowFactory(plan=plan, partner=PartnerFactory(name=f"{partner} 2"))  # no activities
        data = XlsxExporter(plan).render()
        transaction.set_rollback(True)
    assert formula_cells(data) == []
    written = texts(data)
    for value in [partner, characteristic, title[:500], responsible[:200], note, result]:
        assert not clean(value) or clean(value) in written


def test_it_downloads_the_plan_xlsx_with_the_payloads_as_text(client, owner, plan):
    for n, payload in enumerate(PAYLOADS):
        row = PlanRowFactory(plan=plan, partner=PartnerFactory(name=f"{payload} {n}"),
                             characteristic=payload)
        ActivityFactory(row=row, title=payload, note=payload, result=payload)
    client.force_login(owner)
    data = client.get(reverse("plans:xlsx", args=[plan.pk])).content
    assert formula_cells(data) == []
    assert set(PAYLOADS) <= texts(data)


# --- the coverage XLSX ------------------------------------------------------------------------
@EXAMPLES
@given(partner=HOSTILE, unplanned=HOSTILE, category=HOSTILE, direction=HOSTILE, unit=HOSTILE)
def test_it_writes_no_formula_into_the_coverage_xlsx(
    db, partner, unplanned, category, direction, unit
):
    with transaction.atomic():
        methodist = UserFactory(username="methodist_formulas", role=roles.METHODIST)
        empty = CategoryFactory(name=f"{category} 1", tier=Tier.EXTERNAL)
        plan = PlanFactory(unit=UnitFactory(name=unit[:200]), year=2025)
        row = PlanRowFactory(plan=plan, partner=PartnerFactory(name=partner))  # no activity
        ActivityFactory(row=PlanRowFactory(plan=plan), title="Беседа")
        PartnerFactory(name=f"{unplanned} 2", category=CategoryFactory(name=f"{category} 2"))
        DirectionFactory(name=direction[:100])
        report = build_coverage(methodist, CoverageParams(year=2025))
        data = CoverageXlsxExporter(report, base_url="http://example.org").render()
        transaction.set_rollback(True)
    assert formula_cells(data) == []
    written = texts(data)
    for value in [row.partner.name, f"{unplanned} 2", empty.name, direction[:100]]:
        assert not clean(value) or clean(value) in written


def test_it_downloads_the_coverage_xlsx_with_the_payloads_as_text(client, methodist, plan):
    for n, payload in enumerate(PAYLOADS):
        PlanRowFactory(plan=plan, partner=PartnerFactory(name=f"{payload} {n}"))
    client.force_login(get_user_model().objects.get(pk=methodist.pk))
    response = client.get(reverse("coverage:xlsx"), {"year": plan.year})
    assert response.status_code == 200
    assert formula_cells(response.content) == []
    assert {f"{p} {n}" for n, p in enumerate(PAYLOADS)} <= texts(response.content)
