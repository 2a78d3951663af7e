"""Load the seed's data as a live demo: idempotent, a second run changes nothing."""

import secrets
from datetime import date

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
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


class Command(BaseCommand):
    help = "Load Центр «Созвездие» and the «Рукодельница» plan of the seed as demo data."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            help="Password for the demo users (else DEMO_PASSWORD, else a random one).",
        )

    def handle(self, *args, password=None, **options):
        import os

        password = password or os.environ.get("DEMO_PASSWORD") or ""
        with transaction.atomic():
            institution = self.load_institution()
            units = self.load_units(institution)
            self.load_reference()
            partners = self.load_partners(units)
            created_users, generated = self.load_users(units, password)
            last_year = current_academic_year() - 1
            admin = get_user_model().objects.get(username="admin")
            approved = self.load_approved_plan(units, partners, last_year, admin)
            self.load_draft(approved, last_year + 1)
            # Agreements, partnerships and teacher2's plan on review (plans.demo).
            load_showcase(units, partners, self.stderr)
        self.report(created_users, generated, password)

    # --- reference data -------------------------------------------------------------------
    def load_institution(self):
        institution = Institution.objects.order_by("pk").first()
        if institution is None:
            institution = Institution.objects.create(**data.INSTITUTION)
        return institution

    def load_units(self, institution):
        units = {}
        for order, (kind, name, genitive) in enumerate(data.UNITS, start=1):
            units[name], _ = Unit.objects.get_or_create(
                institution=institution,
                name=name,
                defaults={"kind": kind, "name_genitive": genitive, "order": order},
            )
        return units

    def load_reference(self):
        for order, (tier, name, heading) in enumerate(data.CATEGORIES, start=1):
            Category.objects.get_or_create(
                name=name, defaults={"tier": tier, "plan_heading": heading, "order": order}
            )
        for order, name in enumerate(data.DIRECTIONS, start=1):
            Direction.objects.get_or_create(name=name, defaults={"order": order})
        for order, name in enumerate(data.FORMS, start=1):
            InteractionForm.objects.get_or_create(name=name, defaults={"order": order})

    def load_partners(self, units):
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

    def load_users(self, units, password):
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
        if not created:
            generated = False
        self._password = password
        return created, generated

    # --- plans ----------------------------------------------------------------------------
    def load_approved_plan(self, units, partners, year, admin):
        unit = units["Творческое объединение «Рукодельница»"]
        plan = Plan.objects.filter(unit=unit, year=year).first()
        if plan is not None:
            return plan
        approved_on = date(year, 8, 29)
        # Filled as a draft and approved at the end: an approved plan's rows cannot change.
        plan = Plan.objects.create(
            unit=unit, year=year, approved_by=admin,
            approved_at=approved_on, approval_order="112-о",
            submitted_at=timezone.make_aware(timezone.datetime(year, 8, 25, 10, 0)),
        )
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
                    self.stderr.write(f"Period not recognised: {period_text!r}")
                activity = Activity(
                    row=row, title=title, form=forms.get(form), order=position
                )
                activity.period = parsed.period
                activity.save()
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

    def load_draft(self, approved, year):
        if Plan.objects.filter(unit=approved.unit, year=year).exists():
            return
        copy_plan(approved, year)

    def report(self, created_users, generated, password):
        self.stdout.write(self.style.SUCCESS("Demo data loaded: Центр «Созвездие»."))
        if created_users:
            self.stdout.write("Demo users: " + ", ".join(created_users))
            if generated:
                self.stdout.write(f"Their password (shown once): {self._password}")
