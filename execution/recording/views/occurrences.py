"""Recording an occurrence in full (achievements, links, files), changing and deleting it, and
serving its files."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from execution import access
from execution.models import Occurrence

from .. import files, services
from ..forms import AchievementFormSet, OccurrenceForm
from .common import apply, plan_url, posted

PREFIX = "achievements"


def _form_page(request, activity, occurrence):
    data = posted(request)
    form = OccurrenceForm(
        data,
        request.FILES if data is not None else None,
        activity=activity,
        occurrence=occurrence,
        initial=_initial(occurrence),
    )
    formset = AchievementFormSet(
        data, instance=occurrence or Occurrence(activity=activity), prefix=PREFIX
    )
    if data is not None and form.is_valid() and formset.is_valid():
        saved = apply(
            form,
            lambda: services.save_occurrence(
                activity,
                occurrence,
                user=request.user,
                data=form.cleaned_data,
                achievements=formset,
                new_files=form.cleaned_data.get("files") or [],
                removed_files=form.cleaned_data.get("remove_files") or [],
            ),
        )
        if saved is not None:
            messages.success(
                request,
                _("The occurrence of %(date)s is saved.")
                % {"date": date_format(saved.date, "j E Y")},
            )
            return redirect(plan_url(activity))
    context = {
        "activity": activity,
        "plan": activity.row.plan,
        "occurrence": occurrence,
        "form": form,
        "formset": formset,
        "back": plan_url(activity),
    }
    return render(request, "execution/recording/occurrence_form.html", context)


def _initial(occurrence):
    if occurrence is None:
        return {"date": timezone.localdate()}
    return {
        name: getattr(occurrence, name)
        for name in ("date", "children", "adults", "result", "links")
    }


@login_required
@require_http_methods(["GET", "POST"])
def occurrence_add(request, pk):
    activity = access.get_activity(request, pk, record=True)
    return _form_page(request, activity, None)


@login_required
@require_http_methods(["GET", "POST"])
def occurrence_edit(request, pk):
    occurrence = access.get_occurrence(request, pk, record=True)
    return _form_page(request, occurrence.activity, occurrence)


@login_required
@require_http_methods(["GET", "POST"])
def occurrence_delete(request, pk):
    occurrence = access.get_occurrence(request, pk, record=True)
    activity = occurrence.activity
    if request.method == "POST":
        services.delete_occurrence(occurrence, user=request.user)
        messages.success(
            request,
            _("The occurrence of %(date)s is deleted.")
            % {"date": date_format(occurrence.date, "j E Y")},
        )
        return redirect(plan_url(activity))
    context = {
        "plan": activity.row.plan,
        "activity": activity,
        "back": plan_url(activity),
        "question": _("Delete the occurrence of %(date)s?")
        % {"date": date_format(occurrence.date, "j E Y")},
        "explanation": _(
            "Its achievements and files are deleted with it; the history keeps a record."
        ),
        "button": _("Delete"),
    }
    return render(request, "execution/recording/confirm.html", context)


@login_required
@require_GET
def occurrence_file(request, pk):
    return files.file_response(access.get_file(request, pk))
