"""The registry as everyone reads it: the list of partners and a partner's page.

What higher apps know about a partner (plans: the rows that name it and their count) comes
through `partners.extensions`: registry columns and partner-page panels.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from partners import access, extensions, policy
from partners.filters import PartnerFilter
from partners.models import Partner

# As the history page. A page of 100 rows cost as much again as the page around it (the
# benchmark's registry figure), and is a long scroll on a phone.
PER_PAGE = 50


@login_required
def partner_list(request):
    queryset = Partner.objects.all()
    columns = list(extensions.registry_columns)
    for column in columns:
        queryset = column.annotate(queryset, request.user)
    partner_filter = PartnerFilter(request.GET or None, queryset=queryset)
    partners = partner_filter.qs if partner_filter.is_bound and partner_filter.is_valid() else (
        queryset
    )
    # Paged in the database: a page's partners and one COUNT, whatever the registry's size.
    page = Paginator(partners.ordered(), PER_PAGE).get_page(request.GET.get("page"))
    lines = [(partner, [getattr(partner, c.attribute) for c in columns]) for partner in page]
    return render(
        request,
        "partners/partner_list.html",
        {"filter": partner_filter, "lines": lines, "columns": columns, "page": page,
         "can_manage": policy.may_manage_registry(request.user)},
    )


@login_required
def partner_detail(request, pk):
    partner = access.get_partner(request, pk)
    return render(
        request,
        "partners/partner_detail.html",
        {
            "partner": partner,
            "contacts": partner.contacts.all(),
            "panels": [panel(request, partner) for panel in extensions.partner_panels],
            "can_manage": policy.may_manage_registry(request.user),
        },
    )
