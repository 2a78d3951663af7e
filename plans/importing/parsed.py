"""What a reader makes of a file, before anything is matched or written: rows and activities."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_ROWS = 2000
MAX_ACTIVITIES_PER_ROW = 200


class PlanImportError(Exception):
    """The file cannot be imported at all; the message is for the user (in Russian).

    ``field`` names the form field the message belongs next to ("file", or None for the form).
    """

    def __init__(self, message, field: str | None = "file"):
        super().__init__(message)
        self.field = field


@dataclass
class ParsedActivity:
    title: str
    periods: list[str] = field(default_factory=list)  # usually one; several merge into one
    form: str = ""
    # Without a form, guess it from the title; not when the file has a form column of its own.
    guess_form: bool = True
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


def clean_text(text: str) -> str:
    return " ".join((text or "").split())


_TITLE = re.compile(r"план\s+работы\s+(.+?)\s+с\s+социальными\s+партн", re.IGNORECASE)


def unit_genitive_from(texts) -> str:
    for text in texts:
        match = _TITLE.search(clean_text(text))
        if match:
            return clean_text(match.group(1))[:250]
    return ""
