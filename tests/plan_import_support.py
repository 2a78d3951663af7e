"""Helpers shared by the plan import's test modules (test_plan_import_*.py)."""

import io

from plans.importing import read_plan_file


def read(data: bytes, name="plan.docx"):
    return read_plan_file(io.BytesIO(data), name)


def periods_of(row):
    return [a.period for a in row.activities.order_by("order")]
