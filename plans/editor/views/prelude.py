"""The one prelude of the editor's views: load the plan, row and activity named by the URL,
or refuse.

* a plan the user may not see, or a row or activity that is not the plan's, is a 404;
* a visible plan the user may not change (`policy.may_ever_edit_plan`) is a 403;
* while the plan is approved (`policy.may_edit_plan`), a change is refused with a message that
  says who approved it, as the service would (htmx gets the notice, a plain request a redirect).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_http_methods

from partners import policy
from plans.editor.panels import edit_url
from plans.editor.services import approved_message
from plans.editor.views.respond import refuse
from plans.models import Activity, Plan, PlanRow


@dataclass
class Target:
    """What an editor view works on: the plan, and the row and activity if the URL names them."""

    plan: Plan
    row: PlanRow | None = None
    activity: Activity | None = None

    def url(self, anchor: str = "") -> str:
        """The plan's page in edit mode, at `anchor` if given."""
        url = edit_url(self.plan)
        return f"{url}#{anchor}" if anchor else url

    @property
    def row_url(self) -> str:
        """The plan's page at the row."""
        return self.url(f"row-{self.row.pk}")


def visible_plan(request, pk) -> Plan:
    plans = Plan.objects.select_related("unit", "unit__institution", "approved_by")
    return get_object_or_404(policy.scope(plans, request.user), pk=pk)


def load(request, pk, row_pk=None, activity_pk=None, *, edit: bool) -> Target:
    """The target named by the URL; 404 if not visible, 403 if `edit` and not the user's."""
    target = Target(visible_plan(request, pk))
    if edit and not policy.may_ever_edit_plan(request.user, target.plan):
        raise PermissionDenied
    if row_pk is not None:
        rows = PlanRow.objects.select_related("partner", "partner__category")
        target.row = get_object_or_404(rows, pk=row_pk, plan=target.plan)
    if activity_pk is not None:
        activities = Activity.objects.select_related("form")
        target.activity = get_object_or_404(activities, pk=activity_pk, row=target.row)
    return target


def editor_view(*, edit: bool = True, allow_approved: bool = False, methods=None):
    """Decorate a view `view(request, target, **rest)` of a URL with `pk` and perhaps `row_pk`
    and `activity_pk`: log in, check the method, load the target or refuse (see the module).

    `edit=False` is for views that only show (a visible plan is enough); `allow_approved` lets
    approved plans through (copying a plan forward, searching the registry, and restoring,
    whose service refuses on its own and goes back to the history page).
    """

    def decorate(view):
        @wraps(view)
        def prelude(request, pk, row_pk=None, activity_pk=None, **rest):
            target = load(request, pk, row_pk, activity_pk, edit=edit)
            if edit and not allow_approved and not policy.may_edit_plan(request.user, target.plan):
                return refuse(request, target.plan, approved_message(target.plan))
            return view(request, target, **rest)

        checked = require_http_methods(methods)(prelude) if methods else prelude
        return login_required(checked)

    return decorate
