"""A new plan: an empty one for one of the user's units, or a copy of another year's plan."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from partners import inputs, policy
from plans.editor import services
from plans.editor.copying import copy_forward
from plans.editor.forms import CopyPlanForm, PlanCreateForm
from plans.editor.panels import edit_url
from plans.editor.services import EditRefused
from plans.editor.views.prelude import editor_view
from plans.editor.views.respond import posted
from plans.models import Activity, Plan, current_academic_year


def _initial(request, units) -> dict:
    """The unit and year asked for in the query, else the first year the unit has no plan for."""
    initial = {}
    if (unit_pk := inputs.int_param(request.GET, "unit")) is not None:
        initial["unit"] = unit_pk
    if (year := inputs.int_param(request.GET, "year", maximum=9999)) is not None:
        initial["year"] = year
        return initial
    unit = units.filter(pk=initial.get("unit") or 0).first() or units.first()
    taken = set(unit.plans.values_list("year", flat=True)) if unit else set()
    initial["year"] = next(y for y in range(current_academic_year(), 3000) if y not in taken)
    return initial


@login_required
def plan_create(request):
    if not policy.may_create_plans(request.user):
        raise PermissionDenied
    units = policy.managed_units(request.user)
    form = PlanCreateForm(posted(request), user=request.user, initial=_initial(request, units))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = services.create_plan(
                unit=data["unit"], year=data["year"], title=data["title"], user=request.user
            )
        except EditRefused as refused:
            form.add_error(refused.field, refused.message)
        else:
            messages.success(
                request,
                _("The plan for %(year)s is created. Add its first partner below.")
                % {"year": plan.academic_year},
            )
            return redirect(f"{edit_url(plan)}#add-row")
    existing = Plan.objects.filter(unit__in=units).select_related("unit").order_by("-year")
    return render(request, "plans/edit/plan_create.html", {"form": form, "existing": existing})


@editor_view(allow_approved=True)
def plan_copy(request, target):
    source = target.plan
    form = CopyPlanForm(posted(request), source=source)
    if request.method == "POST" and form.is_valid():
        try:
            plan = copy_forward(source, year=form.cleaned_data["year"], user=request.user)
        except EditRefused as refused:
            form.add_error(refused.field, refused.message)
        else:
            messages.success(request, _copied_message(plan))
            return redirect(plan.get_absolute_url())
    return render(request, "plans/edit/plan_copy.html", {"plan": source, "form": form})


def _copied_message(plan) -> str:
    return _(
        "The plan is copied to %(year)s as a draft: %(rows)d rows, "
        "%(activities)d activities. Check the periods and dates."
    ) % {
        "year": plan.academic_year,
        "rows": plan.rows.count(),
        "activities": Activity.objects.filter(row__plan=plan).count(),
    }
