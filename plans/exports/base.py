"""The exporter interface shared by every format."""

from collections.abc import Callable
from functools import cached_property

from django.utils import translation
from django.utils.text import get_valid_filename

from plans.exports.document import PlanDocument

# Official documents are in Russian whatever the interface language of the user.
DOCUMENT_LANGUAGE = "ru"

Progress = Callable[[int, str], None]


def no_progress(percent: int, step: str) -> None:
    """The default progress callback: nobody is watching."""


def export_filename(stem: str, extension: str) -> str:
    return get_valid_filename(f"{stem}.{extension}")


class Exporter:
    """One plan in one format: `filename`, `content_type` and `render()` → bytes."""

    identifier = ""
    extension = ""
    content_type = "application/octet-stream"

    def __init__(self, plan, lines=None):
        self.plan = plan
        self._lines = lines

    @cached_property
    def document(self) -> PlanDocument:
        with translation.override(DOCUMENT_LANGUAGE):
            return PlanDocument.build(self.plan, self._lines)

    @property
    def filename(self) -> str:
        plan = self.plan
        return export_filename(f"План {plan.unit.name} {plan.year}-{plan.year + 1}", self.extension)

    def render(self, progress: Progress = no_progress) -> bytes:
        with translation.override(DOCUMENT_LANGUAGE):
            return self.render_bytes(progress)

    def render_bytes(self, progress: Progress) -> bytes:  # pragma: no cover - abstract
        raise NotImplementedError
