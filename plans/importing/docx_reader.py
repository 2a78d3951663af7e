"""Reading a plan from a Word table in the seed's layout.

The table's header row names the columns «№ п/п», «Соц. партнёр», «Характеристика
взаимодействия», «Формы взаимодействия», «Период» (found by the words in them, in any order;
№ and the characteristic are optional). A row whose partner cell ends with a colon and whose
other cells are empty («Образовательные организации:») starts a group; rows before the first
group are internal partners. The rows are kept in the document's order.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from plans.importing.cells import align_periods, split_activities, split_periods
from plans.importing.columns import (
    EXPECTED_DOCX_COLUMNS,
    match_columns,
    unread_columns,
    unread_warning,
)
from plans.importing.parsed import (
    MAX_ROWS,
    ParsedActivity,
    ParsedPlan,
    ParsedRow,
    PlanImportError,
    clean_text,
    unit_genitive_from,
)

_LEADING_NUMBER = re.compile(r"^\s*\d{1,3}\s*[.)]?\s*")
# The columns a Word table's reader reads; any other is named in the report.
DOCX_ROLES = frozenset({"number", "partner", "characteristic", "activity", "forms", "period"})


def _cell_text(cell) -> str:
    return "\n".join(paragraph.text for paragraph in cell.paragraphs)


def _row_cells(row) -> list:
    try:
        return list(row.cells)
    except Exception:  # python-docx refuses some irregular merges
        return []


def _is_plan_header(columns) -> bool:
    return {"partner", "forms", "period"} <= columns.keys() or (
        {"partner", "activity", "period"} <= columns.keys()
    )


def _find_table(document):
    """The first table with a recognisable header row in its first three rows."""
    first_texts = None
    for table in document.tables:
        for header_index, row in enumerate(table.rows[:3]):
            texts = [clean_text(_cell_text(c)) for c in _row_cells(row)]
            if first_texts is None:
                first_texts = texts
            columns = match_columns(texts)
            columns = {role: i for role, i in columns.items() if role in DOCX_ROLES}
            if _is_plan_header(columns):
                return table, header_index, columns, texts
    found = ", ".join(t for t in (first_texts or []) if t) or "—"
    raise PlanImportError(
        _("The table does not have the expected columns (%(expected)s). "
          "The first line of the table reads: %(found)s.")
        % {"expected": EXPECTED_DOCX_COLUMNS, "found": found}
    )


def _open(fileobj):
    import docx

    try:
        return docx.Document(fileobj)
    except Exception:  # a zip that is not a Word document, or a damaged one
        raise PlanImportError(
            _("The file is not a readable Word document (.docx). Open it in Word and save it "
              "again as .docx.")
        ) from None


def read_docx(fileobj) -> ParsedPlan:
    """The plan in a checked .docx (see :func:`partners.archives.check_office_archive`)."""
    document = _open(fileobj)
    if not document.tables:
        raise PlanImportError(_("The document has no table. The plan must be a table with the "
                                "columns %(expected)s.") % {"expected": EXPECTED_DOCX_COLUMNS})
    table, header_index, columns, header = _find_table(document)
    plan = ParsedPlan(
        kind="docx", rows=[],
        unit_genitive=unit_genitive_from(p.text for p in document.paragraphs[:200]),
    )
    if len(document.tables) > 1:
        plan.warnings.append(_("The document has %(count)s tables; only the plan's table was "
                               "read.") % {"count": len(document.tables)})
    unread = unread_columns(header, columns)
    if unread:
        plan.warnings.append(unread_warning(unread))
    _read_rows(plan, table.rows[header_index + 1 :], columns)
    return plan


def _read_rows(plan: ParsedPlan, rows, columns) -> None:
    line = 0
    for row in rows:
        cells = _row_cells(row)
        if not cells:
            line += 1
            plan.warnings.append(_("Line %(line)s could not be read and was skipped.")
                                 % {"line": line})
            continue
        texts = _row_texts(cells, columns)
        if not any(text.strip() for role, text in texts.items() if role != "number"):
            continue  # a blank line
        line += 1
        if line > MAX_ROWS:
            raise PlanImportError(_("The table has more than %(max)s lines.") % {"max": MAX_ROWS})
        parsed = _parse_row(line, texts, columns)
        if not parsed.partner and parsed.kind == "row":
            if plan.rows and plan.rows[-1].kind == "row":
                _continue_row(plan.rows[-1], parsed)
                continue
            parsed.warnings.append(_("The partner's cell is empty."))
        plan.rows.append(parsed)


def _parse_row(line: int, texts: dict[str, str], columns) -> ParsedRow:
    partner = clean_text(texts.get("partner", ""))
    characteristic = clean_text(texts.get("characteristic", ""))
    activity_text = texts.get("activity", texts.get("forms", ""))
    period_text = texts.get("period", "")
    if partner.endswith(":") and not (
        characteristic or activity_text.strip() or period_text.strip()
    ):
        return ParsedRow(line=line, kind="heading", partner=partner.rstrip(": "))
    activities = split_activities(activity_text)
    periods = split_periods(period_text)
    given, method = align_periods(activities, periods)
    parsed = ParsedRow(line=line, kind="row", partner=partner, characteristic=characteristic)
    forms = []
    if "activity" in columns and "forms" in columns:
        forms = [t for _l, t in split_activities(texts.get("forms", ""))]
    for position, ((_line, title), period_texts) in enumerate(
        zip(activities, given, strict=True)
    ):
        form = forms[position] if len(forms) == len(activities) else ""
        parsed.activities.append(ParsedActivity(title=title, periods=period_texts, form=form))
    if method == "orphan":
        parsed.unplaced_periods = [text for _l, text in periods]
    elif method == "spread":
        parsed.warnings.append(
            _("%(periods)s periods for %(activities)s activities: they were given out in "
              "order — check them.")
            % {"periods": len(periods), "activities": len(activities)}
        )
    return parsed


def _row_texts(cells, columns: dict[str, int]) -> dict[str, str]:
    """The text of each column of a table row; a cell merged into the partner's cell (a
    heading spread over the row) counts once, for the partner."""
    partner_cell = cells[columns["partner"]] if columns["partner"] < len(cells) else None
    partner_tc = partner_cell._tc if partner_cell is not None else None
    texts = {}
    for role, index in columns.items():
        if index >= len(cells) or role != "partner" and cells[index]._tc is partner_tc:
            texts[role] = ""
        else:
            texts[role] = _cell_text(cells[index])
    number = columns.get("number")
    if number is not None and number < len(cells) and cells[number]._tc is partner_tc:
        texts["partner"] = _LEADING_NUMBER.sub("", texts.get("partner", ""))  # «8. Группа:»
    return texts


def _continue_row(previous: ParsedRow, parsed: ParsedRow) -> None:
    """A line with an empty partner cell continues the row above it."""
    if parsed.characteristic and parsed.characteristic not in previous.characteristic:
        previous.characteristic = clean_text(f"{previous.characteristic} {parsed.characteristic}")
    previous.activities.extend(parsed.activities)
    previous.warnings.extend(parsed.warnings)
    previous.unplaced_periods.extend(parsed.unplaced_periods)
    for direction in parsed.directions:
        if direction not in previous.directions:
            previous.directions.append(direction)
