"""The PDF's baseline: raw WeasyPrint on a minimal one-table HTML of the same text, with
`table-layout: fixed`, our column widths, page size, margins and fonts, and nothing else (no
head, no diagram, no hyphenation, no break rules). Printed through the one WeasyPrint entry
point (plans.exports.pdf.html_to_pdf: WeasyPrint with the local-only fetcher), so the baseline
and the PDF differ only in their HTML and CSS."""

from __future__ import annotations

from html import escape

from plans.exports.pdf import html_to_pdf
from plans.table import build_table

STYLE = """
@font-face {{ font-family: S; src: url("{regular}"); }}
@font-face {{ font-family: S; src: url("{bold}"); font-weight: bold; }}
@page {{ size: A4 landscape; margin: 18mm 12mm 16mm 25mm; }}
html {{ font-family: S; font-size: 10.5pt; line-height: 1.15; }}
table {{ width: 100%; border-collapse: collapse; table-layout: fixed; }}
td, th {{ border: 0.6pt solid #000; padding: 1.2mm 1.5mm; vertical-align: top; }}
"""
WIDTHS = ["14mm", "44mm", "70mm", "auto", "38mm"]  # as print.css's .c-* columns


def minimal_html(plan) -> str:
    cells = []
    for line in build_table(plan):
        if line.is_heading:
            cells.append(f"<tr><td>{line.number}.</td><td colspan=4><b>"
                         f"{escape(line.category.heading)}</b></td></tr>")
            continue
        activities = "<br>".join(escape(a.title) for a in line.activities)
        periods = "<br>".join(escape(g.text) for g in line.period_groups)
        cells.append(f"<tr><td>{line.number}.</td><td>{escape(line.row.partner.name)}</td>"
                     f"<td>{escape(line.row.characteristic)}</td><td>{activities}</td>"
                     f"<td>{periods}</td></tr>")
    # Relative to static/, as the printed plan's own fonts.
    style = STYLE.format(regular="fonts/LiberationSerif-Regular.ttf",
                         bold="fonts/LiberationSerif-Bold.ttf")
    cols = "".join(f'<col style="width: {w}">' for w in WIDTHS)
    return (f"<!doctype html><html lang=ru><head><meta charset=utf-8><style>{style}</style>"
            f"</head><body><table><colgroup>{cols}</colgroup>{''.join(cells)}</table>"
            "</body></html>")


def raw_pdf(plan) -> bytes:
    return html_to_pdf(minimal_html(plan))
