"""The institution and its units: who keeps plans, agreements and partnerships.

Re-exported by `partners.models`, where Django finds every model of the app.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Institution(models.Model):
    """The institution (учреждение) as it signs its documents."""

    name = models.CharField(_("full name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=150)
    city = models.CharField(_("city"), max_length=100, blank=True)
    director_title = models.CharField(
        _("director's title"), max_length=200, blank=True, default="Директор"
    )
    director_name = models.CharField(
        _("director's name"),
        max_length=150,
        blank=True,
        help_text=_("Initials and surname as signed, e.g. «И. И. Иванова»."),
    )
    logo = models.ImageField(_("logo"), upload_to="institution/", blank=True)
    summer_programme = models.BooleanField(
        _("runs a summer programme"),
        default=False,
        help_text=_(
            "Working months are September to May; with a summer programme, June to August too. "
            "The coverage flags only working months with nothing planned."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")

    def __str__(self):
        return self.short_name or self.name


class Unit(models.Model):
    """A unit that keeps its own annual plan and may hold partnerships (seed 001)."""

    class Kind(models.TextChoices):
        INSTITUTION = "institution", _("Institution as a whole")
        DEPARTMENT = "department", _("Department")
        ASSOCIATION = "association", _("Creative association")
        HALL = "hall", _("Exhibition hall")

    institution = models.ForeignKey(
        Institution, models.CASCADE, related_name="units", verbose_name=_("institution")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    # The genitive form for titles: «Комплексный план работы творческого объединения
    # «Рукодельница» с социальными партнёрами».
    name_genitive = models.CharField(
        _("name in the genitive"),
        max_length=250,
        blank=True,
        help_text=_("As in «План работы <b>творческого объединения «Рукодельница»</b>»."),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="units", verbose_name=_("members")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    plan_expected = models.BooleanField(
        _("keeps an annual plan"),
        null=True,
        blank=True,
        default=None,
        choices=[
            (None, _("By kind: creative associations do")),
            (True, _("Yes")),
            (False, _("No")),
        ],
        help_text=_("A unit expected to keep a plan is listed on the coverage if it has none."),
    )

    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["institution", "name"], name="unique_unit_name"),
        ]

    def __str__(self):
        return self.name

    @property
    def title_genitive(self) -> str:
        return self.name_genitive or self.name

    @property
    def expects_plan(self) -> bool:
        """Whether the unit is expected to keep an annual plan: set per unit, or by its kind."""
        if self.plan_expected is not None:
            return self.plan_expected
        return self.kind == self.Kind.ASSOCIATION
