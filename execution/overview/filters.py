"""The execution view's filters: the coverage's (year, unit, tier, category, direction) with a
partner, and the drill-down's month and status, all kept in the URL (GET)."""

from __future__ import annotations

from dataclasses import dataclass, fields

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from partners import inputs
from partners.models import Partner
from plans.periods import ACADEMIC_MONTHS, month_name
from plans.review.coverage import CoverageParams
from plans.review.filters import CoverageFilter

# What a number of the view counts; the drill-down's `status` names one.
PLANNED = "planned"
HELD = "held"
OVERDUE = "overdue"
DUE = "due"
UPCOMING = "upcoming"
CANCELLED = "cancelled"
EXTRA = "extra"
OCCURRENCES = "occurrences"  # activities held at least once (behind the people counted)

STATUS_LABELS = {
    PLANNED: pgettext_lazy("overview", "planned"),
    HELD: pgettext_lazy("overview", "held"),
    OVERDUE: pgettext_lazy("overview", "overdue"),
    DUE: pgettext_lazy("overview", "due this month"),
    UPCOMING: pgettext_lazy("overview", "upcoming"),
    CANCELLED: pgettext_lazy("overview", "cancelled"),
    EXTRA: pgettext_lazy("overview", "held beyond the plan"),
    OCCURRENCES: pgettext_lazy("overview", "held at least once"),
}


@dataclass(frozen=True)
class OverviewParams(CoverageParams):
    """The coverage's parameters and a partner."""

    partner: Partner | None = None

    def _values(self) -> dict:
        return {**super()._values(), "partner": self.partner.pk if self.partner else ""}

    def activities_url(self, **overrides) -> str:
        return self.url("overview:activities", **overrides)


class OverviewFilter(CoverageFilter):
    """The coverage's filter set, and a partner."""

    partner = inputs.IdChoiceFilter(
        label=_("Partner"), field_name="partner", queryset=Partner.objects.ordered()
    )

    class Meta(CoverageFilter.Meta):
        fields = [*CoverageFilter.Meta.fields, "partner"]

    def params(self) -> OverviewParams:
        base = super().params()
        data = getattr(self.form, "cleaned_data", {})
        values = {f.name: getattr(base, f.name) for f in fields(CoverageParams)}
        return OverviewParams(**values, partner=data.get("partner"))


class DrillForm(forms.Form):
    """The drill-down part of the activities' URL: which number it stands for."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", pgettext_lazy("overview", "Any"))]
        + [(k, v) for k, v in STATUS_LABELS.items()],
    )
    month = forms.TypedChoiceField(
        label=pgettext_lazy("overview", "Month"),
        coerce=int,
        required=False,
        choices=[("", pgettext_lazy("overview", "Whole year"))]
        + [(m, month_name(m, capital=True)) for m in ACADEMIC_MONTHS],
    )

    def choice(self) -> tuple[str, int | None]:
        """The valid status and month; an invalid one is dropped (its error is shown)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return data.get("status") or "", data.get("month") or None
