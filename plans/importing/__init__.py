"""Importing an annual plan from a Word table in the seed's layout, or from our XLSX export.

* readers per format: :mod:`.docx_reader`, :mod:`.xlsx_reader`; the file type is told by the
  content (:mod:`.detect`, which checks the archive first with
  :func:`partners.archives.check_office_archive`);
* matching: the header words (:mod:`.columns`), cells split into activities and periods
  (:mod:`.cells`), the registry's partners, categories, directions and forms (:mod:`.matching`),
  the unit and the year (:mod:`.target`);
* :mod:`.writer`, the only part that writes to the database, and :mod:`.report`;
* the pages: :mod:`.forms`, :mod:`.views`, :mod:`.urls` (templates in ``plans/importing/``).

Reading (:func:`read_plan_file`) turns a file into a :class:`ParsedPlan` without touching the
database; :func:`import_plan` matches it to the registry and writes it (or, for a dry run, does
everything inside a transaction that is rolled back).
"""

from plans.importing.cells import align_periods, merge_periods, split_activities, split_periods
from plans.importing.detect import read_plan_file
from plans.importing.parsed import (
    ParsedActivity,
    ParsedPlan,
    ParsedRow,
    PlanImportError,
)
from plans.importing.report import ImportReport
from plans.importing.target import find_unit, parse_year
from plans.importing.writer import import_plan

__all__ = [
    "ImportReport",
    "ParsedActivity",
    "ParsedPlan",
    "ParsedRow",
    "PlanImportError",
    "align_periods",
    "find_unit",
    "import_plan",
    "merge_periods",
    "parse_year",
    "read_plan_file",
    "split_activities",
    "split_periods",
]
