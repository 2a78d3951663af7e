"""Helpers of the recording test modules (test_execution_record*.py, test_teacher_month*.py,
test_execution_calendar*.py): a fixed «today» and the URLs of execution.recording."""

import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image

HTMX = {"HTTP_HX_REQUEST": "true"}
TODAY = date(2025, 12, 10)  # in academic year 2025/2026, the `plan` fixture's year


@pytest.fixture
def today(monkeypatch):
    """Freeze the local date the application reads (timezone.localdate) at TODAY."""
    real = timezone.localdate

    def localdate(value=None, timezone=None):
        return TODAY if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    return TODAY


def url(name, *args):
    return reverse(f"recording:{name}", args=args)


def body(response):
    return response.content.decode()


def png_bytes(size=(4, 4)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, "PNG")
    return buffer.getvalue()


def pdf_bytes() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
