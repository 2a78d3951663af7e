"""The registry of social partners, their partnerships and agreements (and, re-exported
from partners.units, the institution and its units)."""

import uuid
from datetime import date, timedelta
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from partners import naming

# The institution and its units live in partners.units; imported here, Django finds them.
from partners.units import Institution as Institution
from partners.units import Unit

EXPIRING_WITHIN_DAYS = 60


class Tier(models.TextChoices):
    INTERNAL = "internal", _("Internal partnership")
    EXTERNAL = "external", _("External partnership")


def tier_rank(prefix: str = ""):
    """An expression that is 0 for internal and 1 for external categories (internal first)."""
    return models.Case(
        models.When(**{f"{prefix}tier": Tier.INTERNAL}, then=models.Value(0)),
        default=models.Value(1),
        output_field=models.IntegerField(),
    )


# The one ordering of lists: internal first, then categories in their set order, then names.
# It is both the models' default ordering and what `ordered()` applies.
CATEGORY_ORDERING = [tier_rank(), "order", "name"]
PARTNER_ORDERING = [tier_rank("category__"), "category__order", "category__name", "name"]


class CategoryQuerySet(models.QuerySet):
    def ordered(self):
        """The one ordering of categories: internal first, then their set order, then name."""
        return self.order_by(*CATEGORY_ORDERING)


class Category(models.Model):
    """A category of partners, in one tier; its order is the order of groups in a plan."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    tier = models.CharField(_("tier"), max_length=10, choices=Tier.choices)
    plan_heading = models.CharField(
        _("heading in the plan"),
        max_length=200,
        blank=True,
        help_text=_("Printed as the group row of the plan; the name with a colon if empty."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = CATEGORY_ORDERING

    def __str__(self):
        return self.name

    @property
    def heading(self) -> str:
        return self.plan_heading or f"{self.name}:"

    @property
    def is_internal(self) -> bool:
        return self.tier == Tier.INTERNAL


class Direction(models.Model):
    """A direction of activity (направление деятельности)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("direction")
        verbose_name_plural = _("directions")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class InteractionForm(models.Model):
    """A form of interaction (форма взаимодействия): master class, excursion, contest…"""

    name = models.CharField(_("name"), max_length=150, unique=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("form of interaction")
        verbose_name_plural = _("forms of interaction")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class PartnerQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def ordered(self):
        """The one ordering of partners in lists: internal first, category order, then name."""
        return self.select_related("category").order_by(*PARTNER_ORDERING)

    def same_as(self, name: str):
        """The registry partner that counts as the same as `name` (see partners.naming).

        A lookup on the stored key. Keys that an upgrade found taken by an older duplicate end
        in « #<id>» (see migration 0004) and still count until the duplicates are merged.
        """
        key = naming.name_key(name)
        if not key.strip():
            return None
        same = models.Q(name_key=key) | models.Q(name_key__startswith=f"{key} #")
        return self.filter(same).order_by("name_key", "pk").first()

    def with_category(self):
        return self.select_related("category")


class Partner(models.Model):
    """A social partner: an organisation or a group (parents), internal or external."""

    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=150, blank=True)
    category = models.ForeignKey(
        Category, models.PROTECT, related_name="partners", verbose_name=_("category")
    )
    unit = models.ForeignKey(
        Unit,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="as_partner",
        verbose_name=_("unit of the institution"),
        help_text=_("For internal partners that are units of the same institution."),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    site = models.URLField(_("site"), blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=5000)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # The name as partners.naming compares it; set on every save, unique in the database.
    name_key = models.CharField(_("name key"), max_length=300, editable=False)

    objects = PartnerQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["name_key"])  # the name's history is enough

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = PARTNER_ORDERING
        constraints = [
            models.UniqueConstraint(fields=["name_key"], name="unique_partner_name_key"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        key = naming.name_key(self.name)
        # A key kept apart by the upgrade (« #<id>») stays while the name stays the same.
        if self.name_key != key and not self.name_key.startswith(f"{key} #"):
            self.name_key = key
            update_fields = kwargs.get("update_fields")
            if update_fields is not None and "name" in update_fields:
                kwargs["update_fields"] = {*update_fields, "name_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("partners:detail", args=[self.pk])

    def validate_constraints(self, exclude=None):
        """Also the stored key's constraint, which forms never show: named by the name."""
        super().validate_constraints(exclude=exclude)
        if exclude and "name" in exclude:
            return
        same = Partner.objects.exclude(pk=self.pk).same_as(self.name)
        if same is not None:
            raise ValidationError(
                {"name": _("The registry already has this partner: «%(name)s».")
                 % {"name": same.name}}
            )

    @property
    def tier(self) -> str:
        return self.category.tier


class Contact(models.Model):
    """A contact person at a partner."""

    partner = models.ForeignKey(
        Partner, models.CASCADE, related_name="contacts", verbose_name=_("partner")
    )
    name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Stage(models.TextChoices):
    """Stages of a partnership (seed 001)."""

    PREPARATORY = "preparatory", _("Preparatory")
    ORGANIZATIONAL = "organizational", _("Organizational")
    SYSTEM_FORMING = "system_forming", _("System-forming")


class Partnership(models.Model):
    """A partnership of a holder (a unit or a single teacher) with a partner, at a stage."""

    partner = models.ForeignKey(
        Partner, models.CASCADE, related_name="partnerships", verbose_name=_("partner")
    )
    unit = models.ForeignKey(
        Unit, models.CASCADE, related_name="partnerships", verbose_name=_("holder unit")
    )
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="partnerships",
        verbose_name=_("holder teacher"),
        help_text=_("Set when a single teacher of the unit holds the partnership."),
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.PREPARATORY
    )
    stage_reached_on = models.DateField(_("stage reached on"), default=date.today)
    stage_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("stage set by"),
    )
    checklist = models.JSONField(_("checklist"), default=dict, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "unit"],
                condition=models.Q(teacher__isnull=True),
                name="unique_unit_partnership",
            ),
            models.UniqueConstraint(
                fields=["partner", "unit", "teacher"],
                condition=models.Q(teacher__isnull=False),
                name="unique_teacher_partnership",
            ),
        ]

    def __str__(self):
        return f"{self.unit} — {self.partner}"


def agreement_upload_to(instance, filename):
    # A random name: what the user called the file is kept in `file_name`, never in the path.
    suffix = PurePath(filename).suffix.lower()[:8]
    return f"agreements/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class AgreementQuerySet(models.QuerySet):
    def with_status(self, status: str, day: date):
        """Agreements whose status on `day` is `status` (the same rule as `status_on`)."""
        soon = day + timedelta(days=EXPIRING_WITHIN_DAYS)
        started = models.Q(valid_from__lte=day)
        if status == Agreement.Status.NOT_STARTED:
            return self.filter(valid_from__gt=day)
        if status == Agreement.Status.EXPIRED:
            return self.filter(started, valid_until__lt=day)
        if status == Agreement.Status.EXPIRING:
            return self.filter(started, valid_until__gte=day, valid_until__lte=soon)
        if status == Agreement.Status.IN_FORCE:
            return self.filter(started).filter(
                models.Q(valid_until__isnull=True) | models.Q(valid_until__gt=soon)
            )
        return self.none()


class Agreement(models.Model):
    """A cooperation agreement (договор о сотрудничестве); plans keeps its joint-plan annex
    (`PlanRow.agreements`, here `agreement.plan_rows`)."""

    class Status(models.TextChoices):
        IN_FORCE = "in_force", pgettext_lazy("agreement status", "in force")
        EXPIRING = "expiring", pgettext_lazy("agreement status", "expiring")
        EXPIRED = "expired", pgettext_lazy("agreement status", "expired")
        NOT_STARTED = "not_started", pgettext_lazy("agreement status", "not yet in force")

    partner = models.ForeignKey(
        Partner, models.CASCADE, related_name="agreements", verbose_name=_("partner")
    )
    unit = models.ForeignKey(
        Unit, models.CASCADE, related_name="agreements", verbose_name=_("holder unit")
    )
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements",
        verbose_name=_("holder teacher"),
    )
    number = models.CharField(_("number"), max_length=50, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Empty for an open-ended agreement.")
    )
    subject = models.TextField(_("subject"), max_length=2000, blank=True)
    file = models.FileField(_("signed file"), upload_to=agreement_upload_to, blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True, editable=False)

    objects = AgreementQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-valid_from", "number"]

    def __str__(self):
        return _("Agreement No. %(number)s with %(partner)s") % {
            "number": self.number or "—",
            "partner": self.partner,
        }

    def get_absolute_url(self):
        return reverse("agreements:detail", args=[self.pk])

    def status_on(self, day: date) -> str:
        if day < self.valid_from:
            return self.Status.NOT_STARTED
        if self.valid_until is None:
            return self.Status.IN_FORCE
        if day > self.valid_until:
            return self.Status.EXPIRED
        if self.valid_until - day <= timedelta(days=EXPIRING_WITHIN_DAYS):
            return self.Status.EXPIRING
        return self.Status.IN_FORCE

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    @property
    def status_label(self) -> str:
        return self.Status(self.status).label
