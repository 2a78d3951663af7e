"""Annual complex plans (комплексный план работы с социальными партнёрами), rows, activities."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partners.models import Direction, InteractionForm, Partner, Unit
from plans import locking, table_cache
from plans.periods import Frequency, Period


def current_academic_year(today=None) -> int:
    """The start year of the academic year (September to August) that holds `today`."""
    today = today or timezone.localdate()
    return today.year if today.month >= 9 else today.year - 1


def academic_year_label(year: int) -> str:
    return f"{year}/{year + 1}"


class PlanQuerySet(models.QuerySet):
    def annotate_row_counts(self):
        return self.annotate(
            row_count=models.Count("rows", distinct=True),
            activity_count=models.Count("rows__activities", distinct=True),
        )

    def update(self, **kwargs):
        locking.check_plan_update(self, kwargs)
        return super().update(**kwargs)


class Plan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("On review")
        APPROVED = "approved", _("Approved")

    unit = models.ForeignKey(Unit, models.PROTECT, related_name="plans", verbose_name=_("unit"))
    year = models.PositiveSmallIntegerField(
        _("academic year"), help_text=_("The year the academic year starts in, e.g. 2025.")
    )
    title = models.CharField(
        _("title"),
        max_length=400,
        blank=True,
        help_text=_("Leave empty for the standard title."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted for review"), null=True, blank=True)
    approved_at = models.DateField(_("approved on"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approval_order = models.CharField(
        _("order number"), max_length=50, blank=True, help_text=_("Where approval is by order.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PlanQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("annual plan")
        verbose_name_plural = _("annual plans")
        ordering = ["-year", "unit__order", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="one_plan_per_unit_and_year"),
        ]

    def __str__(self):
        return f"{self.unit} — {self.academic_year}"

    def get_absolute_url(self):
        return reverse("plans:detail", args=[self.pk])

    @property
    def academic_year(self) -> str:
        return academic_year_label(self.year)

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        return _(
            "Comprehensive plan of work of %(unit)s with social partners "
            "for the %(year)s academic year"
        ) % {"unit": self.unit.title_genitive, "year": self.academic_year}

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def is_editable(self) -> bool:
        """Only a draft changes (see `partners.policy.may_edit_plan`)."""
        return self.status == self.Status.DRAFT


class PlanTransition(models.Model):
    """One step of the approval workflow, with who took it and why."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=10, choices=Plan.Status.choices)
    to_status = models.CharField(max_length=10, choices=Plan.Status.choices)
    # The step taken (plans.workflow.ACTIONS), blank in records older than the field.
    action = models.CharField(_("step"), max_length=10, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    comment = models.TextField(_("comment"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.plan}: {self.from_status} → {self.to_status}"


class PlanRowQuerySet(models.QuerySet):
    """Bulk writes refuse rows of approved plans (see plans.locking) and give the plans they
    touch a new table token (see plans.table_cache)."""

    def update(self, **kwargs):
        locking.check_rows(self)
        plans = set(self.order_by().values_list("plan_id", flat=True).distinct())
        done = super().update(**kwargs)
        moved_to = kwargs.get("plan_id", getattr(kwargs.get("plan"), "pk", None))
        table_cache.plans_changed(plans | {moved_to})
        return done

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        locking.check_new_rows(objs)
        done = super().bulk_create(objs, *args, **kwargs)
        table_cache.plans_changed(row.plan_id for row in objs)
        return done

    def bulk_update(self, objs, *args, **kwargs):
        objs = list(objs)
        locking.check_new_rows(objs)
        done = super().bulk_update(objs, *args, **kwargs)
        table_cache.plans_changed(row.plan_id for row in objs)
        return done


class PlanRow(models.Model):
    """A partner's row in the plan: the characteristic of interaction and its activities."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="rows", verbose_name=_("plan"))
    partner = models.ForeignKey(
        Partner, models.PROTECT, related_name="plan_rows", verbose_name=_("social partner")
    )
    characteristic = models.TextField(
        _("characteristic of interaction"), max_length=2000, blank=True
    )
    directions = models.ManyToManyField(
        Direction, blank=True, related_name="plan_rows", verbose_name=_("directions")
    )
    # The joint-plan annex of cooperation agreements: the rows an agreement covers.
    agreements = models.ManyToManyField(
        "partners.Agreement", blank=True, related_name="plan_rows", verbose_name=_("agreements")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    version = models.PositiveIntegerField(default=1)

    objects = PlanRowQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[directions])

    class Meta:
        verbose_name = _("plan row")
        verbose_name_plural = _("plan rows")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "partner"], name="one_row_per_partner"),
        ]

    def __str__(self):
        return f"{self.plan}: {self.partner}"

    def get_absolute_url(self):
        return f"{self.plan.get_absolute_url()}#row-{self.pk}"


class ActivityQuerySet(models.QuerySet):
    """Bulk writes refuse activities of approved plans (see plans.locking) and give the plans
    they touch a new table token (see plans.table_cache)."""

    def update(self, **kwargs):
        locking.check_activities(self)
        plans = set(self.order_by().values_list("row__plan_id", flat=True).distinct())
        done = super().update(**kwargs)
        moved_to = kwargs.get("row_id", getattr(kwargs.get("row"), "pk", None))
        table_cache.plans_changed(plans | table_cache.plans_of_rows([moved_to]))
        return done

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        locking.check_new_activities(objs)
        done = super().bulk_create(objs, *args, **kwargs)
        table_cache.plans_changed(table_cache.plans_of_rows(a.row_id for a in objs))
        return done

    def bulk_update(self, objs, *args, **kwargs):
        objs = list(objs)
        locking.check_new_activities(objs)
        done = super().bulk_update(objs, *args, **kwargs)
        table_cache.plans_changed(table_cache.plans_of_rows(a.row_id for a in objs))
        return done


class Activity(models.Model):
    """A concrete activity of a row («Мастер-класс «Цветы из салфеток»») with its period."""

    row = models.ForeignKey(
        PlanRow, models.CASCADE, related_name="activities", verbose_name=_("plan row")
    )
    title = models.CharField(_("activity"), max_length=500)
    form = models.ForeignKey(
        InteractionForm,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("form of interaction"),
    )
    # The period as data (see plans/periods.py): bit m-1 set for calendar month m.
    months = models.PositiveSmallIntegerField(_("months"), default=0)
    frequency = models.CharField(
        _("frequency"), max_length=20, choices=Frequency.choices, blank=True
    )
    period_note = models.CharField(_("period note"), max_length=200, blank=True)
    responsible = models.CharField(_("responsible"), max_length=200, blank=True)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    # What came of it, once held.
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    result = models.TextField(_("result"), max_length=2000, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    version = models.PositiveIntegerField(default=1)

    objects = ActivityQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title

    @property
    def period(self) -> Period:
        return Period.from_bitmask(self.months, self.frequency, self.period_note)

    @period.setter
    def period(self, value: Period) -> None:
        self.months = value.to_bitmask()
        self.frequency = value.frequency
        self.period_note = value.note

    @property
    def period_text(self) -> str:
        return self.period.text


class Comment(models.Model):
    """A reviewer's comment on a plan or on one of its rows."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="comments")
    row = models.ForeignKey(
        PlanRow, models.CASCADE, null=True, blank=True, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="plan_comments"
    )
    text = models.TextField(_("comment"), max_length=4000)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.text[:60]

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class ExportJob(models.Model):
    """An export that runs in the background (django-tasks): its progress and its file.

    The file lives under MEDIA_ROOT/exports/ and is served only to the user who asked for it
    (see plans.exports.views.export_download). `key` is the hash of the exported content, so
    asking again for an unchanged plan finds the job that is running or done.
    """

    class Kind(models.TextChoices):
        PLAN_PDF = "plan_pdf", _("Plan (PDF)")
        CONSOLIDATED_PDF = "consolidated_pdf", _("Consolidated plan (PDF)")
        # The year-end reports (execution.reports): a plan's (with `plan`) or the
        # institution's (with `year`).
        REPORT_PDF = "report_pdf", _("Report (PDF)")
        # A long plan's DOCX and XLSX (more than EXPORT_SYNC_MAX_LINES printed lines).
        PLAN_DOCX = "plan_docx", _("Plan (DOCX)")
        PLAN_XLSX = "plan_xlsx", _("Plan (XLSX)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting in the queue")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="export_jobs"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    plan = models.ForeignKey(
        Plan, models.CASCADE, null=True, blank=True, related_name="export_jobs"
    )
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    key = models.CharField(max_length=64, db_index=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    step = models.CharField(max_length=200, blank=True)
    file = models.CharField(max_length=300, blank=True)
    filename = models.CharField(max_length=300, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    error = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("export job")
        verbose_name_plural = _("export jobs")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("plans:export_job", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}
