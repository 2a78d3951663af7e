import django_filters
from django.utils.translation import gettext_lazy as _

from partners import inputs, policy
from partners.models import Unit
from plans.models import Plan, academic_year_label


class PlanFilter(django_filters.FilterSet):
    year = django_filters.TypedChoiceFilter(label=_("Academic year"), coerce=int)
    unit = inputs.IdChoiceFilter(label=_("Unit"), queryset=Unit.objects.none())
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Plan.Status.choices)

    class Meta:
        model = Plan
        fields = ["year", "unit", "status"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["unit"].queryset = policy.visible_units(user)
        years = self.queryset.order_by("-year").values_list("year", flat=True).distinct()
        self.filters["year"].extra["choices"] = [(y, academic_year_label(y)) for y in years]
