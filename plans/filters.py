import django_filters
from django.utils.translation import gettext_lazy as _

from partners import inputs, policy
from partners.models import Unit
from plans.models import Plan, academic_year_label, current_academic_year


class PlanFilter(django_filters.FilterSet):
    """Plans by year, unit and status. The year is the current academic year unless the URL
    names another, or «Все» (`?year=`)."""

    year = django_filters.TypedChoiceFilter(label=_("Academic year"), coerce=int)
    unit = inputs.IdChoiceFilter(label=_("Unit"), queryset=Unit.objects.none())
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Plan.Status.choices)

    class Meta:
        model = Plan
        fields = ["year", "unit", "status"]

    def __init__(self, data=None, *args, user, **kwargs):
        current = current_academic_year()
        data = data.copy() if data is not None else None
        if data is None:
            data = {"year": str(current)}
        elif "year" not in data:
            data["year"] = str(current)
        super().__init__(data, *args, **kwargs)
        self.filters["unit"].queryset = policy.visible_units(user)
        years = set(self.queryset.order_by().values_list("year", flat=True).distinct())
        years.add(current)
        self.filters["year"].extra["choices"] = [
            (y, academic_year_label(y)) for y in sorted(years, reverse=True)
        ]
