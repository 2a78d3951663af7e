"""Periods of plan activities («Период»): data, printing and parsing.

The package's modules: :mod:`.frequency` (:class:`Frequency`), :mod:`.months` (month names,
academic order), :mod:`.model` (:class:`Period`), :mod:`.text` (printing), :mod:`.parsing`
(reading text and Word cells), :mod:`.working_year` (the month arithmetic of coverage) and
:mod:`.expectations` (planned against held: expected, held and overdue occurrences). Import
from ``plans.periods`` itself: every public name is here.

A period is stored as data: a set of calendar months (1..12), a frequency
(:class:`Frequency`) and a free note.  Either part may be missing, but a period
is *valid* only when it has months or a frequency.

Printing (:func:`format_period`)
    * months go in academic order (September first, the year ends in August);
    * every run of two or more consecutive months (December→January counts as
      consecutive, August→September does not) prints as a span with an en dash
      and no spaces: «Май–июнь», «Декабрь–январь», «Сентябрь–май».  So runs of
      exactly two months are spans as well;
    * single months and spans are joined with ", ";
    * a frequency prints first, followed by ": " and the months in lowercase:
      «2 раза в год: ноябрь, апрель»;
    * the note goes last, in parentheses: «Октябрь (по согласованию)».  A note
      alone (no months, no frequency) prints as the bare note;
    * the first letter is capitalised, there is no trailing dot.

Parsing (:func:`parse_period`)
    Accepts everything :func:`format_period` prints plus the way teachers write
    periods in Word: any letter case, «ё», extra spaces, dots, hyphens or dashes
    (with or without spaces) for spans, and commas, semicolons, «и» or plain
    spaces between months.  A note is the text from the first «(» up to a «)»
    that ends the text.  Text that is not understood is never dropped: the
    whole stripped text becomes the note and ``recognised`` is ``False``.

    A note alone that itself reads like a period (e.g. the note «май») cannot
    survive printing and parsing, because the bare note is printed without
    parentheses.  Every other period round-trips:
    ``parse_period(format_period(p)).period == p``.
"""

from .frequency import FREQUENCY_TEXT, Frequency
from .model import Period
from .months import ACADEMIC_MONTHS, MONTH_NAMES, month_name, month_short
from .parsing import ParseResult, parse_period, split_period_lines
from .text import format_period
from .working_year import (
    REGULAR_FREQUENCIES,
    SCHOOL_MONTHS,
    SUMMER_MONTHS,
    covered_months,
    frequency_blocks,
    frequency_months,
    working_months,
)

__all__ = [
    "ACADEMIC_MONTHS",
    "FREQUENCY_TEXT",
    "MONTH_NAMES",
    "Frequency",
    "ParseResult",
    "Period",
    "REGULAR_FREQUENCIES",
    "SCHOOL_MONTHS",
    "SUMMER_MONTHS",
    "covered_months",
    "format_period",
    "frequency_blocks",
    "frequency_months",
    "month_name",
    "month_short",
    "parse_period",
    "split_period_lines",
    "working_months",
]
