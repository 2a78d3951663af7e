"""Cancelling an activity or a planned month, moving a planned month, and undoing either."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods

from execution import access

from .. import services
from ..forms import ChangeForm
from .common import apply, plan_url, posted


def _change_page(request, pk, *, move: bool):
    activity = access.get_activity(request, pk, record=True)
    form = ChangeForm(posted(request), activity=activity, move=move)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if move:
            done = apply(
                form,
                lambda: services.move(
                    activity,
                    user=request.user,
                    month=data["month"],
                    to_month=data["to_month"],
                    reason=data["reason"],
                ),
            )
        else:
            done = apply(
                form,
                lambda: services.cancel(
                    activity, user=request.user, month=data.get("month"), reason=data["reason"]
                ),
            )
        if done is not None:
            messages.success(
                request,
                _("Saved: «%(title)s» is %(what)s.")
                % {"title": activity.title, "what": done.get_kind_display()},
            )
            return redirect(plan_url(activity))
    context = {
        "activity": activity,
        "plan": activity.row.plan,
        "form": form,
        "move": move,
        "back": plan_url(activity),
    }
    return render(request, "execution/recording/change_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def cancel(request, pk):
    return _change_page(request, pk, move=False)


@login_required
@require_http_methods(["GET", "POST"])
def move(request, pk):
    return _change_page(request, pk, move=True)


@login_required
@require_http_methods(["GET", "POST"])
def undo(request, pk):
    change = access.get_change(request, pk, record=True)
    activity = change.activity
    if request.method == "POST":
        services.undo(change, user=request.user)
        messages.success(
            request,
            _("The change is undone: «%(title)s» is expected as planned.")
            % {"title": activity.title},
        )
        return redirect(plan_url(activity))
    context = {
        "plan": activity.row.plan,
        "activity": activity,
        "back": plan_url(activity),
        "question": _("Undo this change of «%(title)s»?") % {"title": activity.title},
        "explanation": change.reason,
        "button": pgettext("execution recording", "Undo"),
    }
    return render(request, "execution/recording/confirm.html", context)
