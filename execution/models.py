"""What happened to a plan's activities: occurrences, their achievements and files, cancellations
and moves, a plan's year-end conclusions, and each user's calendar-feed token.

The plan's content stays locked once approved (plans.locking); none of these rows is plan
content, so they are recorded on approved plans too. The rules of planned against held live in
``plans.periods.expectations``; ``execution.schedules`` applies them to these rows.
"""

import secrets
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from plans.models import Activity, Plan

MAX_PEOPLE = 10_000
"""More children or adults than this at one occurrence is a typing error."""

MAX_FILES = 5
"""Photos or files an occurrence may carry."""


class Occurrence(models.Model):
    """One time an activity was held: when, with how many people, and what came of it."""

    activity = models.ForeignKey(
        Activity, models.CASCADE, related_name="occurrences", verbose_name=_("activity")
    )
    date = models.DateField(_("date"))
    children = models.PositiveIntegerField(
        _("children"), default=0, validators=[MaxValueValidator(MAX_PEOPLE)]
    )
    adults = models.PositiveIntegerField(
        _("adults"), default=0, validators=[MaxValueValidator(MAX_PEOPLE)]
    )
    result = models.TextField(_("result"), max_length=2000, blank=True)
    links = models.TextField(_("links"), max_length=2000, blank=True, help_text=_("One per line."))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("occurrence")
        verbose_name_plural = _("occurrences")
        ordering = ["date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(children__lte=MAX_PEOPLE, adults__lte=MAX_PEOPLE),
                name="occurrence_people_bounded",
            ),
        ]

    def __str__(self):
        return f"{self.activity}: {self.date:%d.%m.%Y}"

    @property
    def participants(self) -> int:
        return self.children + self.adults

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]


class Achievement(models.Model):
    """A prize or distinction won at an occurrence («Диплом I степени», регион, «Иванова Анна»)."""

    class Level(models.TextChoices):
        INSTITUTION = "institution", _("institution")
        MUNICIPAL = "municipal", _("municipal")
        REGIONAL = "regional", _("regional")
        NATIONAL = "national", _("all-Russian")
        INTERNATIONAL = "international", _("international")

    occurrence = models.ForeignKey(
        Occurrence, models.CASCADE, related_name="achievements", verbose_name=_("occurrence")
    )
    title = models.CharField(_("achievement"), max_length=200)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    name = models.CharField(_("awarded to"), max_length=200, help_text=_("A child or a group."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("achievement")
        verbose_name_plural = _("achievements")
        ordering = ["occurrence__date", "pk"]

    def __str__(self):
        return f"{self.title} ({self.get_level_display()}): {self.name}"


def occurrence_upload_to(instance, filename):
    # The stored name is random: the user's file name is kept in `name`, never in a path.
    return f"occurrences/{uuid.uuid4().hex}{instance.extension}"


class OccurrenceFile(models.Model):
    """A photo or document of an occurrence, content-checked like agreement files."""

    occurrence = models.ForeignKey(
        Occurrence, models.CASCADE, related_name="files", verbose_name=_("occurrence")
    )
    file = models.FileField(_("file"), upload_to=occurrence_upload_to)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    uploaded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("occurrence file")
        verbose_name_plural = _("occurrence files")
        ordering = ["pk"]

    def __str__(self):
        return self.name

    @property
    def extension(self) -> str:
        return {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}.get(
            self.content_type, ""
        )

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class ActivityChange(models.Model):
    """An activity, or one of its planned months, cancelled or moved to another month."""

    class Kind(models.TextChoices):
        CANCELLED = "cancelled", _("cancelled")
        MOVED = "moved", _("moved")

    activity = models.ForeignKey(
        Activity, models.CASCADE, related_name="changes", verbose_name=_("activity")
    )
    # A slot's key month (see plans.periods.expectations); empty: the whole activity.
    month = models.PositiveSmallIntegerField(_("planned month"), null=True, blank=True)
    kind = models.CharField(_("change"), max_length=10, choices=Kind.choices)
    to_month = models.PositiveSmallIntegerField(_("moved to"), null=True, blank=True)
    reason = models.TextField(_("reason"), max_length=1000)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cancellation or move")
        verbose_name_plural = _("cancellations and moves")
        ordering = ["at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "month"],
                name="one_change_per_planned_month",
                condition=models.Q(month__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["activity"],
                name="one_whole_activity_change",
                condition=models.Q(month__isnull=True),
            ),
            models.CheckConstraint(
                condition=models.Q(kind="cancelled", to_month__isnull=True)
                | models.Q(kind="moved", to_month__gte=1, to_month__lte=12, month__isnull=False),
                name="change_kind_matches_months",
            ),
        ]

    def __str__(self):
        return f"{self.activity}: {self.get_kind_display()}"

    @property
    def is_whole_activity(self) -> bool:
        return self.month is None


class Conclusion(models.Model):
    """The teacher's own conclusions in a plan's year-end report."""

    plan = models.OneToOneField(
        Plan, models.CASCADE, related_name="conclusion", verbose_name=_("plan")
    )
    achieved = models.TextField(_("what was achieved"), max_length=5000, blank=True)
    difficulties = models.TextField(_("what was hard"), max_length=5000, blank=True)
    next_year = models.TextField(_("what to change next year"), max_length=5000, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("conclusions")
        verbose_name_plural = _("conclusions")

    def __str__(self):
        return str(self.plan)

    @property
    def is_empty(self) -> bool:
        return not (self.achieved or self.difficulties or self.next_year)


def new_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarToken(models.Model):
    """The secret in a user's private calendar-feed URL; resetting it ends the old URL."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="calendar_token"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed token")
        verbose_name_plural = _("calendar feed tokens")

    def __str__(self):
        return str(self.user)

    def reset(self) -> None:
        self.token = new_token()
        self.created_at = timezone.now()
        self.save(update_fields=["token", "created_at"])
