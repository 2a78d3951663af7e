"""The report of an import: every line as it was read and what it became, and every problem.

The same report serves the dry run shown before confirming, the command's output and the
messages after a real import.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _


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

