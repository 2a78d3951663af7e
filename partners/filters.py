import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from partners.models import Category, Partner, Tier


class PartnerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search", max_length=100)
    tier = django_filters.ChoiceFilter(
        label=_("Tier"), field_name="category__tier", choices=Tier.choices
    )
    category = django_filters.ModelChoiceFilter(
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
