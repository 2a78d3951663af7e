"""Reading a plan from a workbook in our export's layout (the XLSX contract).

One line per activity under a header row with (some of) «№», «Соц. партнёр», «Категория»,
«Уровень», «Направления», «Характеристика взаимодействия», «Мероприятие», «Форма
взаимодействия», «Период», «Ответственный», «Примечание», «Участники», «Результат»; the month
and frequency columns repeat «Период» and are skipped; any other column is named in the report.
Consecutive lines of one partner make one row; an empty partner cell continues the row above;
a partner's line with empty activity cells is a row without activities. Without a
«Мероприятие» column, the «Формы взаимодействия» column holds the activities.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from partners.naming import normalise_name
from plans.importing.columns import (
    EXPECTED_XLSX_COLUMNS,
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
)

HEADER_WITHIN = 15  # lines a sheet may have above its header (a title, say)
FIELDS = ("category", "tier", "directions", "characteristic", "period", "responsible", "note",
          "participants", "result")
ACTIVITY_FIELDS = ("period", "responsible", "note", "participants", "result")


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _open(fileobj):
    import openpyxl

    try:
        return openpyxl.load_workbook(fileobj, read_only=True, data_only=True)
    except Exception:
        raise PlanImportError(
            _("The file is not a readable Excel workbook (.xlsx). Open it in Excel and save it "
              "again as .xlsx.")
        ) from None


def read_xlsx(fileobj) -> ParsedPlan:
    """The plan in a checked .xlsx (see :func:`partners.archives.check_office_archive`)."""
    book = _open(fileobj)
    try:
        for sheet in book.worksheets:
            rows = sheet.iter_rows(values_only=True)
            for _position, values in zip(range(HEADER_WITHIN), rows, strict=False):
                texts = [cell_text(v) for v in values]
                columns = match_columns(texts)
                if "partner" in columns and ({"activity", "forms"} & columns.keys()):
                    return _read_table(texts, columns, rows)
    except PlanImportError:
        raise
    except Exception:  # defusedxml's refusals, broken sheets
        raise PlanImportError(_("The file is damaged and cannot be read.")) from None
    finally:
        book.close()
    raise PlanImportError(
        _("The workbook has no table with the expected columns (%(expected)s).")
        % {"expected": EXPECTED_XLSX_COLUMNS}
    )


class _Columns:
    def __init__(self, columns: dict[str, int]):
        self.columns = columns
        self.activity = columns.get("activity", columns.get("forms"))
        self.form = columns.get("forms") if "activity" in columns else None

    def get(self, values, index) -> str:
        if index is None or index >= len(values):
            return ""
        return cell_text(values[index])

    def line(self, values) -> dict[str, str]:
        texts = {role: self.get(values, self.columns.get(role)) for role in FIELDS}
        texts["partner"] = clean_text(self.get(values, self.columns.get("partner")))
        texts["title"] = self.get(values, self.activity)
        texts["form"] = clean_text(self.get(values, self.form))
        return texts


def _read_table(header: list[str], columns: dict[str, int], rows) -> ParsedPlan:
    plan = ParsedPlan(kind="xlsx", rows=[])
    unread = unread_columns(header, columns)
    if unread:
        plan.warnings.append(unread_warning(unread))
    reader = _Columns(columns)
    line, current = 0, None
    for values in rows:
        texts = reader.line(list(values))
        if not any(texts.values()):
            continue
        line += 1
        if line > MAX_ROWS * 10:
            raise PlanImportError(_("The table has more than %(max)s lines.")
                                  % {"max": MAX_ROWS * 10})
        current = _read_line(plan, line, texts, current)
    if reader.form is not None:  # the file says each activity's form, or that it has none
        for activity in (a for row in plan.rows for a in row.activities):
            activity.guess_form = False
    return plan


def _read_line(plan: ParsedPlan, line: int, texts: dict, current: ParsedRow | None):
    """Add one line to the plan; return the row that the next line may continue."""
    partner = texts["partner"]
    content = texts["title"] or texts["form"] or texts["characteristic"] or texts["period"]
    if partner.endswith(":") and not (content or texts["category"]):
        plan.rows.append(ParsedRow(line=line, kind="heading", partner=partner.rstrip(": ")))
        return None
    continues = current is not None and (
        not partner or normalise_name(partner) == normalise_name(current.partner)
    )
    if not continues:
        if not partner:
            plan.warnings.append(_("Line %(line)s has no partner and was skipped.")
                                 % {"line": line})
            return None
        current = ParsedRow(line=line, kind="row", partner=partner,
                            category=clean_text(texts["category"]),
                            tier=clean_text(texts["tier"]))
        plan.rows.append(current)
    _add_row_cells(current, texts)
    _add_activity(plan, line, current, texts)
    return current


def _add_row_cells(row: ParsedRow, texts: dict) -> None:
    characteristic = texts["characteristic"]
    if characteristic and characteristic not in row.characteristic:
        row.characteristic = f"{row.characteristic} {characteristic}".strip()
    for direction in re.split(r"[,;\n]", texts["directions"]):
        direction = clean_text(direction)
        if direction and direction not in row.directions:
            row.directions.append(direction)


def _add_activity(plan: ParsedPlan, line: int, row: ParsedRow, texts: dict) -> None:
    title = texts["title"] or texts["form"]
    if not title:
        if any(texts[name] for name in ACTIVITY_FIELDS):
            plan.warnings.append(
                _("Line %(line)s has no activity, only its other cells; they were not "
                  "imported.") % {"line": line}
            )
        return
    period = texts["period"]
    row.activities.append(
        ParsedActivity(
            title=title, periods=[period] if period else [], form=texts["form"],
            responsible=texts["responsible"], note=texts["note"],
            participants=clean_text(texts["participants"]), result=texts["result"],
        )
    )
