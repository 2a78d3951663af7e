"""The coverage page's filters, kept in its URL (GET) so a view can be bookmarked and shared."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from partners import inputs, policy
from partners.models import Category, Direction, Partner, Tier, Unit
from plans.models import PlanRow, academic_year_label
from plans.periods import ACADEMIC_MONTHS, month_name
from plans.review.coverage import (
    NO_DIRECTION,
    UNTIED_ORDER,
    ActivityQuery,
    CoverageParams,
    default_year,
    untied_label,
    year_choices,
)


class CoverageFilter(django_filters.FilterSet):
    year = django_filters.ChoiceFilter(
        label=_("Academic year"), field_name="plan__year", empty_label=None
    )
    unit = inputs.IdMultipleChoiceFilter(
        label=pgettext_lazy("coverage", "Units"),
        field_name="plan__unit",
        queryset=Unit.objects.none(),
    )
    tier = django_filters.ChoiceFilter(
        label=_("Tier"), field_name="partner__category__tier", choices=Tier.choices
    )
    category = inputs.IdChoiceFilter(
        label=_("Category"),
        field_name="partner__category",
        queryset=Category.objects.ordered(),
    )
    direction = inputs.IdChoiceFilter(
        label=pgettext_lazy("coverage", "Direction"),
        field_name="directions",
        queryset=Direction.objects.all(),
        null_label=_("No direction"),
        null_value=NO_DIRECTION,
    )

    class Meta:
        model = PlanRow
        fields = ["year", "unit", "tier", "category", "direction"]

    def __init__(self, data=None, *args, user, **kwargs):
        self.user = user
        self.default_year = default_year(user)
        if data is not None:
            data = data.copy()
            if not data.get("year"):
                data["year"] = str(self.default_year)
        super().__init__(data, *args, queryset=PlanRow.objects.none(), **kwargs)
        self.filters["unit"].queryset = policy.visible_units(user)
        choices = year_choices(user)
        if self.default_year not in choices:
            choices.append(self.default_year)
        self.filters["year"].extra["choices"] = [
            (y, academic_year_label(y)) for y in sorted(choices, reverse=True)
        ]
        self.form.fields["unit"].widget.attrs.update(
            {"size": 3, "title": _("None selected: all units.")}
        )

    def params(self) -> CoverageParams:
        """The valid filters as parameters; an invalid one is dropped (its error is shown)."""
        form = self.form
        form.is_valid()
        data = getattr(form, "cleaned_data", {})
        year = data.get("year") or self.default_year
        direction = data.get("direction")
        return CoverageParams(
            year=int(year),
            units=tuple(data.get("unit") or ()),
            tier=data.get("tier") or "",
            category=data.get("category"),
            direction=direction or None,
        )


class ActivityQueryForm(forms.Form):
    """The drill-down part of an activity list's URL: which cell it stands for."""

    partner = inputs.IdChoiceField(queryset=Partner.objects.all(), required=False)
    month = forms.TypedChoiceField(
        coerce=int,
        required=False,
        choices=[("", "")] + [(m, month_name(m, capital=True)) for m in ACADEMIC_MONTHS],
    )
    period = forms.ChoiceField(
        required=False, choices=[("", "")] + [(k, untied_label(k)) for k in UNTIED_ORDER]
    )

    def query(self) -> ActivityQuery:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return ActivityQuery(
            partner=data.get("partner"),
            month=data.get("month") or None,
            period=data.get("period") or "",
        )
