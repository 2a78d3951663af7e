from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from partners import policy
from plans import access
from plans.filters import PlanFilter
from plans.models import Plan, current_academic_year
from plans.review.page import plan_page


def home_context(request) -> dict:
    """What the home page shows of plans (execution.recording adds the month's panel)."""
    user = request.user
    units = policy.member_units(user).prefetch_related("plans")
    plans = access.plan_queryset(user)
    reviews = policy.may_review(user)
    return {
        "units": units,
        "current_year": current_academic_year(),
        "recent_plans": plans.order_by("-updated_at")[:10] if reviews else None,
        "review_plans": plans.filter(status=Plan.Status.REVIEW) if reviews else None,
        "sees_all_units": policy.sees_all_units(user),
    }


@login_required
def home(request):
    return render(request, "plans/home.html", home_context(request))


@login_required
def plan_list(request):
    queryset = access.plan_queryset(request.user).annotate_row_counts()
    plan_filter = PlanFilter(request.GET or None, queryset=queryset, user=request.user)
    plans = plan_filter.qs if plan_filter.is_bound and plan_filter.is_valid() else queryset
    context = {
        "filter": plan_filter,
        "plans": plans,
        "can_import": policy.may_import_plans(request.user),
    }
    return render(request, "plans/plan_list.html", context)


@login_required
def plan_detail(request, pk):
    return plan_page(request, access.get_plan(request, pk))
