"""Writing a parsed plan: the only part of the importer that writes to the database.

:func:`import_plan` matches the parsed rows to the registry (:mod:`plans.importing.matching`),
creates what is missing (partners in the category of their group, categories, directions,
forms) and writes a new draft plan, all or nothing. A dry run does everything inside a
transaction that is rolled back, so its report is exactly what a real import would do.

The plan keeps the document's order: rows are numbered in the order the file gives them,
internal partners first (as the document has them), so the printed table shows the groups in
the order of their first rows.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from partners.models import Category, Direction, Institution, InteractionForm, Partner, Tier, Unit
from plans.importing.cells import merge_periods
from plans.importing.matching import INTERNAL_FALLBACK_CATEGORY, Registry, tier_of
from plans.importing.parsed import (
    MAX_ACTIVITIES_PER_ROW,
    ParsedActivity,
    ParsedPlan,
    ParsedRow,
    PlanImportError,
    clean_text,
)
from plans.importing.report import ImportReport, ReportActivity, ReportLine
from plans.importing.target import find_unit
from plans.models import Activity, Plan, PlanRow, academic_year_label


def _next_order(model) -> int:
    return (model.objects.aggregate(m=Max("order"))["m"] or 0) + 1


def new_unit(name: str, genitive: str = "") -> Unit:
    institution = Institution.objects.order_by("pk").first()
    if institution is None:
        raise PlanImportError(_("There is no institution yet to add the unit to."), field=None)
    return Unit.objects.create(
        institution=institution, kind=Unit.Kind.ASSOCIATION, name=clean_text(name)[:200],
        name_genitive=genitive, order=_next_order(Unit),
    )


def _target_unit(unit, unit_name, create_unit, genitive) -> tuple[Unit, bool]:
    if unit is not None:
        return unit, False
    unit = find_unit(unit_name)
    if unit is not None:
        return unit, False
    if not create_unit:
        raise PlanImportError(
            _("There is no unit «%(name)s». Check the name, or let the import create it as a "
              "creative association.") % {"name": unit_name},
            field=None,
        )
    return new_unit(unit_name, genitive), True


def _target_plan(unit: Unit, year: int, label: str) -> Plan:
    """The unit's plan for the year, new or empty; an approved or filled plan is refused."""
    plan = Plan.objects.select_for_update(of=("self",)).filter(unit=unit, year=year).first()
    if plan is None:
        return Plan.objects.create(unit=unit, year=year)
    if not plan.is_editable:
        raise PlanImportError(
            _("The plan of %(unit)s for %(year)s is approved and cannot be changed. An "
              "administrator can return it to draft first.") % {"unit": unit.name, "year": label},
            field=None,
        )
    if plan.rows.exists():
        raise PlanImportError(
            _("%(unit)s already has a plan for %(year)s with rows in it. Import into another "
              "year, or delete the rows of that plan first.") % {"unit": unit.name, "year": label},
            field=None,
        )
    return plan


def import_plan(
    parsed: ParsedPlan, *, unit: Unit | None = None, unit_name: str = "", year: int,
    create_unit: bool = False, dry_run: bool = False,
) -> ImportReport:
    """Write the parsed plan as a draft plan of ``unit`` (or the unit named) for ``year``."""
    with transaction.atomic():
        unit, unit_created = _target_unit(unit, unit_name, create_unit, parsed.unit_genitive)
        report = ImportReport(
            unit=unit.name, year=academic_year_label(year), dry_run=dry_run, kind=parsed.kind,
            unit_created=unit_created,
        )
        if unit_created:
            report.created_other.append(_("creative association «%(name)s»") % {"name": unit.name})
        plan = _target_plan(unit, year, report.year)
        report.problems.extend(parsed.warnings)
        _Writer(plan, report).write(parsed.rows)
        report.plan_id = plan.pk
        if dry_run:
            transaction.set_rollback(True)
            report.plan_id = None
    return report


class _Writer:
    """Writes the rows of one plan, in the document's order."""

    def __init__(self, plan: Plan, report: ImportReport):
        self.plan, self.report = plan, report
        self.registry = Registry()
        self.group: Category | None = None
        self.rows: dict[int, PlanRow] = {}  # by partner, in the order written

    def write(self, items: list[ParsedRow]) -> None:
        for item in items:
            if item.kind == "row" and self._reads_as_heading(item):
                item = ParsedRow(line=item.line, kind="heading", partner=item.partner)
            if item.kind == "heading":
                self._heading(item)
            elif not item.partner:
                self.report.problems.append(
                    _("Line %(line)s has no partner and was skipped.") % {"line": item.line}
                )
            else:
                self.report.lines.append(self._row(item))
        self._number_rows()

    def _reads_as_heading(self, item: ParsedRow) -> bool:
        bare = not (item.has_content or item.unplaced_periods or item.category)
        return bare and self.registry.is_heading(item.partner)

    def _heading(self, item: ParsedRow) -> None:
        category, created = self._category(item.partner, Tier.EXTERNAL)
        self.group = category
        self.report.lines.append(
            ReportLine(line=item.line, kind="heading", text=item.partner, name=category.heading,
                       category=category.name, created=created)
        )

    def _number_rows(self) -> None:
        """Number the rows in the document's order, internal partners first."""
        rows = list(self.rows.values())
        ordered = sorted(rows, key=lambda row: row.partner.category.tier != Tier.INTERNAL)
        changed = []
        for order, row in enumerate(ordered, start=1):
            if row.order != order:
                row.order = order
                changed.append(row)
        PlanRow.objects.bulk_update(changed, ["order"])

    # --- creating what the registry lacks

    def _category(self, name: str, tier: str) -> tuple[Category, bool]:
        category = self.registry.category(name)
        if category is not None:
            return category, False
        category = Category.objects.create(
            name=clean_text(name)[:200], tier=tier, order=_next_order(Category)
        )
        self.registry.remember_category(category)
        self.report.created_categories.append(category.name)
        return category, True

    def _direction(self, name: str) -> Direction:
        direction = self.registry.direction(name)
        if direction is None:
            direction = Direction.objects.create(name=clean_text(name)[:100],
                                                 order=_next_order(Direction))
            self.registry.remember_direction(direction)
            self.report.created_other.append(_("direction «%(name)s»") % {"name": direction.name})
        return direction

    def _form(self, item: ParsedActivity) -> InteractionForm | None:
        if not clean_text(item.form):
            return self.registry.forms.guess(item.title) if item.guess_form else None
        form = self.registry.forms.named(item.form)
        if form is None:
            form = InteractionForm.objects.create(name=clean_text(item.form)[:150],
                                                  order=_next_order(InteractionForm))
            self.registry.forms.remember(form)
            self.report.created_other.append(_("form of interaction «%(name)s»")
                                             % {"name": form.name})
        return form

    def _new_partner(self, parsed: ParsedRow, line: ReportLine) -> Partner:
        if len(parsed.partner) > 300:
            raise PlanImportError(_("Line %(line)s: the partner's cell is too long to be a name.")
                                  % {"line": parsed.line})
        if parsed.category:
            category, _new = self._category(parsed.category, tier_of(parsed.tier))
        elif self.group is not None:
            category = self.group
        else:
            category, _new = self._category(INTERNAL_FALLBACK_CATEGORY, Tier.INTERNAL)
        similar = self.registry.partners.similar(parsed.partner, limit=2)
        partner = Partner.objects.create(name=parsed.partner, category=category)
        self.registry.partners.add(partner)
        line.created = True
        self.report.created_partners.append(partner.name)
        if similar:
            line.warnings.append(_("New partner; the registry has similar ones: %(names)s.")
                                 % {"names": ", ".join(f"«{s.partner.name}»" for s in similar)})
        return partner

    # --- rows and activities

    def _row(self, parsed: ParsedRow) -> ReportLine:
        line = ReportLine(line=parsed.line, kind="row", text=parsed.partner,
                          warnings=list(parsed.warnings))
        partner = self.registry.partner(parsed.partner)
        if partner is None:
            partner = self._new_partner(parsed, line)
        else:
            line.warnings.extend(self._known_partner_notes(partner, parsed))
        line.name, line.category = partner.name, partner.category.name
        row, next_activity = self._plan_row(partner, parsed, line)
        line.characteristic = row.characteristic
        directions = [self._direction(name) for name in parsed.directions if clean_text(name)]
        if directions:
            row.directions.add(*directions)
            line.directions = [d.name for d in directions]
        if len(parsed.activities) > MAX_ACTIVITIES_PER_ROW:
            raise PlanImportError(_("Line %(line)s has too many activities.")
                                  % {"line": parsed.line})
        for position, item in enumerate(parsed.activities, start=next_activity):
            line.activities.append(self._activity(row, item, position, parsed.line, line))
        self._report_row_problems(parsed, partner, line)
        return line

    def _known_partner_notes(self, partner: Partner, parsed: ParsedRow) -> list[str]:
        notes = []
        if not partner.is_active:
            notes.append(_("The partner is archived in the registry."))
        if parsed.category:
            named = self.registry.category(parsed.category)
            differs = named is None or named.pk != partner.category_id
            group_name = parsed.category
        else:
            differs = self.group is not None and partner.category_id != self.group.pk
            group_name = self.group.name if self.group is not None else ""
        if differs:
            notes.append(
                _("The file lists it under «%(group)s»; the registry keeps it in «%(category)s»,"
                  " and the plan shows it there.")
                % {"group": group_name, "category": partner.category.name}
            )
        return notes

    def _plan_row(self, partner: Partner, parsed: ParsedRow, line: ReportLine):
        characteristic = parsed.characteristic
        if len(characteristic) > 2000:
            line.warnings.append(_("The characteristic was shortened to 2000 characters."))
        row = self.rows.get(partner.pk)
        if row is None:
            row = PlanRow.objects.create(plan=self.plan, partner=partner,
                                         characteristic=characteristic[:2000],
                                         order=len(self.rows) + 1)
            self.rows[partner.pk] = row
            return row, 1
        line.warnings.append(_("The partner appears twice; its lines were joined."))
        if characteristic and characteristic not in row.characteristic:
            row.characteristic = clean_text(f"{row.characteristic} {characteristic}")[:2000]
            row.save()
        return row, row.activities.count() + 1

    def _activity(self, row, item: ParsedActivity, position: int, number: int, line):
        period, unknown = merge_periods(item.periods)
        for text in unknown:
            self.report.problems.append(
                _("Line %(line)s, «%(activity)s»: the period «%(period)s» was not recognised; "
                  "it is kept as a note.")
                % {"line": number, "activity": item.title[:80], "period": text}
            )
        title = item.title
        if len(title) > 500:
            line.warnings.append(_("An activity's text was shortened to 500 characters."))
            title = title[:500]
        form = self._form(item)
        activity = Activity(
            row=row, title=title, form=form, order=position, responsible=item.responsible[:200],
            note=item.note[:2000], participants=self._participants(item, number),
            result=item.result[:2000],
        )
        activity.period = period
        activity.save()
        return ReportActivity(title=title, period=period.text, form=form.name if form else "",
                              recognised=not unknown)

    def _participants(self, item: ParsedActivity, number: int) -> int | None:
        text = item.participants.strip()
        if not text:
            return None
        if text.isascii() and text.isdigit() and len(text) < 9:  # not «²»: int() refuses it
            return int(text)
        self.report.problems.append(
            _("Line %(line)s, «%(activity)s»: the number of participants «%(value)s» is not a "
              "whole number and was not imported.")
            % {"line": number, "activity": item.title[:80], "value": text[:50]}
        )
        return None

    def _report_row_problems(self, parsed: ParsedRow, partner: Partner, line) -> None:
        for text in parsed.unplaced_periods:
            self.report.problems.append(
                _("Line %(line)s: the period «%(period)s» has no activity and was not imported.")
                % {"line": parsed.line, "period": text}
            )
        for warning in line.warnings:
            if warning in parsed.warnings:
                self.report.problems.append(
                    _("Line %(line)s («%(partner)s»): %(warning)s")
                    % {"line": parsed.line, "partner": partner.name, "warning": warning}
                )
