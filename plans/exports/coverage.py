"""The coverage view as an XLSX workbook (one sheet per kind of gap, and the matrices) and as
a PDF (WeasyPrint, A4 landscape, local fonts only, no network)."""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from plans.coverage import Coverage, Matrix

ZERO_FILL = PatternFill("solid", fgColor="F8D7DA")  # the page's «zero» red, light
EMPTY_LINE_FILL = PatternFill("solid", fgColor="F1AEB5")
HEAD_FILL = PatternFill("solid", fgColor="E9ECEF")
BOLD = Font(bold=True)
ZERO_FONT = Font(bold=True, color="B02A37")
WRAP = Alignment(wrap_text=True, vertical="top")


def export_filename(report: Coverage, extension: str) -> str:
    return f"coverage-{report.params.year}-{report.params.year + 1}.{extension}"


def filter_summary(report: Coverage) -> list[tuple[str, str]]:
    """The filters of the view in words, for the head of an export."""
    params = report.params
    units = ", ".join(u.name for u in params.units) if params.units else _("all units")
    lines = [
        (_("Academic year"), report.year_label),
        (pgettext("coverage", "Units"), units),
    ]
    if params.tier:
        from partners.models import Tier

        lines.append((_("Tier"), str(Tier(params.tier).label)))
    if params.category:
        lines.append((_("Category"), params.category.name))
    if params.no_direction:
        lines.append((pgettext("coverage", "Direction"), _("No direction")))
    elif params.direction:
        lines.append((pgettext("coverage", "Direction"), params.direction.name))
    return lines


# --------------------------------------------------------------------------- XLSX


def _sheet(workbook: Workbook, title: str, headers: list[str], widths: list[int]):
    sheet = workbook.create_sheet(title[:31])
    sheet.append(headers)
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
        cell = sheet.cell(row=1, column=i)
        cell.font = BOLD
        cell.fill = HEAD_FILL
        cell.alignment = WRAP
    sheet.freeze_panes = "A2"
    return sheet


def _none_line(sheet, columns: int):
    sheet.append([_("None: no gap of this kind.")] + [""] * (columns - 1))


def _matrix_sheet(workbook: Workbook, title: str, matrix: Matrix):
    headers = [matrix.corner] + [c.label for c in matrix.columns] + [pgettext("coverage", "Total")]
    sheet = _sheet(workbook, title, headers, [45] + [12] * len(matrix.columns) + [10])
    for line in matrix.lines:
        label = f"{line.label} ({line.note})" if line.note else line.label
        sheet.append([label] + [c.count for c in line.cells] + [line.total])
        r = sheet.max_row
        for i, cell in enumerate(line.cells, start=2):
            if cell.is_zero and matrix.columns[i - 2].kind != "untied":
                sheet.cell(row=r, column=i).fill = ZERO_FILL
                sheet.cell(row=r, column=i).font = ZERO_FONT
        if line.is_empty:
            sheet.cell(row=r, column=1).fill = EMPTY_LINE_FILL
            sheet.cell(row=r, column=len(headers)).fill = EMPTY_LINE_FILL
    sheet.append(
        [pgettext("coverage", "Total")] + matrix.column_totals + [sum(matrix.column_totals)]
    )
    r = sheet.max_row
    for i in range(1, len(headers) + 1):
        sheet.cell(row=r, column=i).font = BOLD
    for i, total in enumerate(matrix.column_totals, start=2):
        if not total and matrix.columns[i - 2].kind != "untied":
            sheet.cell(row=r, column=i).fill = EMPTY_LINE_FILL
    sheet.freeze_panes = "B2"
    return sheet


def coverage_xlsx_bytes(report: Coverage, base_url: str = "") -> bytes:
    workbook = Workbook()
    summary = workbook.active
    summary.title = pgettext("coverage", "Summary")
    summary.append([_("Coverage of social partnership")])
    summary["A1"].font = Font(bold=True, size=14)
    for label, value in filter_summary(report):
        summary.append([label, value])
    summary.append([_("Plans"), len(report.plans)])
    summary.append([_("Activities"), report.activity_count])
    summary.append([])
    summary.append([pgettext("coverage", "Gap"), pgettext("coverage", "How many")])
    for cell in summary[summary.max_row]:
        cell.font = BOLD
        cell.fill = HEAD_FILL
    for label, count in gap_lines(report):
        summary.append([label, count])
        if count:
            summary.cell(row=summary.max_row, column=2).fill = ZERO_FILL
            summary.cell(row=summary.max_row, column=2).font = ZERO_FONT
    summary.column_dimensions["A"].width = 60
    summary.column_dimensions["B"].width = 40

    # Partners with a row and no activity: the sheet this export exists for.
    sheet = _sheet(
        workbook,
        _("Partners without activities"),
        [_("Partner"), _("Category"), _("Unit"), _("Plan status"), _("Link to the row")],
        [45, 35, 40, 16, 60],
    )
    for row in report.empty_rows:
        sheet.append(
            [
                row.partner.name,
                row.partner.category.name,
                row.plan.unit.name,
                str(row.plan.get_status_display()),
                f"{base_url}{row.get_absolute_url()}",
            ]
        )
    if not report.empty_rows:
        _none_line(sheet, 5)

    sheet = _sheet(
        workbook, _("Partners in no plan"), [_("Partner"), _("Category"), _("Tier")], [50, 40, 25]
    )
    for partner in report.unplanned_partners:
        sheet.append(
            [partner.name, partner.category.name, str(partner.category.get_tier_display())]
        )
    if not report.unplanned_partners:
        _none_line(sheet, 3)

    sheet = _sheet(
        workbook,
        pgettext("coverage", "Months"),
        [pgettext("coverage", "Month"), _("Activities"), pgettext("coverage", "Gap")],
        [40, 14, 14],
    )
    for month in report.months:
        sheet.append(
            [month.name, month.count, pgettext("coverage", "yes") if month.is_empty else ""]
        )
        if month.is_empty:
            for c in range(1, 4):
                sheet.cell(row=sheet.max_row, column=c).fill = ZERO_FILL
    sheet.append([])
    sheet.append([_("Not tied to a month"), ""])
    sheet.cell(row=sheet.max_row, column=1).font = BOLD
    for item in report.untied:
        sheet.append([item.label, item.count, ""])

    sheet = _sheet(workbook, _("Categories without partners"), [_("Category"), _("Tier")], [50, 25])
    for category in report.categories_without_partners:
        sheet.append([category.name, str(category.get_tier_display())])
    if not report.categories_without_partners:
        _none_line(sheet, 2)

    sheet = _sheet(
        workbook, _("Directions without activities"), [pgettext("coverage", "Direction")], [50]
    )
    for direction in report.directions_without_activities:
        sheet.append([direction.name])
    if not report.directions_without_activities:
        _none_line(sheet, 1)

    sheet = _sheet(
        workbook, _("Units without a plan"), [_("Unit"), pgettext("coverage", "Kind")], [50, 30]
    )
    for unit in report.units_without_plan:
        sheet.append([unit.name, str(unit.get_kind_display())])
    if not report.units_without_plan:
        _none_line(sheet, 2)

    sheet = _sheet(
        workbook,
        _("Agreements running out"),
        [
            _("Partner"),
            _("Unit"),
            pgettext("coverage", "Number"),
            pgettext("coverage", "Valid from"),
            pgettext("coverage", "Valid until"),
            _("Status"),
        ],
        [45, 40, 14, 14, 14, 22],
    )
    for gap in report.agreements_ending:
        a = gap.agreement
        sheet.append(
            [a.partner.name, a.unit.name, a.number, a.valid_from, a.valid_until, gap.label]
        )
        for c in (4, 5):
            sheet.cell(row=sheet.max_row, column=c).number_format = "DD.MM.YYYY"
    if not report.agreements_ending:
        _none_line(sheet, 6)

    sheet = _sheet(
        workbook,
        _("No agreement in force"),
        [_("Partner"), _("Category"), pgettext("coverage", "Units"), _("Activities")],
        [45, 35, 50, 14],
    )
    for entry in report.partners_without_agreement:
        sheet.append(
            [
                entry.partner.name,
                entry.partner.category.name,
                ", ".join(sorted({r.plan.unit.name for r in entry.rows})),
                entry.activity_count,
            ]
        )
    if not report.partners_without_agreement:
        _none_line(sheet, 4)

    _matrix_sheet(workbook, _("Partner × month"), report.partner_month)
    _matrix_sheet(workbook, _("Category × direction"), report.category_direction)
    _matrix_sheet(workbook, _("Unit × direction"), report.unit_direction)

    comparison = report.comparison
    sheet = _sheet(
        workbook,
        _("Against last year"),
        [
            pgettext("coverage", "Direction"),
            comparison.last_year_label,
            comparison.year_label,
            pgettext("coverage", "Difference"),
        ],
        [45, 14, 14, 14],
    )
    for line in comparison.directions:
        sheet.append([line.label, line.then, line.now, line.change])
    sheet.append(
        [
            _("Activities in all"),
            comparison.activities_then,
            comparison.activities_now,
            comparison.activities_now - comparison.activities_then,
        ]
    )
    sheet.append(
        [
            _("Partners in plans"),
            comparison.partners_then,
            comparison.partners_now,
            comparison.partners_now - comparison.partners_then,
        ]
    )
    sheet.append([])
    sheet.append([_("Partners gained")])
    sheet.cell(row=sheet.max_row, column=1).font = BOLD
    for partner in comparison.gained:
        sheet.append([partner.name])
    sheet.append([])
    sheet.append([_("Partners lost")])
    sheet.cell(row=sheet.max_row, column=1).font = BOLD
    for partner in comparison.lost:
        sheet.append([partner.name])

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


GAP_ANCHORS = [
    "empty-partners",
    "unplanned-partners",
    "months",
    "empty-categories",
    "empty-directions",
    "units-without-plan",
    "agreements",
    "agreements",
]


def gap_lines(report: Coverage) -> list[tuple[str, int]]:
    """Each kind of gap with how many there are, in the order the page shows them."""
    return [
        (_("Partners with a row but no activity"), len(report.empty_rows)),
        (_("Registry partners in no plan of the year"), len(report.unplanned_partners)),
        (_("Months with no activity"), len(report.empty_months)),
        (_("Categories with no partner in any plan"), len(report.categories_without_partners)),
        (_("Directions with no activity"), len(report.directions_without_activities)),
        (_("Units with no plan for the year"), len(report.units_without_plan)),
        (_("Agreements expired or expiring"), len(report.agreements_ending)),
        (_("Partners with activities but no agreement"), len(report.partners_without_agreement)),
    ]


def gap_tiles(report: Coverage) -> list[dict]:
    """The gap summary of the page: label, count, where the list is, and what it holds."""
    months = ", ".join(m.name.lower() for m in report.empty_months)
    tiles = []
    for (label, count), anchor in zip(gap_lines(report), GAP_ANCHORS, strict=True):
        detail = months if anchor == "months" else ""
        tiles.append({"label": label, "count": count, "anchor": anchor, "detail": detail})
    return tiles


# --------------------------------------------------------------------------- PDF

FONT_DIRS = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts")]
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


def font_faces() -> list[dict]:
    """DejaVu Sans from the system's font files, for @font-face (file:// URLs)."""
    faces = []
    for weight, name in [("normal", "DejaVuSans.ttf"), ("bold", "DejaVuSans-Bold.ttf")]:
        path = DEJAVU / name
        if path.exists():
            faces.append({"weight": weight, "url": path.as_uri()})
    return faces


def _is_local_font(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme != "file" or parsed.netloc not in ("", "localhost"):
        return False
    path = Path(unquote(parsed.path)).resolve()
    return any(path.is_relative_to(d) for d in FONT_DIRS)


def local_url_fetcher():
    """A WeasyPrint URL fetcher that refuses every network address: only local font files
    and data: URLs are fetched."""
    from weasyprint.urls import URLFetcher

    class LocalOnlyFetcher(URLFetcher):
        def __init__(self):
            super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)

        def fetch(self, url, headers=None):
            if not (url.startswith("data:") or _is_local_font(url)):
                raise ValueError(f"Refused to fetch {url!r}: only local files are allowed")
            return super().fetch(url, headers)

    return LocalOnlyFetcher()


def coverage_pdf_html(request, report: Coverage) -> str:
    return render_to_string(
        "plans/exports/coverage/coverage_pdf.html",
        {
            "coverage": report,
            "filters": filter_summary(report),
            "gaps": gap_lines(report),
            "fonts": font_faces(),
            "generated_at": timezone.localtime(),
        },
        request=request,
    )


def coverage_pdf_bytes(request, report: Coverage) -> bytes:
    from weasyprint import HTML

    html = coverage_pdf_html(request, report)
    return HTML(string=html, url_fetcher=local_url_fetcher()).write_pdf()
