"""Import an annual plan from a Word table in the seed's layout, or from our own XLSX export.

Reading (:func:`read_plan_file`) turns a file into a :class:`ParsedPlan` without touching the
database; :func:`import_plan` matches it to the registry and writes it (or, for a dry run, does
everything inside a transaction that is rolled back, so the report is exactly what a real import
would do).

The Word layout (seed 000): a table whose header row names the columns «№ п/п», «Соц. партнёр»,
«Характеристика взаимодействия», «Формы взаимодействия», «Период» (found by the words in them,
in any order; № and the characteristic are optional).

* A row whose partner cell ends with a colon and whose other cells are empty
  («Образовательные организации:») starts a group: the category is matched by its name or its
  heading in the plan, and created as an external category when new. A row with nothing but a
  category's name is a heading as well, unless a partner has that name.
* Rows before the first heading are internal partners.
* The forms cell holds one activity per line (paragraph or line break). A line laid out with
  runs of spaces (three or more, or a tab) is split at them, as the period cell is, and such a
  line is also split into its sentences outside quotes («Изготовление сувениров к праздникам.
  Выставка работ воспитанников» is two activities). Bullets and numbers before a line are
  dropped.
* The period cell is split by :func:`plans.periods.split_period_lines` and each part parsed by
  :func:`plans.periods.parse_period`. Periods are given to the activities:

  - as many periods as activities: line by line;
  - one period: to every activity of the row;
  - fewer periods, each on the line of an activity: each period from that activity on;
  - otherwise in order, in blocks as even as possible (the earlier blocks take the extra
    activities, or the extra periods, which then merge into one period when they can); the row
    is listed in the report to be checked.

  A period that is not understood is kept as the activity's note and listed in the report.
* Partners are matched to the registry by name or short name, ignoring case, quotes, «№»,
  punctuation and spacing, and created when missing (in the category of their group).

The XLSX layout is our export's: one line per activity under a header row with (some of)
«№», «Соц. партнёр», «Категория», «Уровень», «Направления», «Характеристика взаимодействия»,
«Мероприятие», «Форма взаимодействия», «Период», «Ответственный», «Примечание», «Участники»,
«Результат» and month columns (ignored: «Период» holds the same). Consecutive lines of one
partner make one row; an empty partner cell continues the row above. Without a «Мероприятие»
column, the «Формы взаимодействия» column holds the activities, as in Word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from partners import uploads
from partners.models import Category, Direction, Institution, InteractionForm, Partner, Tier, Unit
from partners.services import PartnerIndex, normalise_name
from plans.models import Activity, Plan, PlanRow
from plans.periods import Period, parse_period, split_period_lines

MAX_ROWS = 2000
MAX_ACTIVITIES_PER_ROW = 200
INTERNAL_FALLBACK_CATEGORY = "Прочие внутренние партнёры"


class PlanImportError(Exception):
    """The file cannot be imported at all; the message is for the user (in Russian).

    ``field`` names the form field the message belongs next to ("file", or None for the form).
    """

    def __init__(self, message, field: str | None = "file"):
        super().__init__(message)
        self.field = field


# --------------------------------------------------------------------------- parsed data


@dataclass
class ParsedActivity:
    title: str
    periods: list[str] = field(default_factory=list)  # usually one; several merge into one
    form: str = ""
    responsible: str = ""
    note: str = ""
    participants: str = ""
    result: str = ""


@dataclass
class ParsedRow:
    line: int  # the table's line (header not counted), for the report
    kind: str  # "heading" or "row"
    partner: str
    category: str = ""
    tier: str = ""
    characteristic: str = ""
    directions: list[str] = field(default_factory=list)
    activities: list[ParsedActivity] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unplaced_periods: list[str] = field(default_factory=list)

    @property
    def has_content(self) -> bool:
        return bool(self.characteristic or self.activities or self.directions)


@dataclass
class ParsedPlan:
    kind: str  # "docx" or "xlsx"
    rows: list[ParsedRow]
    warnings: list[str] = field(default_factory=list)
    # The unit as the title names it: «…план работы <творческого объединения «X»> с…».
    unit_genitive: str = ""


_TITLE = re.compile(r"план\s+работы\s+(.+?)\s+с\s+социальными\s+партн", re.IGNORECASE)


def unit_genitive_from(texts) -> str:
    for text in texts:
        match = _TITLE.search(clean_text(text))
        if match:
            return clean_text(match.group(1))[:250]
    return ""


# --------------------------------------------------------------------------- headers

# Column roles and the words that name them (checked in this order; the first match wins).
_COLUMN_WORDS = [
    ("number", ("№", "п п", "n п")),
    ("partner", ("партн",)),
    ("category", ("категор",)),
    ("tier", ("уровень",)),
    ("directions", ("направлен",)),
    ("characteristic", ("характер",)),
    ("activity", ("мероприят",)),
    ("forms", ("форм",)),
    ("period", ("период", "срок")),
    ("responsible", ("ответствен",)),
    ("note", ("примечан",)),
    ("participants", ("участник",)),
    ("result", ("результат",)),
]


def match_columns(texts: list[str]) -> dict[str, int]:
    """Which column holds what, from the header texts; each role once, the first column wins."""
    columns: dict[str, int] = {}
    for index, text in enumerate(texts):
        raw = (text or "").lower()
        norm = normalise_name(text or "")
        for role, words in _COLUMN_WORDS:
            if role in columns:
                continue
            if any((word in raw) if word == "№" else (word in norm) for word in words):
                columns[role] = index
                break
    return columns


EXPECTED_DOCX_COLUMNS = "№ п/п, Соц. партнёр, Характеристика взаимодействия, " \
    "Формы взаимодействия, Период"


# --------------------------------------------------------------------------- cell splitting

_LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
_BULLET = re.compile(r"^(?:[-–—•·*▪●○◦]|\d{1,2}[.)])\s+")
_LEADING_NUMBER = re.compile(r"^\s*\d{1,3}\s*[.)]?\s*")
_OPENING = "«(“„"
_CLOSING = {"«": "»", "(": ")", "“": "”", "„": "“"}


def clean_text(text: str) -> str:
    return " ".join((text or "").split())


def _split_sentences(text: str) -> list[str]:
    """Split at «. », «! », «? » before a capital letter, outside quotes and parentheses."""
    parts, start, stack, quote_open = [], 0, [], False
    for index, char in enumerate(text):
        if stack and char == _CLOSING[stack[-1]]:
            stack.pop()
        elif char in _OPENING:
            stack.append(char)
        elif char == '"':
            quote_open = not quote_open
        elif char in ".!?" and not stack and not quote_open:
            rest = text[index + 1 :]
            stripped = rest.lstrip()
            if stripped and rest[:1].isspace() and stripped[0].isupper():
                parts.append(text[start : index + 1])
                start = index + 1
    parts.append(text[start:])
    return [clean_text(part) for part in parts if clean_text(part)]


def split_activities(cell_text: str) -> list[tuple[int, str]]:
    """The activities of a forms cell, each with the index of the line it starts on."""
    items = []
    for index, line in enumerate(_LINE_BREAK.split(cell_text or "")):
        pieces = split_period_lines(line)
        laid_out = len(pieces) > 1
        for piece in pieces:
            for title in _split_sentences(piece) if laid_out else [clean_text(piece)]:
                title = _BULLET.sub("", title).strip()
                if title:
                    items.append((index, title))
    return items


def split_periods(cell_text: str) -> list[tuple[int, str]]:
    """The periods of a period cell, each with the index of its line."""
    items = []
    for index, line in enumerate(_LINE_BREAK.split(cell_text or "")):
        for piece in split_period_lines(line):
            items.append((index, clean_text(piece)))
    return items


def _blocks(count: int, parts: int) -> list[int]:
    """Sizes of ``parts`` contiguous blocks over ``count`` items, the earlier ones larger."""
    return [count // parts + (1 if k < count % parts else 0) for k in range(parts)]


def align_periods(
    activities: list[tuple[int, str]], periods: list[tuple[int, str]]
) -> tuple[list[list[str]], str]:
    """Give the periods to the activities: one list of period texts per activity, and how.

    The method is "none" (no periods), "orphan" (periods but no activities), "line",
    "single", "position", "merged" (one activity, several periods) or "spread" (to check).
    """
    count, period_count = len(activities), len(periods)
    texts = [text for _line, text in periods]
    if period_count == 0:
        return [[] for _a in activities], "none"
    if count == 0:
        return [], "orphan"
    if period_count == count:
        return [[text] for text in texts], "line"
    if period_count == 1:
        return [[texts[0]] for _a in activities], "single"
    if count == 1:
        return [texts], "merged"
    if period_count < count:
        activity_lines = [line for line, _t in activities]
        period_lines = [line for line, _t in periods]
        if (
            len(set(period_lines)) == period_count
            and len(set(activity_lines)) == count
            and set(period_lines) <= set(activity_lines)
            and period_lines[0] == activity_lines[0]
        ):
            by_line = dict(periods)
            result, current = [], None
            for line, _title in activities:
                current = by_line.get(line, current)
                result.append([current])
            return result, "position"
        result = []
        for text, size in zip(texts, _blocks(count, period_count), strict=True):
            result.extend([[text]] * size)
        return result, "spread"
    result, position = [], 0
    for size in _blocks(period_count, count):
        result.append(texts[position : position + size])
        position += size
    return result, "spread"


# --------------------------------------------------------------------------- reading DOCX


def _cell_text(cell) -> str:
    return "\n".join(paragraph.text for paragraph in cell.paragraphs)


def _row_cells(row) -> list:
    try:
        return list(row.cells)
    except Exception:  # python-docx refuses some irregular merges
        return []


def _find_docx_table(document):
    """The first table with a recognisable header row in its first three rows."""
    first_texts = None
    for table in document.tables:
        for header_index, row in enumerate(table.rows[:3]):
            texts = [clean_text(_cell_text(c)) for c in _row_cells(row)]
            if first_texts is None:
                first_texts = texts
            columns = match_columns(texts)
            if {"partner", "forms", "period"} <= columns.keys() or (
                {"partner", "activity", "period"} <= columns.keys()
            ):
                return table, header_index, columns
    found = ", ".join(t for t in (first_texts or []) if t) or "—"
    raise PlanImportError(
        _("The table does not have the expected columns (%(expected)s). "
          "The first line of the table reads: %(found)s.")
        % {"expected": EXPECTED_DOCX_COLUMNS, "found": found}
    )


def _open_docx(fileobj):
    import docx

    uploads.check_zip(fileobj)
    try:
        return docx.Document(fileobj)
    except Exception:  # a zip that is not a Word document, or a damaged one
        raise PlanImportError(
            _("The file is not a readable Word document (.docx). Open it in Word and save it "
              "again as .docx.")
        ) from None


def read_docx(fileobj) -> ParsedPlan:
    document = _open_docx(fileobj)
    if not document.tables:
        raise PlanImportError(_("The document has no table. The plan must be a table with the "
                                "columns %(expected)s.") % {"expected": EXPECTED_DOCX_COLUMNS})
    table, header_index, columns = _find_docx_table(document)
    plan = ParsedPlan(
        kind="docx", rows=[],
        unit_genitive=unit_genitive_from(p.text for p in document.paragraphs[:200]),
    )
    if len(document.tables) > 1:
        plan.warnings.append(_("The document has %(count)s tables; only the plan's table was "
                               "read.") % {"count": len(document.tables)})
    line = 0
    for row in table.rows[header_index + 1 :]:
        cells = _row_cells(row)
        if not cells:
            line += 1
            plan.warnings.append(_("Line %(line)s could not be read and was skipped.")
                                 % {"line": line})
            continue
        texts = _row_texts(cells, columns)
        partner = clean_text(texts.get("partner", ""))
        characteristic = clean_text(texts.get("characteristic", ""))
        activity_text = texts.get("activity", texts.get("forms", ""))
        period_text = texts.get("period", "")
        if not (partner or characteristic or activity_text.strip() or period_text.strip()):
            continue  # a blank line
        line += 1
        if line > MAX_ROWS:
            raise PlanImportError(_("The table has more than %(max)s lines.") % {"max": MAX_ROWS})
        if partner.endswith(":") and not (
            characteristic or activity_text.strip() or period_text.strip()
        ):
            plan.rows.append(ParsedRow(line=line, kind="heading", partner=partner.rstrip(": ")))
            continue
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
        if not partner:
            if plan.rows and plan.rows[-1].kind == "row":
                _continue_row(plan.rows[-1], parsed)
                continue
            parsed.warnings.append(_("The partner's cell is empty."))
        plan.rows.append(parsed)
    return plan


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


# --------------------------------------------------------------------------- reading XLSX


def _xlsx_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_xlsx(fileobj) -> ParsedPlan:
    import openpyxl

    uploads.check_zip(fileobj)
    try:
        book = openpyxl.load_workbook(fileobj, read_only=True, data_only=True)
    except Exception:
        raise PlanImportError(
            _("The file is not a readable Excel workbook (.xlsx). Open it in Excel and save it "
              "again as .xlsx.")
        ) from None
    try:
        for sheet in book.worksheets:
            rows = sheet.iter_rows(values_only=True)
            for _position, values in zip(range(15), rows, strict=False):
                texts = [_xlsx_value(v) for v in values]
                columns = match_columns(texts)
                if "partner" in columns and ({"activity", "forms"} & columns.keys()):
                    return _read_xlsx_rows(columns, rows)
        raise PlanImportError(
            _("The workbook has no table with the expected columns (Соц. партнёр, Мероприятие "
              "or Формы взаимодействия, Период).")
        )
    finally:
        book.close()


def _read_xlsx_rows(columns: dict[str, int], rows) -> ParsedPlan:
    activity_column = columns.get("activity", columns.get("forms"))
    form_column = columns.get("forms") if "activity" in columns else None
    plan = ParsedPlan(kind="xlsx", rows=[])
    line = 0
    current: ParsedRow | None = None

    def get(values, index):
        if index is None or index >= len(values):
            return ""
        return _xlsx_value(values[index])

    for values in rows:
        values = list(values)
        partner = clean_text(get(values, columns.get("partner")))
        title = clean_text(get(values, activity_column))
        other = {
            role: get(values, columns.get(role))
            for role in ("category", "tier", "directions", "characteristic", "period",
                         "responsible", "note", "participants", "result")
        }
        form = clean_text(get(values, form_column))
        if not (partner or title or form or any(other.values())):
            continue
        line += 1
        if line > MAX_ROWS * 10:
            raise PlanImportError(_("The table has more than %(max)s lines.")
                                  % {"max": MAX_ROWS * 10})
        content = title or form or other["characteristic"] or other["period"]
        if partner.endswith(":") and not content:
            plan.rows.append(ParsedRow(line=line, kind="heading", partner=partner.rstrip(": ")))
            current = None
            continue
        directions = [clean_text(d) for d in re.split(r"[,;\n]", other["directions"]) if d.strip()]
        if not partner or (
            current is not None and normalise_name(partner) == normalise_name(current.partner)
        ):
            if current is None:
                plan.warnings.append(_("Line %(line)s has no partner and was skipped.")
                                     % {"line": line})
                continue
        else:
            current = ParsedRow(
                line=line, kind="row", partner=partner, category=clean_text(other["category"]),
                tier=clean_text(other["tier"]),
            )
            plan.rows.append(current)
        if other["characteristic"] and not current.characteristic:
            current.characteristic = other["characteristic"].strip()
        for direction in directions:
            if direction not in current.directions:
                current.directions.append(direction)
        if title or other["period"] or form:
            if not title:
                title = form
            period = other["period"].strip()
            current.activities.append(
                ParsedActivity(
                    title=title, periods=[period] if period else [], form=form,
                    responsible=clean_text(other["responsible"]), note=other["note"].strip(),
                    participants=clean_text(other["participants"]),
                    result=other["result"].strip(),
                )
            )
    return plan


# --------------------------------------------------------------------------- any file


def read_plan_file(fileobj, name: str = "") -> ParsedPlan:
    """Read a .docx or .xlsx plan; the type is told by the content, the name only helps."""
    from django.core.exceptions import ValidationError

    try:
        uploads.check_size(fileobj)
    except ValidationError as error:
        raise PlanImportError(error.messages[0]) from None
    kind = uploads.sniff_file(fileobj)
    if kind == uploads.OLE:
        raise PlanImportError(
            _("The file is protected by a password or saved in the old Word/Excel format "
              "(.doc, .xls). Remove the password and save it as .docx or .xlsx.")
        )
    if kind != uploads.ZIP:
        raise PlanImportError(
            _("This file is neither a Word document (.docx) nor an Excel workbook (.xlsx).")
        )
    try:
        import zipfile

        fileobj.seek(0)
        with zipfile.ZipFile(fileobj) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise PlanImportError(_("The file is damaged and cannot be read.")) from None
    finally:
        fileobj.seek(0)
    try:
        if "word/document.xml" in names:
            parsed = read_docx(fileobj)
        elif "xl/workbook.xml" in names or Path(name).suffix.lower() == ".xlsx":
            parsed = read_xlsx(fileobj)
        else:
            parsed = read_docx(fileobj)
    except ValidationError as error:
        raise PlanImportError(error.messages[0]) from None
    if not any(row.kind == "row" for row in parsed.rows):
        raise PlanImportError(_("The plan's table has no partners."))
    return parsed


# --------------------------------------------------------------------------- years, units


def parse_year(text: str) -> int:
    """«2026/2027», «2026-2027», «2026/27» or «2026» → 2026."""
    match = re.fullmatch(r"\s*(\d{4})\s*(?:[/\-–—]\s*(\d{2}|\d{4}))?\s*(?:г\.?|гг\.?)?\s*",
                         text or "")
    if not match:
        raise PlanImportError(_("Write the academic year as 2026/2027."))
    start = int(match.group(1))
    if match.group(2):
        end = int(match.group(2))
        if end < 100:
            end += start // 100 * 100
        if end != start + 1:
            raise PlanImportError(_("An academic year runs over two years in a row, e.g. "
                                    "2026/2027."))
    if not 2000 <= start <= 2100:
        raise PlanImportError(_("Write the academic year as 2026/2027."))
    return start


def find_unit(name: str) -> Unit | None:
    unit = Unit.objects.filter(name=name.strip()).first()
    if unit is not None:
        return unit
    key = normalise_name(name)
    for candidate in Unit.objects.all():
        if normalise_name(candidate.name) == key:
            return candidate
    return None


def new_unit(name: str, genitive: str = "") -> Unit:
    institution = Institution.objects.order_by("pk").first()
    if institution is None:
        raise PlanImportError(_("There is no institution yet to add the unit to."), field=None)
    order = (Unit.objects.aggregate(m=Max("order"))["m"] or 0) + 1
    return Unit.objects.create(
        institution=institution, kind=Unit.Kind.ASSOCIATION, name=clean_text(name)[:200],
        name_genitive=genitive, order=order,
    )


# --------------------------------------------------------------------------- the report


@dataclass
class ReportActivity:
    title: str
    period: str
    form: str
    recognised: bool


@dataclass
class ReportLine:
    line: int
    kind: str  # "heading" or "row"
    text: str  # as in the file
    name: str = ""  # the partner or category it became
    category: str = ""
    created: bool = False
    characteristic: str = ""
    directions: list[str] = field(default_factory=list)
    activities: list[ReportActivity] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    unit: str
    year: str
    dry_run: bool
    kind: str
    plan_id: int | None = None
    unit_created: bool = False
    lines: list[ReportLine] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # what was not recognised
    created_partners: list[str] = field(default_factory=list)
    created_categories: list[str] = field(default_factory=list)
    created_other: list[str] = field(default_factory=list)

    @property
    def row_count(self) -> int:
        return sum(line.kind == "row" for line in self.lines)

    @property
    def heading_count(self) -> int:
        return sum(line.kind == "heading" for line in self.lines)

    @property
    def activity_count(self) -> int:
        return sum(len(line.activities) for line in self.lines)

    @property
    def period_count(self) -> int:
        return sum(bool(a.period) for line in self.lines for a in line.activities)

    @property
    def unrecognised_period_count(self) -> int:
        return sum(
            not a.recognised for line in self.lines for a in line.activities
        )

    def as_text(self) -> str:
        out = [
            _("Plan of %(unit)s for %(year)s (%(kind)s)") % {
                "unit": self.unit, "year": self.year, "kind": self.kind.upper()},
            _("Lines: %(rows)s partners, %(headings)s group headings; activities: "
              "%(activities)s; with a period: %(periods)s.") % {
                "rows": self.row_count, "headings": self.heading_count,
                "activities": self.activity_count, "periods": self.period_count},
        ]
        for line in self.lines:
            if line.kind == "heading":
                out.append(f"{line.line}. [{line.name}]" + (" +" if line.created else ""))
                continue
            mark = " +" if line.created else ""
            out.append(f"{line.line}. {line.name}{mark}")
            for activity in line.activities:
                flag = "" if activity.recognised else " ?"
                out.append(f"    - {activity.title} — {activity.period or '—'}{flag}")
            for warning in line.warnings:
                out.append(f"    ! {warning}")
        if self.created_partners:
            out.append(_("New partners: %(names)s") % {"names": "; ".join(self.created_partners)})
        if self.created_categories:
            out.append(_("New categories: %(names)s")
                       % {"names": "; ".join(self.created_categories)})
        if self.created_other:
            out.append(_("Also added: %(names)s") % {"names": "; ".join(self.created_other)})
        if self.problems:
            out.append(_("Not recognised:"))
            out.extend(f"  - {problem}" for problem in self.problems)
        else:
            out.append(_("Everything was recognised."))
        return "\n".join(out)


# --------------------------------------------------------------------------- importing


def merge_periods(texts: list[str]) -> tuple[Period, list[str]]:
    """One period from several texts, and the texts that were not understood."""
    months: set[int] = set()
    frequencies, notes, unknown = [], [], []
    for text in texts:
        result = parse_period(text)
        if not result.recognised:
            unknown.append(text)
            notes.append(text)
            continue
        months |= result.period.months
        if result.period.frequency and result.period.frequency not in frequencies:
            frequencies.append(result.period.frequency)
        if result.period.note:
            notes.append(result.period.note)
    if len(frequencies) > 1:
        # Two different frequencies cannot be one period: keep the first, note the others.
        first = parse_period(texts[0]).period
        others = [t for t in texts[1:] if t not in unknown]
        note = "; ".join(n for n in [first.note, *others] if n)[:200]
        return Period(first.months, first.frequency, note), [*unknown, *others]
    note = "; ".join(notes)[:200]
    return Period(frozenset(months), frequencies[0] if frequencies else "", note), unknown


def _stem(word: str) -> str:
    return word[: max(4, len(word) - 2)]


class FormGuesser:
    """The form of interaction of an activity, from the stem of each form's first word."""

    def __init__(self):
        self.forms = list(InteractionForm.objects.all())
        self.by_name = {normalise_name(f.name): f for f in self.forms}
        self.stems = []
        for form in self.forms:
            words = normalise_name(form.name.replace("-", "_")).replace("_", "-").split()
            if words:
                self.stems.append((_stem(words[0]), form))

    def guess(self, title: str) -> InteractionForm | None:
        text = " " + clean_text(title).lower().replace("ё", "е").replace("–", "-") \
            .replace("—", "-")
        best = None
        for stem, form in self.stems:
            position = text.find(" " + stem)
            if position < 0:
                position = text.find("«" + stem)
            if position >= 0 and (best is None or position < best[0]):
                best = (position, form)
        return best[1] if best else None

    def named(self, name: str, report: ImportReport) -> InteractionForm | None:
        key = normalise_name(name)
        if not key:
            return None
        form = self.by_name.get(key)
        if form is None:
            order = (InteractionForm.objects.aggregate(m=Max("order"))["m"] or 0) + 1
            form = InteractionForm.objects.create(name=clean_text(name)[:150], order=order)
            self.by_name[key] = form
            report.created_other.append(_("form of interaction «%(name)s»") % {"name": form.name})
        return form


class _Registry:
    """Lookups of categories, directions and partners during one import."""

    def __init__(self, report: ImportReport):
        self.report = report
        self.partners = PartnerIndex()
        self.categories: dict[str, Category] = {}
        for category in Category.objects.all():
            self.categories.setdefault(normalise_name(category.name), category)
            if category.plan_heading:
                self.categories.setdefault(normalise_name(category.plan_heading), category)
        self.directions = {normalise_name(d.name): d for d in Direction.objects.all()}
        self.forms = FormGuesser()

    def category(self, name: str, tier: str = Tier.EXTERNAL) -> tuple[Category, bool]:
        key = normalise_name(name)
        category = self.categories.get(key)
        if category is not None:
            return category, False
        order = (Category.objects.aggregate(m=Max("order"))["m"] or 0) + 1
        category = Category.objects.create(name=clean_text(name)[:200], tier=tier, order=order)
        self.categories[key] = category
        self.report.created_categories.append(category.name)
        return category, True

    def known_category(self, name: str) -> Category | None:
        return self.categories.get(normalise_name(name))

    def direction(self, name: str) -> Direction:
        key = normalise_name(name)
        direction = self.directions.get(key)
        if direction is None:
            order = (Direction.objects.aggregate(m=Max("order"))["m"] or 0) + 1
            direction = Direction.objects.create(name=clean_text(name)[:100], order=order)
            self.directions[key] = direction
            self.report.created_other.append(_("direction «%(name)s»") % {"name": direction.name})
        return direction


def _tier_of(text: str) -> str:
    return Tier.INTERNAL if "внутр" in (text or "").lower() else Tier.EXTERNAL


def _to_int(text: str) -> int | None:
    text = (text or "").strip()
    return int(text) if text.isdigit() and len(text) < 9 else None


def _import_row(registry, plan, parsed, group, rows_by_partner, report, order) -> ReportLine:
    line = ReportLine(line=parsed.line, kind="row", text=parsed.partner,
                      warnings=list(parsed.warnings))
    partner = registry.partners.find(parsed.partner)
    if partner is None:
        if len(parsed.partner) > 300:
            raise PlanImportError(
                _("Line %(line)s: the partner's cell is too long to be a name.")
                % {"line": parsed.line}
            )
        if parsed.category:
            category, _new = registry.category(parsed.category, _tier_of(parsed.tier))
        elif group is not None:
            category = group
        else:
            category, _new = registry.category(INTERNAL_FALLBACK_CATEGORY, Tier.INTERNAL)
        similar = registry.partners.similar(parsed.partner, limit=2)
        partner = Partner.objects.create(name=parsed.partner, category=category)
        registry.partners.add(partner)
        line.created = True
        report.created_partners.append(partner.name)
        if similar:
            line.warnings.append(
                _("New partner; the registry has similar ones: %(names)s.")
                % {"names": ", ".join(f"«{s.partner.name}»" for s in similar)}
            )
    else:
        if not partner.is_active:
            line.warnings.append(_("The partner is archived in the registry."))
        if group is not None and partner.category_id != group.pk and not parsed.category:
            line.warnings.append(
                _("The file lists it under «%(group)s»; the registry keeps it in «%(category)s»,"
                  " and the plan shows it there.")
                % {"group": group.name, "category": partner.category.name}
            )
    line.name, line.category = partner.name, partner.category.name
    row = rows_by_partner.get(partner.pk)
    if row is None:
        row = PlanRow.objects.create(
            plan=plan, partner=partner, characteristic=parsed.characteristic[:2000], order=order
        )
        rows_by_partner[partner.pk] = row
        next_activity = 1
    else:
        line.warnings.append(_("The partner appears twice; its lines were joined."))
        if parsed.characteristic and parsed.characteristic not in row.characteristic:
            row.characteristic = clean_text(f"{row.characteristic} {parsed.characteristic}")[:2000]
            row.save()
        next_activity = row.activities.count() + 1
    if len(parsed.characteristic) > 2000:
        line.warnings.append(_("The characteristic was shortened to 2000 characters."))
    line.characteristic = row.characteristic
    directions = [registry.direction(name) for name in parsed.directions if normalise_name(name)]
    if directions:
        row.directions.add(*directions)
        line.directions = [d.name for d in directions]
    if len(parsed.activities) > MAX_ACTIVITIES_PER_ROW:
        raise PlanImportError(_("Line %(line)s has too many activities.") % {"line": parsed.line})
    for position, item in enumerate(parsed.activities, start=next_activity):
        period, unknown = merge_periods(item.periods)
        for text in unknown:
            report.problems.append(
                _("Line %(line)s, «%(activity)s»: the period «%(period)s» was not recognised; "
                  "it is kept as a note.")
                % {"line": parsed.line, "activity": item.title[:80], "period": text}
            )
        form = registry.forms.named(item.form, report) if item.form else (
            registry.forms.guess(item.title)
        )
        title = item.title
        if len(title) > 500:
            line.warnings.append(_("An activity's text was shortened to 500 characters."))
            title = title[:500]
        activity = Activity(
            row=row, title=title, form=form, order=position,
            responsible=item.responsible[:200], note=item.note[:2000],
            participants=_to_int(item.participants), result=item.result[:2000],
        )
        activity.period = period
        activity.save()
        line.activities.append(
            ReportActivity(title=title, period=period.text, form=form.name if form else "",
                           recognised=not unknown)
        )
    for text in parsed.unplaced_periods:
        report.problems.append(
            _("Line %(line)s: the period «%(period)s» has no activity and was not imported.")
            % {"line": parsed.line, "period": text}
        )
    for warning in line.warnings:
        if warning in parsed.warnings:
            report.problems.append(
                _("Line %(line)s («%(partner)s»): %(warning)s")
                % {"line": parsed.line, "partner": partner.name, "warning": warning}
            )
    return line


def import_plan(
    parsed: ParsedPlan, *, unit: Unit | None = None, unit_name: str = "", year: int,
    create_unit: bool = False, dry_run: bool = False,
) -> ImportReport:
    """Write the parsed plan as a new draft plan of ``unit`` for ``year``; all or nothing.

    With ``dry_run`` everything runs inside a transaction that is rolled back.
    """
    from plans.models import academic_year_label

    with transaction.atomic():
        unit_created = False
        if unit is None:
            unit = find_unit(unit_name)
            if unit is None:
                if not create_unit:
                    raise PlanImportError(
                        _("There is no unit «%(name)s». Check the name, or let the import "
                          "create it as a creative association.") % {"name": unit_name},
                        field=None,
                    )
                unit = new_unit(unit_name, parsed.unit_genitive)
                unit_created = True
        report = ImportReport(
            unit=unit.name, year=academic_year_label(year), dry_run=dry_run, kind=parsed.kind,
            unit_created=unit_created,
        )
        if unit_created:
            report.created_other.append(_("creative association «%(name)s»") % {"name": unit.name})
        plan = Plan.objects.select_for_update(of=("self",)).filter(unit=unit, year=year).first()
        if plan is not None and (plan.rows.exists() or not plan.is_editable):
            raise PlanImportError(
                _("%(unit)s already has a plan for %(year)s with rows in it. Import into another "
                  "year, or delete the rows of that plan first.")
                % {"unit": unit.name, "year": report.year},
                field=None,
            )
        if plan is None:
            plan = Plan.objects.create(unit=unit, year=year)
        registry = _Registry(report)
        report.problems.extend(parsed.warnings)
        group: Category | None = None
        rows_by_partner: dict[int, PlanRow] = {}
        order = 0
        for item in parsed.rows:
            if item.kind == "row" and not item.has_content and not item.unplaced_periods:
                known = registry.known_category(item.partner)
                if known is not None and registry.partners.find(item.partner) is None:
                    item = ParsedRow(line=item.line, kind="heading", partner=item.partner)
            if item.kind == "heading":
                category, created = registry.category(item.partner)
                group = category
                report.lines.append(
                    ReportLine(line=item.line, kind="heading", text=item.partner,
                               name=category.heading, category=category.name, created=created)
                )
                continue
            if not item.partner:
                report.problems.append(
                    _("Line %(line)s has no partner and was skipped.") % {"line": item.line}
                )
                continue
            order += 1
            report.lines.append(
                _import_row(registry, plan, item, group, rows_by_partner, report, order)
            )
        report.plan_id = plan.pk
        if dry_run:
            transaction.set_rollback(True)
            report.plan_id = None
    return report
