"""Loading the seed's data (plans.demo_data) into the database, idempotently: Центр «Созвездие»,
its units, the registry, the demo users, last year's approved «Рукодельница» plan and this
year's draft copy, then the showcase (plans.demo.loading).

The `demo` management command lives in execution (execution/management/commands/demo.py): it
calls :func:`load` here, then the execution's demo; plans never imports execution.
"""

import secrets
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext

from partners import roles
from partners.models import Category, Direction, Institution, InteractionForm, Partner, Unit
from plans import demo_data as data
from plans.demo.loading import load_showcase
from plans.editor.copying import copy_plan
from plans.editor.history import record_as_loaded
from plans.models import Activity, Plan, PlanRow, PlanTransition, current_academic_year
from plans.periods import parse_period


@dataclass(frozen=True)
class DemoUsers:
    """What the command reports: the users it created, and their password if it made one up."""

    created: list[str]
    password: str
    generated: bool


def load(password: str, stderr) -> DemoUsers:
    """Load the seed and the showcase; call inside a transaction."""
    institution = load_institution()
    units = load_units(institution)
    load_reference()
    partners = load_partners(units)
    users = load_users(units, password)
    last_year = current_academic_year() - 1
    admin = get_user_model().objects.get(username="admin")
    approved = load_approved_plan(units, partners, last_year, admin, stderr)
    load_draft(approved, last_year + 1)
    # Agreements, partnerships and teacher2's plan on review (plans.demo).
    load_showcase(units, partners, stderr)
    return users


# --- reference data -----------------------------------------------------------------------
def load_institution():
    institution = Institution.objects.order_by("pk").first()
    if institution is None:
        institution = Institution.objects.create(**data.INSTITUTION)
    return institution


def load_units(institution):
    units = {}
    for order, (kind, name, genitive) in enumerate(data.UNITS, start=1):
        units[name], _ = Unit.objects.get_or_create(
            institution=institution,
            name=name,
            defaults={"kind": kind, "name_genitive": genitive, "order": order},
        )
    return units


def load_reference():
    for order, (tier, name, heading) in enumerate(data.CATEGORIES, start=1):
        Category.objects.get_or_create(
            name=name, defaults={"tier": tier, "plan_heading": heading, "order": order}
        )
    for order, name in enumerate(data.DIRECTIONS, start=1):
        Direction.objects.get_or_create(name=name, defaults={"order": order})
    for order, name in enumerate(data.FORMS, start=1):
        InteractionForm.objects.get_or_create(name=name, defaults={"order": order})


def load_partners(units):
    categories = {c.name: c for c in Category.objects.all()}
    partners = {}
    for name, short_name, category, unit in data.PARTNERS:
        partners[name], _ = Partner.objects.get_or_create(
            name=name,
            defaults={
                "short_name": short_name,
                "category": categories[category],
                "unit": units.get(unit) if unit else None,
            },
        )
    return partners


def load_users(units, password: str) -> DemoUsers:
    User = get_user_model()
    groups = roles.ensure_groups()
    created, generated = [], False
    if not password:
        password = secrets.token_urlsafe(9)
        generated = True
    for username, first, last, role, unit in data.USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, first_name=first, last_name=last)
            user.is_staff = user.is_superuser = role == roles.ADMINISTRATOR
            user.set_password(password)
            user.save()
            created.append(username)
        elif not generated and not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
        user.groups.add(groups[role])
        if unit:
            units[unit].members.add(user)
    return DemoUsers(created, password, generated and bool(created))


# --- plans --------------------------------------------------------------------------------
def load_approved_plan(units, partners, year, admin, stderr):
    unit = units["Творческое объединение «Рукодельница»"]
    plan = Plan.objects.filter(unit=unit, year=year).first()
    if plan is not None:
        return plan
    # Filled as a draft and approved at the end: an approved plan's rows cannot change.
    plan = Plan.objects.create(
        unit=unit, year=year, approved_by=admin,
        approved_at=date(year, 8, 29), approval_order="112-о",
        submitted_at=timezone.make_aware(timezone.datetime(year, 8, 25, 10, 0)),
    )
    fill_seed_rows(plan, partners, stderr)
    plan.status = Plan.Status.APPROVED
    plan.save(update_fields=["status"])
    for from_status, to_status in [
        (Plan.Status.DRAFT, Plan.Status.REVIEW),
        (Plan.Status.REVIEW, Plan.Status.APPROVED),
    ]:
        PlanTransition.objects.create(
            plan=plan, from_status=from_status, to_status=to_status, by=admin,
            at=timezone.make_aware(timezone.datetime(year, 8, 29, 12, 0)),
        )
    record_as_loaded(plan, gettext("the demo data"))
    return plan


def fill_seed_rows(plan, partners, stderr):
    directions = {d.name: d for d in Direction.objects.all()}
    forms = {f.name: f for f in InteractionForm.objects.all()}
    for order, (partner, characteristic, row_directions, activities) in enumerate(
        data.RUKODELNITSA_ROWS, start=1
    ):
        row = PlanRow.objects.create(
            plan=plan, partner=partners[partner], characteristic=characteristic, order=order
        )
        row.directions.set([directions[d] for d in row_directions])
        for position, (title, form, period_text) in enumerate(activities, start=1):
            parsed = parse_period(period_text)
            if not parsed.recognised:
                stderr.write(f"Period not recognised: {period_text!r}")
            activity = Activity(row=row, title=title, form=forms.get(form), order=position)
            activity.period = parsed.period
            activity.save()


def load_draft(approved, year):
    if Plan.objects.filter(unit=approved.unit, year=year).exists():
        return
    copy_plan(approved, year)
