"""Helpers shared by the print and export tests (not a test module)."""

import io
import re

from pypdf import PdfReader

from plans.models import Plan, current_academic_year


def seed_plans() -> tuple[Plan, Plan]:
    """The seed's approved plan (last year) and its draft copy (this year)."""
    approved = Plan.objects.get(
        unit__name="Творческое объединение «Рукодельница»", year=current_academic_year() - 1
    )
    draft = Plan.objects.get(unit=approved.unit, year=approved.year + 1)
    return approved, draft


def pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def squeeze(text: str) -> str:
    """Text without spaces, line breaks and hyphens: hyphenation and wrapping do not count."""
    return re.sub(r"[\s\-‐‑–]+", "", text)


def pdf_contains(text: str, needle: str) -> bool:
    return squeeze(needle) in squeeze(text)
