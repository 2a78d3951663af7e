"""Exports of a plan, pretix-style: each format is a small class with `filename`,
`content_type` and `render()` returning bytes. All of them read the table from
`plans.table.build_table` (through `plans.exports.document.PlanDocument`).
"""

from plans.exports.base import Exporter
from plans.exports.docx import DocxExporter
from plans.exports.pdf import ConsolidatedPdfExporter, PdfExporter
from plans.exports.svg import SvgDiagramExporter
from plans.exports.xlsx import XlsxExporter

EXPORTERS: dict[str, type[Exporter]] = {
    cls.identifier: cls for cls in [PdfExporter, DocxExporter, XlsxExporter, SvgDiagramExporter]
}

__all__ = [
    "EXPORTERS",
    "ConsolidatedPdfExporter",
    "DocxExporter",
    "Exporter",
    "PdfExporter",
    "SvgDiagramExporter",
    "XlsxExporter",
]
