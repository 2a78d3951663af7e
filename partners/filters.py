import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from partners import inputs, policy, search
from partners.models import Agreement, Category, Contact, Partner, Tier


def yes_no_filter(label, **kwargs) -> django_filters.BooleanFilter:
    """A yes/no filter offered as «Любой / да / нет» (not Django's «Неизвестно»)."""
    choices = [
        ("", pgettext_lazy("filter", "Any")),
        ("true", pgettext_lazy("filter", "yes")),
        ("false", pgettext_lazy("filter", "no")),
    ]
    return django_filters.BooleanFilter(
        label=label, widget=forms.Select(choices=choices), **kwargs
    )


class PartnerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search", max_length=100)
    tier = django_filters.ChoiceFilter(
        label=_("Tier"), field_name="category__tier", choices=Tier.choices
    )
    category = inputs.IdChoiceFilter(
        label=_("Category"), queryset=Category.objects.all()
    )
    is_active = yes_no_filter(_("Active"))

    class Meta:
        model = Partner
        fields = ["q", "tier", "category", "is_active"]

    def search(self, queryset, name, value):
        """The one search rule (`partners.search`), in names, addresses and contacts."""
        return search.matching(
            queryset, value, fields=("name", "short_name", "address"),
            related=[(Contact.objects.all(), "name")],
        )


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
