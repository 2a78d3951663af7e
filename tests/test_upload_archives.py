"""Uploaded Word and Excel files are checked before any parser sees them (issue 10, item 5).

The bombs are built here with zipfile: a valid document whose one XML part unpacks to 64 MB of
empty paragraphs or rows (gigabytes once parsed) packs into about 100 KB, and a part declaring
nested entities («billion laughs») is a few hundred bytes.
"""

import io
import time
import zipfile

import docx
import openpyxl
import pytest
from django.core.exceptions import ValidationError

from partners import archives, importing
from partners.models import Partner
from plans.importing import PlanImportError, import_plan, read_plan_file
from plans.models import Plan
from tests.docx_builders import build_plan_docx
from tests.hostile_files import (
    BOMB_BYTES,
    W,
    docx_bomb,
    empty_xlsx,
    repeated,
    rewrite,
    xlsx_bomb,
)

LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
              for n in range(1, 10))
    + "]>"
)
def docx_laughs() -> bytes:
    body = (f'<?xml version="1.0"?>{LAUGHS}<w:document {W}><w:body><w:p><w:r><w:t>&lol9;'
            "</w:t></w:r></w:p></w:body></w:document>")
    return rewrite(build_plan_docx([["1.", "ГИБДД", "", "Беседа", "Май"]]), "word/document.xml",
                   lambda stream: stream.write(body.encode()))


def xlsx_laughs() -> bytes:
    body = (f'<?xml version="1.0"?>{LAUGHS}<worksheet xmlns="http://schemas.openxmlformats.org/'
            'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
            "&lol9;</t></is></c></row></sheetData></worksheet>")
    return rewrite(empty_xlsx(), "xl/worksheets/sheet1.xml",
                   lambda stream: stream.write(body.encode()))


def refuse_parsing(monkeypatch):
    """Fail the test if python-docx or openpyxl is asked to open a file from now on."""
    def refuse(*args, **kwargs):
        raise AssertionError("the file reached the parser")
    monkeypatch.setattr(docx, "Document", refuse)
    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


def test_the_bombs_are_small_files_that_unpack_to_64_mb():
    for bomb in (docx_bomb(), xlsx_bomb()):
        assert len(bomb) < 110 * 1024
        with zipfile.ZipFile(io.BytesIO(bomb)) as archive:
            assert sum(i.file_size for i in archive.infolist()) > BOMB_BYTES


@pytest.mark.parametrize("bomb", [docx_bomb, xlsx_bomb], ids=["docx", "xlsx"])
def test_it_refuses_a_plan_bomb_at_once_in_russian_and_writes_nothing(db, unit, bomb,
                                                                      monkeypatch):
    data = bomb()
    refuse_parsing(monkeypatch)
    started = time.perf_counter()
    with pytest.raises(PlanImportError) as error:
        import_plan(read_plan_file(io.BytesIO(data), "plan.docx"), unit=unit, year=2026)
    assert time.perf_counter() - started < 1
    assert "слишком велик в распакованном виде" in str(error.value)
    assert "20 МБ" in str(error.value)
    assert not Plan.objects.exists() and not Partner.objects.exists()


def test_it_refuses_a_partner_table_bomb(db, monkeypatch):
    data = xlsx_bomb()
    refuse_parsing(monkeypatch)
    with pytest.raises(importing.ImportFileError, match="слишком велик в распакованном виде"):
        importing.read_table(io.BytesIO(data))
    assert not Partner.objects.exists()


def test_it_refuses_a_part_packed_a_thousand_times(db):
    data = rewrite(empty_xlsx(), "xl/sharedStrings.xml",
                   repeated(b"<sst>", b" ", b"</sst>", size=2 * 1024 * 1024))
    with pytest.raises(PlanImportError, match="сжат подозрительно сильно"):
        read_plan_file(io.BytesIO(data), "plan.xlsx")


def test_it_refuses_an_archive_of_too_many_parts(db):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for number in range(archives.MAX_ENTRIES + 1):
            archive.writestr(f"word/part{number}.xml", "<a/>")
    with pytest.raises(PlanImportError, match="слишком много частей"):
        read_plan_file(io.BytesIO(buffer.getvalue()), "plan.docx")


@pytest.mark.parametrize("build", [docx_laughs, xlsx_laughs], ids=["docx", "xlsx"])
def test_it_refuses_xml_that_declares_entities(db, unit, build, monkeypatch):
    data = build()
    refuse_parsing(monkeypatch)
    with pytest.raises(PlanImportError, match="DOCTYPE"):
        read_plan_file(io.BytesIO(data), "plan.xlsx")
    with pytest.raises(ValidationError, match="DOCTYPE"):
        archives.check_office_archive(io.BytesIO(data))


@pytest.mark.parametrize(
    ("build", "entry", "message"),
    [(docx_laughs, "word/document.xml", "не читается как документ Word"),
     (xlsx_laughs, "xl/workbook.xml", "не читается как книга Excel")],
    ids=["docx", "xlsx"],
)
def test_the_parsers_themselves_never_expand_entities(db, monkeypatch, build, entry, message):
    """Behind the archive check, python-docx (lxml without entities, within libxml2's limits)
    and openpyxl (defusedxml) refuse the entities instead of expanding them."""
    assert openpyxl.DEFUSEDXML
    monkeypatch.setattr(archives, "check_office_archive", lambda upload: [entry])
    with pytest.raises(PlanImportError, match=message):
        read_plan_file(io.BytesIO(build()), "plan")


def test_it_accepts_ordinary_documents_and_workbooks():
    for data in (build_plan_docx([["1.", "ГИБДД", "", "Беседа", "Май"]]), empty_xlsx()):
        names = archives.check_office_archive(io.BytesIO(data))
        assert "[Content_Types].xml" in names
