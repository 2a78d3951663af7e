import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from partners import inputs, policy
from partners.models import Agreement, Category, Partner, Tier


class PartnerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search", max_length=100)
    tier = django_filters.ChoiceFilter(
        label=_("Tier"), field_name="category__tier", choices=Tier.choices
    )
    category = inputs.IdChoiceFilter(
        label=_("Category"), queryset=Category.objects.all()
    )
    is_active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = Partner
        fields = ["q", "tier", "category", "is_active"]

    def search(self, queryset, name, value):
        value = value.strip().lower()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__lower__contains=value)
            | Q(short_name__lower__contains=value)
            | Q(address__lower__contains=value)
            | Q(contacts__name__lower__contains=value)
        ).distinct()


class AgreementFilter(django_filters.FilterSet):
    """Agreements by status (derived from the dates, as of today), holder unit and partner."""

    status = django_filters.ChoiceFilter(label=_("Status"), method="by_status", choices=[])
    unit = inputs.IdChoiceFilter(label=_("Holder unit"), queryset=None)
    partner = inputs.IdChoiceFilter(label=_("Partner"), queryset=None)

    class Meta:
        model = Agreement
        fields = ["status", "unit", "partner"]

    def __init__(self, *args, user, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.filters["status"].extra["choices"] = Agreement.Status.choices
        self.filters["unit"].queryset = policy.visible_units(user)
        self.filters["partner"].queryset = Partner.objects.filter(
            pk__in=policy.scope(Agreement.objects.all(), user).values("partner")
        )

    def by_status(self, queryset, name, value):
        return queryset.with_status(value, self.today) if value else queryset
