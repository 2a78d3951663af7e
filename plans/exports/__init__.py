"""Every export of the application, pretix-style: each format is an Exporter class with
`filename`, `content_type` and `render(progress)` returning bytes (see `base`).

- Plan: PDF, DOCX, XLSX and the SVG diagram, all from `document.PlanDocument`, which reads the
  table from `plans.table.build_table`; the consolidated PDF of a year.
- Coverage: XLSX and PDF (`coverage`).

One WeasyPrint entry point (`pdf.html_to_pdf`), one URL fetcher (`fetcher`), one spreadsheet
writer (`writer`), and a PDF cache keyed by what is printed (`cache`).
"""

from plans.exports.base import Exporter, PlanExporter
from plans.exports.docx import DocxExporter
from plans.exports.pdf import ConsolidatedPdfExporter, PdfExporter
from plans.exports.svg import SvgDiagramExporter
from plans.exports.xlsx import XlsxExporter

# The plan's downloads by their identifier.
EXPORTERS: dict[str, type[PlanExporter]] = {
    cls.identifier: cls for cls in [PdfExporter, DocxExporter, XlsxExporter, SvgDiagramExporter]
}

__all__ = [
    "EXPORTERS",
    "ConsolidatedPdfExporter",
    "DocxExporter",
    "Exporter",
    "PdfExporter",
    "PlanExporter",
    "SvgDiagramExporter",
    "XlsxExporter",
]
