"""A teacher's month on the home page (with its one-click «Проведено»), and the calendar."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from execution import access
from partners import inputs, policy
from plans.models import Activity, academic_year_label, current_academic_year
from plans.periods import month_name
from plans.periods.expectations import month_end, year_bounds
from plans.views import home_context

from .. import services
from ..calendar import build_calendar
from ..forms import CalendarForm, HeldForm
from ..presenting import activity_views, month_views
from .common import apply, posted

ITEM = "execution/recording/_month_item.html"


@login_required
@require_GET
def home(request):
    """The home page of plans, with the month's panel for members of units."""
    context = home_context(request)
    if context["units"]:
        today = timezone.localdate()
        context["month_panel"] = {
            "views": month_views(request.user, today),
            "month": month_name(today.month),
        }
    return render(request, "plans/home.html", context)


def _default_date(request, activity):
    """Today, or for an overdue month (`?month=`) its last day."""
    today = timezone.localdate()
    month = inputs.int_param(request.GET, "month", minimum=1, maximum=12)
    if month is None:
        return today
    start, _end = year_bounds(activity.row.plan.year)
    return max(start, min(today, month_end(activity.row.plan.year, month)))


def _item(request, activity, **extra):
    view = activity_views(Activity.objects.filter(pk=activity.pk), request.user)[0]
    return render(request, ITEM, {"view": view, **extra})


@login_required
@require_http_methods(["GET", "POST"])
def held(request, pk):
    """«Проведено»: htmx swaps the short form into the home page's item and back; without
    JavaScript it is a page of its own."""
    activity = access.get_activity(request, pk, record=True)
    form = HeldForm(
        posted(request), activity=activity, initial={"date": _default_date(request, activity)}
    )
    form.fields["date"].widget.attrs["autofocus"] = True  # htmx focuses it once swapped in
    back = inputs.safe_next(request, reverse("home"))
    if form.is_bound and form.is_valid():
        occurrence = apply(
            form,
            lambda: services.record_occurrence(activity, user=request.user, **form.cleaned_data),
        )
        if occurrence is not None:
            text = _("«%(title)s» is marked held on %(date)s.") % {
                "title": activity.title,
                "date": date_format(occurrence.date, "j E Y"),
            }
            if request.htmx:
                return _item(request, activity, recorded=text)
            messages.success(request, text)
            return redirect(back)
    context = {"activity": activity, "form": form, "back": back, "plan": activity.row.plan}
    template = "_held_form.html" if request.htmx else "held_page.html"
    return render(request, f"execution/recording/{template}", context)


@login_required
@require_GET
def month_item(request, pk):
    """One item of the home page's month panel (htmx puts it back when the form is closed)."""
    activity = access.get_activity(request, pk)
    if not request.htmx:
        return redirect("home")
    return _item(request, activity)


@login_required
@require_GET
def calendar(request):
    """The year month by month for the user's units (everyone's, with a filter, for those who
    see all units)."""
    user = request.user
    form = CalendarForm(request.GET or None, user=user)
    year, unit = current_academic_year(), None
    if form.is_bound and form.is_valid():
        year = form.cleaned_data.get("year") or year
        unit = form.cleaned_data.get("unit")
    units = policy.visible_units(user)
    activities = Activity.objects.filter(
        row__plan__year=year, row__plan__unit__in=[unit] if unit else units
    ).order_by("row__plan__unit__name", "row__order", "order", "pk")
    views = activity_views(activities, user)
    context = {
        "form": form,
        "year": year,
        "year_label": academic_year_label(year),
        "unit": unit,
        "months": build_calendar(views, year),
        "sees_all_units": policy.sees_all_units(user),
        "count": len(views),
    }
    return render(request, "execution/recording/calendar.html", context)
