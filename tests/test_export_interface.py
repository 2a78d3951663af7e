"""One export interface (issue 9 item 4): every export is an Exporter with `filename`,
`content_type` and `render(progress)` → bytes, and there is one WeasyPrint entry point, one URL
fetcher and one spreadsheet writer in the code."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

from partners import roles
from plans.exports import (
    ConsolidatedPdfExporter,
    DocxExporter,
    Exporter,
    PdfExporter,
    SvgDiagramExporter,
    XlsxExporter,
)
from plans.exports.coverage import CoveragePdfExporter, CoverageXlsxExporter
from plans.review.coverage import CoverageParams, build_coverage
from tests.factories import ActivityFactory, PartnerFactory, PlanRowFactory, UserFactory

BASE = Path(settings.BASE_DIR)
APP_CODE = [
    path for folder in ("partners", "plans", "partnership")
    for path in (BASE / folder).rglob("*.py") if "migrations" not in path.parts
]
MAGIC = {
    "%PDF": b"%PDF",
    "zip": b"PK\x03\x04",
    "svg": b"<?xml",
}


def exporters(plan, methodist):
    report = build_coverage(methodist, CoverageParams(year=plan.year))
    return [
        (PdfExporter(plan), "application/pdf", "%PDF", ".pdf"),
        (DocxExporter(plan), "application/vnd.openxmlformats-officedocument"
         ".wordprocessingml.document", "zip", ".docx"),
        (XlsxExporter(plan), "application/vnd.openxmlformats-officedocument"
         ".spreadsheetml.sheet", "zip", ".xlsx"),
        (SvgDiagramExporter(plan), "image/svg+xml", "svg", ".svg"),
        (ConsolidatedPdfExporter([plan], plan.year), "application/pdf", "%PDF", ".pdf"),
        (CoverageXlsxExporter(report), "application/vnd.openxmlformats-officedocument"
         ".spreadsheetml.sheet", "zip", ".xlsx"),
        (CoveragePdfExporter(report), "application/pdf", "%PDF", ".pdf"),
    ]


def test_it_renders_every_export_through_the_same_interface(plan):
    row = PlanRowFactory(plan=plan, partner=PartnerFactory(name="Детская библиотека"))
    ActivityFactory(row=row, title="Книжная выставка")
    methodist = UserFactory(username="methodist_exports", role=roles.METHODIST)
    for exporter, content_type, magic, extension in exporters(plan, methodist):
        name = type(exporter).__name__
        assert isinstance(exporter, Exporter), name
        assert exporter.content_type == content_type, name
        assert exporter.filename.endswith(extension), name
        seen = []
        data = exporter.render(lambda percent, step, seen=seen: seen.append(percent))
        assert isinstance(data, bytes) and data.startswith(MAGIC[magic]), name
        assert seen == sorted(seen) and all(0 <= p <= 100 for p in seen), name
        if content_type == "application/pdf":
            assert len(seen) >= 2, name


def used_names(path: Path) -> set[str]:
    """Dotted names a module uses: `module.name` for `from module import name`, and the
    attribute chains it writes (`weasyprint.HTML`)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Attribute):
            parts = [node.attr]
            value = node.value
            while isinstance(value, ast.Attribute):
                parts.append(value.attr)
                value = value.value
            if isinstance(value, ast.Name):
                names.add(".".join([value.id, *reversed(parts)]))
    return names


@pytest.mark.parametrize(
    ("name", "only_in"),
    [
        ("weasyprint.HTML", "plans/exports/printing.py"),  # re-exported by pdf.py
        ("weasyprint.urls.URLFetcher", "plans/exports/fetcher.py"),
        ("openpyxl.Workbook", "plans/exports/writer.py"),
    ],
)
def test_it_has_one_weasyprint_entry_one_fetcher_and_one_writer(name, only_in):
    users = sorted(str(path.relative_to(BASE)) for path in APP_CODE if name in used_names(path))
    assert users == [only_in]


def test_it_keeps_the_export_modules_and_functions_short():
    for path in (BASE / "plans" / "exports").rglob("*.py"):
        source = path.read_text()
        assert len(source.splitlines()) <= 400, path
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                assert node.end_lineno - node.lineno < 50, f"{path}:{node.name}"
