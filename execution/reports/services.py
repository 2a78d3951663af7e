"""The year-end report of a unit's plan: what the page, the PDF and the DOCX show.

Built in a fixed number of queries, whatever the number of rows, activities and occurrences:
the plan's rows with their activities fetched with :func:`execution.schedules.with_execution`,
counted by :mod:`execution.tally` (the one counting), in the plan's own order
(:func:`plans.table.build_table`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from execution import charts, tally
from execution.models import Achievement, ActivityChange, Conclusion
from execution.schedules import with_execution
from execution.tally import ActivityTally, Counts
from plans.exports.document import director_position
from plans.models import Activity, Plan, academic_year_label
from plans.periods import month_name, month_short, working_months
from plans.table import TableLine, build_table

CONCLUSION_LABELS = {
    "achieved": pgettext_lazy("report", "What was achieved"),
    "difficulties": pgettext_lazy("report", "What was hard"),
    "next_year": pgettext_lazy("report", "What to change next year"),
}
BLANK_DATE = "«___» ____________ 20__ г."


def day(value: datetime.date) -> str:
    """A date as the report prints it: 05.10.2025."""
    return f"{value:%d.%m.%Y}"


def report_title(plan: Plan) -> str:
    return pgettext(
        "report",
        "Report on the implementation of the comprehensive plan of work of %(unit)s "
        "with social partners for the %(year)s academic year",
    ) % {"unit": plan.unit.title_genitive, "year": academic_year_label(plan.year)}


def change_text(change: ActivityChange) -> str:
    """«Отменено (октябрь): причина», «Перенесено с октября… », «Отменено полностью: …»."""
    if change.kind == ActivityChange.Kind.MOVED:
        what = pgettext("report", "Moved from %(from)s to %(to)s") % {
            "from": month_name(change.month),
            "to": month_name(change.to_month),
        }
    elif change.month is None:
        what = pgettext("report", "Cancelled altogether")
    else:
        what = pgettext("report", "Cancelled (%(month)s)") % {"month": month_name(change.month)}
    return f"{what}: {change.reason}" if change.reason else what


@dataclass
class Held:
    """One occurrence as the report lists it: its date, who took part, its result."""

    date: str
    people: str
    result: str


@dataclass
class ActivityLine:
    """One planned activity in the report: its period, what was held, and what changed."""

    activity: Activity
    tally: ActivityTally

    @property
    def counts(self) -> Counts:
        return self.tally.counts

    @property
    def period(self) -> str:
        return self.activity.period_text

    @property
    def dates(self) -> list[str]:
        return [day(o.date) for o in self.tally.occurrences_in_year]

    @property
    def held(self) -> list[Held]:
        return [
            Held(day(o.date), people_of(o.children, o.adults), o.result.strip())
            for o in self.tally.occurrences_in_year
        ]

    @property
    def results(self) -> list[str]:
        return [o.result.strip() for o in self.tally.occurrences_in_year if o.result.strip()]

    @property
    def people(self) -> str:
        return people(self.counts) if self.counts.occurrences else ""

    @property
    def changes(self) -> list[str]:
        return [change_text(c) for c in self.activity.changes.all()]


def people_of(children: int, adults: int) -> str:
    return pgettext("report", "children: %(children)s, adults: %(adults)s") % {
        "children": children,
        "adults": adults,
    }


def people(counts: Counts) -> str:
    return people_of(counts.children, counts.adults)


def figures(counts: Counts) -> list[tuple[str, str]]:
    """The summary figures, labelled, as every form of the report prints them."""
    percent = f"{counts.percent}\u00a0%" if counts.percent is not None else "—"
    return [
        (pgettext("report", "Planned"), str(counts.planned)),
        (pgettext("report", "Held"), str(counts.held)),
        (pgettext("report", "Overdue"), str(counts.overdue)),
        (pgettext("report", "Cancelled"), str(counts.cancelled)),
        (pgettext("report", "Held beyond the plan"), str(counts.extra)),
        (pgettext("report", "Held, percent of planned"), percent),
        (pgettext("report", "Children taking part"), str(counts.children)),
        (pgettext("report", "Adults taking part"), str(counts.adults)),
    ]


@dataclass
class PartnerSection:
    """A row of the plan: its partner, the category heading before it, its activities."""

    number: int
    line: TableLine
    heading: str
    activities: list[ActivityLine]

    @property
    def partner(self):
        return self.line.row.partner

    @property
    def counts(self) -> Counts:
        return sum((a.counts for a in self.activities), Counts())


@dataclass
class Signature:
    position: str
    name: str


@dataclass
class Chart:
    title: str
    svg: str

    @property
    def uri(self) -> str:
        return charts.data_uri(self.svg)


def sections_of(lines: list[TableLine], by_activity: dict[int, ActivityTally]):
    """The plan's lines as sections; a category heading goes with the row after it."""
    sections: list[PartnerSection] = []
    heading = ""
    for line in lines:
        if line.is_heading:
            heading = line.category.heading
            continue
        activities = [ActivityLine(a, by_activity[a.pk]) for a in line.activities]
        sections.append(PartnerSection(line.number, line, heading, activities))
        heading = ""
    return sections


def month_chart(tallies: list[ActivityTally], working) -> Chart:
    """Planned, held and overdue by month: the working months, and any other with figures."""
    rows = [
        (m, c)
        for m, c in tally.by_month(tallies)
        if m in working or c.planned or c.held or c.extra or c.overdue
    ]
    svg = charts.planned_held_by_month(
        [month_short(m) for m, _c in rows],
        [c.planned for _m, c in rows],
        [c.held for _m, c in rows],
        [c.overdue for _m, c in rows],
    )
    return Chart(_("Planned and held by month"), svg)


def level_chart(levels: list[tuple[str, str, int]]) -> Chart:
    svg = charts.achievements_by_level(
        [str(label).capitalize() for _v, label, _n in levels], [n for _v, _l, n in levels]
    )
    return Chart(_("Achievements by level"), svg)


def working_of_institution(institution) -> tuple[int, ...]:
    return working_months(bool(institution and institution.summer_programme))


def short_name(user) -> str:
    """«А. Иванова» for a signature, or the login when the user has no name."""
    if user is None:
        return ""
    first, last = user.first_name.strip(), user.last_name.strip()
    if last:
        return f"{first[0]}. {last}" if first else last
    return user.get_username()


@dataclass
class PlanReport:
    plan: Plan
    title: str
    lines: list[TableLine]
    sections: list[PartnerSection]
    totals: Counts
    achievements: list[Achievement]
    levels: list[tuple[str, str, int]]
    charts: list[Chart]
    conclusion: Conclusion | None
    signatures: list[Signature] = field(default_factory=list)
    date_line: str = BLANK_DATE

    @property
    def institution(self):
        return self.plan.unit.institution

    @property
    def figures(self) -> list[tuple[str, str]]:
        return figures(self.totals)

    @property
    def conclusion_texts(self) -> list[tuple[str, str]]:
        """Each conclusion's label and text (empty when not written)."""
        conclusion = self.conclusion
        return [
            (str(label), getattr(conclusion, name, "") if conclusion else "")
            for name, label in CONCLUSION_LABELS.items()
        ]

    @property
    def has_conclusions(self) -> bool:
        return self.conclusion is not None and not self.conclusion.is_empty


def plan_rows(plan: Plan):
    """The plan's rows with their activities and everything the schedules need."""
    activities = with_execution(Activity.objects.select_related("form"))
    return (
        plan.rows.select_related("partner", "partner__category")
        .prefetch_related("directions", Prefetch("activities", queryset=activities))
        .order_by("order", "pk")
    )


def conclusion_of(plan: Plan) -> Conclusion | None:
    return Conclusion.objects.select_related("updated_by").filter(plan=plan).first()


def signatures_for(plan: Plan, conclusion: Conclusion | None) -> list[Signature]:
    """Who signs the report: its author (who wrote the conclusions), and the director."""
    institution = plan.unit.institution
    author = short_name(conclusion.updated_by) if conclusion else ""
    return [
        Signature(pgettext("report", "Report compiled by"), author),
        Signature(director_position(institution), institution.director_name),
    ]


def build_report(plan: Plan, today: datetime.date | None = None) -> PlanReport:
    """The report of ``plan`` in a fixed number of queries."""
    lines = build_table(plan, rows=list(plan_rows(plan)))
    activities = [a for line in lines for a in line.activities]
    tallies = tally.tally(activities, today)
    by_activity = {t.activity.pk: t for t in tallies}
    found = tally.achievements(tallies)
    levels = tally.by_level(found)
    conclusion = conclusion_of(plan)
    return PlanReport(
        plan=plan,
        title=report_title(plan),
        lines=lines,
        sections=sections_of(lines, by_activity),
        totals=tally.total(tallies),
        achievements=found,
        levels=levels,
        charts=[
            month_chart(tallies, working_of_institution(plan.unit.institution)),
            level_chart(levels),
        ],
        conclusion=conclusion,
        signatures=signatures_for(plan, conclusion),
    )
