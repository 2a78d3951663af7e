from django.contrib.auth.decorators import login_required
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.shortcuts import render

from partners import access
from partners.filters import PartnerFilter
from partners.models import Partner, Tier
from plans.models import Plan, PlanRow


@login_required
def partner_list(request):
    queryset = Partner.objects.select_related("category").annotate(
        row_count=Count("plan_rows", distinct=True)
    )
    partner_filter = PartnerFilter(request.GET or None, queryset=queryset)
    partners = partner_filter.qs if partner_filter.is_bound and partner_filter.is_valid() else (
        queryset
    )
    # Internal partners first, as in the plan; then categories in their order.
    tier_first = Case(
        When(category__tier=Tier.INTERNAL, then=Value(0)), default=Value(1),
        output_field=IntegerField(),
    )
    partners = partners.order_by(tier_first, "category__order", "name")
    return render(
        request,
        "partners/partner_list.html",
        {"filter": partner_filter, "partners": partners,
         "can_manage": access.can_manage_registry(request.user)},
    )


@login_required
def partner_detail(request, pk):
    partner = access.get_partner(request, pk)
    visible_plans = Plan.objects.visible_to(request.user)
    rows = (
        PlanRow.objects.filter(partner=partner, plan__in=visible_plans)
        .select_related("plan", "plan__unit")
        .annotate(activity_count=Count("activities", filter=Q(activities__isnull=False)))
        .order_by("-plan__year", "plan__unit__name")
    )
    return render(
        request,
        "partners/partner_detail.html",
        {
            "partner": partner,
            "contacts": partner.contacts.all(),
            "rows": rows,
            "can_manage": access.can_manage_registry(request.user),
        },
    )
