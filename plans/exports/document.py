"""What every printed form of a plan shows: title, approval block, table, diagram."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from django.utils import dateformat
from django.utils.translation import gettext as _

from plans.exports.diagram import diagram_title
from plans.exports.diagram.printed import PrintedDiagram, printed_diagram
from plans.models import Plan
from plans.table import TableLine, build_table


def long_date(day: date) -> str:
    """«29» августа 2025 г., as the approval block writes it."""
    return _("«%(day)s» %(month)s %(year)s y.") % {
        "day": f"{day.day:02d}",
        "month": dateformat.format(day, "E"),
        "year": day.year,
    }


@dataclass
class Approval:
    heading: str
    position: str
    signer: str
    date: str
    order: str


def director_position(institution) -> str:
    """The director's title with the institution's name, unless the title already has it."""
    title = (institution.director_title or _("Director")).strip()
    names = [n for n in (institution.short_name, institution.name) if n]
    if any(name in title for name in names):
        return title
    return f"{title} {institution.short_name or institution.name}".strip()


def approval_for(plan: Plan) -> Approval | None:
    if not plan.is_approved:
        return None
    institution = plan.unit.institution
    return Approval(
        heading=_("APPROVED"),
        position=director_position(institution),
        signer=institution.director_name,
        date=long_date(plan.approved_at) if plan.approved_at else "«___» ____________ 20__ г.",
        order=(_("Order No. %(number)s") % {"number": plan.approval_order})
        if plan.approval_order
        else "",
    )


def table_groups(lines: list[TableLine]) -> list[list[TableLine]]:
    """Lines to print together: a category heading is kept with the row that follows it."""
    groups: list[list[TableLine]] = []
    pending: list[TableLine] = []
    for line in lines:
        if line.is_heading:
            if pending:
                groups.append(pending)
            pending = [line]
            continue
        groups.append([*pending, line])
        pending = []
    if pending:
        groups.append(pending)
    return groups


@dataclass
class PlanDocument:
    plan: Plan
    institution: object
    title: str
    lines: list[TableLine]
    approval: Approval | None
    diagram_title: str
    # False where the diagram is never printed (the consolidated plan).
    with_diagram: bool = True

    @property
    def is_draft(self) -> bool:
        return not self.plan.is_approved

    @cached_property
    def diagram(self) -> PrintedDiagram | None:
        """The diagram as printed, drawn when first asked for: the PDF prints it, the DOCX
        and XLSX never ask (at 2,000 rows drawing it is seconds of layout)."""
        return printed_diagram(self.plan, self.lines) if self.with_diagram else None

    @property
    def groups(self) -> list[list[TableLine]]:
        return table_groups(self.lines)

    @property
    def draft_mark(self) -> str:
        return _("DRAFT")

    @classmethod
    def build(cls, plan: Plan, lines: list[TableLine] | None = None) -> PlanDocument:
        lines = build_table(plan) if lines is None else lines
        return cls(
            plan=plan,
            institution=plan.unit.institution,
            title=str(plan.display_title),
            lines=lines,
            approval=approval_for(plan),
            diagram_title=diagram_title(plan),
        )
