"""Hostile uploads, built with zipfile for the tests and the benchmark: a valid Word document
or workbook whose one XML part unpacks to 64 MB of empty paragraphs or rows (gigabytes once
parsed) packs into about 100 KB."""

import functools
import io
import zipfile

import openpyxl

BOMB_BYTES = 64 * 1024 * 1024
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def rewrite(data: bytes, name: str, write) -> bytes:
    """`data` with the entry `name` replaced by what `write(stream)` writes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            if info.filename != name:
                target.writestr(info.filename, source.read(info))
        with target.open(name, "w", force_zip64=True) as stream:
            write(stream)
    return out.getvalue()


def repeated(head: bytes, unit: bytes, tail: bytes, size: int = BOMB_BYTES):
    def write(stream):
        chunk = unit * (1024 * 1024 // len(unit))
        stream.write(head)
        for _ in range(size // len(chunk)):
            stream.write(chunk)
        stream.write(tail)
    return write


def empty_xlsx() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["Соц. партнёр", "Мероприятие", "Период"])
    book.active.append(["ГИБДД", "Беседа", "Май"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def bare_docx() -> bytes:
    """The least a Word document needs: content types, the package's links, the document."""
    buffer = io.BytesIO()
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{main}"/></Types>'))
        archive.writestr("_rels/.rels", (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            "</Relationships>"))
        archive.writestr("word/document.xml", f"<w:document {W}><w:body/></w:document>")
    return buffer.getvalue()


@functools.cache
def docx_bomb() -> bytes:
    return rewrite(bare_docx(), "word/document.xml",
                   repeated(f"<w:document {W}><w:body>".encode(), b"<w:p/>",
                            b"</w:body></w:document>"))


@functools.cache
def xlsx_bomb() -> bytes:
    sheet = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    return rewrite(empty_xlsx(), "xl/worksheets/sheet1.xml",
                   repeated(sheet + b"<sheetData>", b"<row/>", b"</sheetData></worksheet>"))
