"""The PDF cache: a plan's PDF is kept under a hash of everything that is printed.

The key covers the plan's own fields, its unit and institution, every printed field of its rows
and activities, the language and a hash of the print templates, stylesheet and code, so any edit
(or a new version of the layout) asks for a new PDF and an unchanged plan is served at once.
"""

import hashlib
import json
from functools import lru_cache
from pathlib import Path

import weasyprint
from django.conf import settings
from django.core.cache import cache

from plans.table import TableLine

PRINT_FILES = [
    "templates/plans/print/plan.html",
    "templates/plans/print/_plan.html",
    "templates/plans/print/consolidated.html",
    "static/print/print.css",
    "plans/diagram.py",
    "plans/table.py",
    "plans/exports/document.py",
    "plans/exports/pdf.py",
]
CACHE_SECONDS = 30 * 24 * 3600


@lru_cache(maxsize=1)
def template_version() -> str:
    digest = hashlib.sha256(weasyprint.__version__.encode())
    for name in PRINT_FILES:
        path = Path(settings.BASE_DIR) / name
        digest.update(name.encode())
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()[:16]


def _institution(institution) -> list:
    return [
        institution.pk,
        institution.name,
        institution.short_name,
        institution.city,
        institution.director_title,
        institution.director_name,
        institution.logo.name if institution.logo else "",
    ]


def plan_content(plan, lines: list[TableLine]) -> dict:
    unit = plan.unit
    rows = []
    for line in lines:
        if line.is_heading:
            category = line.category
            rows.append(["h", line.number, category.pk, category.name, category.heading])
            continue
        row, partner = line.row, line.row.partner
        rows.append([
            "r", line.number, row.pk, partner.pk, partner.name, partner.short_name,
            partner.category.pk, partner.category.name, partner.category.tier,
            row.characteristic,
            [activity_content(a) for a in line.activities],
        ])
    return {
        "plan": [plan.pk, plan.year, plan.title, plan.status, str(plan.approved_at or ""),
                 plan.approval_order],
        "unit": [unit.pk, unit.name, unit.name_genitive],
        "institution": _institution(unit.institution),
        "rows": rows,
    }


def activity_content(activity) -> list:
    return [
        activity.pk,
        activity.title,
        activity.form.name if activity.form else "",
        activity.months,
        activity.frequency,
        activity.period_note,
    ]


def fingerprint(*parts) -> str:
    payload = json.dumps(
        [template_version(), settings.LANGUAGE_CODE, *parts], ensure_ascii=False, default=str
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def plan_fingerprint(plan, lines: list[TableLine]) -> str:
    return fingerprint("plan", plan_content(plan, lines))


def cache_key(key: str) -> str:
    return f"plans:pdf:{key}"


def get_pdf(key: str) -> bytes | None:
    return cache.get(cache_key(key))


def put_pdf(key: str, data: bytes) -> None:
    cache.set(cache_key(key), data, CACHE_SECONDS)
