"""The exporter interface shared by every format: `filename`, `content_type` and
`render(progress)` → bytes.

`progress(percent, step)` is called while a long export runs (the background job shows it);
the default ignores it. Official documents are written in Russian whatever the language of
the user's interface; the coverage exports follow the page they come from.
"""

from collections.abc import Callable
from contextlib import nullcontext
from functools import cached_property

from django.utils import translation
from django.utils.text import get_valid_filename

from plans.exports.document import PlanDocument

DOCUMENT_LANGUAGE = "ru"

Progress = Callable[[int, str], None]


def no_progress(percent: int, step: str) -> None:
    """The default progress callback: nobody is watching."""


def export_filename(stem: str, extension: str) -> str:
    return get_valid_filename(f"{stem}.{extension}")


class Exporter:
    """One document in one format."""

    identifier = ""
    extension = ""
    content_type = "application/octet-stream"
    # The language the document is written in; None keeps the active one.
    language: str | None = DOCUMENT_LANGUAGE

    @property
    def filename(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def in_language(self):
        return translation.override(self.language) if self.language else nullcontext()

    def render(self, progress: Progress = no_progress) -> bytes:
        with self.in_language():
            return self.render_bytes(progress)

    def render_bytes(self, progress: Progress) -> bytes:  # pragma: no cover - abstract
        raise NotImplementedError


class PlanExporter(Exporter):
    """One plan: its printed document (title, approval, table, diagram) and its file name."""

    def __init__(self, plan, lines=None):
        self.plan = plan
        self._lines = lines

    @cached_property
    def document(self) -> PlanDocument:
        with self.in_language():
            return PlanDocument.build(self.plan, self._lines)

    @property
    def filename(self) -> str:
        plan = self.plan
        return export_filename(f"План {plan.unit.name} {plan.year}-{plan.year + 1}", self.extension)
