"""The plan editor: every action is a real page and a POST that redirects back to the row;
with htmx the same views answer with the row (or the table) rendered by `_plan_table.html`.
"""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms import CheckboxSelectMultiple
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_POST

from plans import access, editing
from plans.editing import Conflict, EditRefused
from plans.forms import (
    ActivityForm,
    CopyPlanForm,
    PeriodPreviewForm,
    PlanCreateForm,
    QuickPartnerForm,
    RowForm,
    editable_units,
    initial_for_row,
    label,
    partners_matching,
)
from plans.history import plan_history, row_label
from plans.models import Activity, Plan, PlanRow, current_academic_year
from plans.table import build_table
from plans.templatetags.plan_editing import annotate_moves

TABLE = "plans/_plan_table.html"


# --------------------------------------------------------------------------- helpers


def _plan_url(plan, anchor=""):
    url = plan.get_absolute_url()
    return f"{url}#{anchor}" if anchor else url


def _events(response, *, notice="", focus=""):
    """Tell the page (plan_edit.js) what to announce and where to put the focus."""
    events = json.loads(response.get("HX-Trigger-After-Settle") or "{}")
    if notice:
        events["planNotice"] = {"text": str(notice)}
    if focus:
        events["planFocus"] = {"id": focus}
    if events:
        # ensure_ascii keeps the header ASCII (Russian text travels as \\u escapes).
        response["HX-Trigger-After-Settle"] = json.dumps(events, ensure_ascii=True)
    return response


def _lines(plan):
    lines = build_table(plan)
    annotate_moves(lines)
    return lines


def _base_context(request, plan):
    return {"plan": plan, "can_edit": access.can_edit_content(request.user, plan)}


def render_line(request, plan, row_pk, *, editor=None, notice_row=None, notice="", focus=""):
    """The row's <tbody>, as the full page renders it (numbering included)."""
    line = next((li for li in _lines(plan) if li.row is not None and li.row.pk == row_pk), None)
    if line is None:
        raise Http404
    context = _base_context(request, plan) | {
        "line": line,
        "editor": editor,
        "notice_row": notice_row,
    }
    response = render(request, f"{TABLE}#plan-line", context)
    return _events(response, notice=notice, focus=focus)


def render_table(request, plan, *, notices=(), notice="", focus="", add_form=None, editor=None):
    """The whole table area (numbering changes when rows come, go or move)."""
    context = _base_context(request, plan) | {
        "lines": _lines(plan),
        "notices": notices,
        "add_form": add_form,
        "editor": editor,
    }
    response = render(request, f"{TABLE}#plan-table", context)
    return _events(response, notice=notice, focus=focus)


def _refuse(request, plan, message, *, back=None):
    """An action that cannot be done: say why, change nothing."""
    if request.htmx:
        response = render(
            request, "plans/edit/_notice.html", {"level": "danger", "text": message}
        )
        response["HX-Retarget"] = "#plan-notices"
        response["HX-Reswap"] = "innerHTML"
        return _events(response, notice=message)
    messages.error(request, message)
    return redirect(back or _plan_url(plan))


def _editor_page(request, plan, editor, status=200):
    """The editor as a page of its own (no JavaScript, or a link opened in a new tab)."""
    form = editor["form"]
    name = next((n for n in form.errors if n in form.fields), None) if form.is_bound else None
    name = name or getattr(form, "focus", None) or next(iter(form.fields))
    if name in form.fields and not isinstance(form.fields[name].widget, CheckboxSelectMultiple):
        form.fields[name].widget.attrs["autofocus"] = True
    context = _base_context(request, plan) | {"editor": editor}
    return render(request, "plans/edit/editor_page.html", context, status=status)


def _safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _focus_id(form, default=""):
    """The id of the field to focus: the first with an error, or the form's own choice."""
    name = next(iter(form.errors), None) if form.is_bound else None
    if name in (None, "__all__"):
        name = getattr(form, "focus", None)
    if name is None or name not in form.fields:
        return default
    field_id = form.auto_id % name
    if isinstance(form.fields[name].widget, CheckboxSelectMultiple):
        return f"{field_id}_0"
    return field_id


def _posted(request):
    """The submitted data of a POST (even an empty one), None for a GET."""
    return request.POST if request.method == "POST" else None


def _editable_plan(request, pk):
    """The plan for an editing view: 404 if invisible, 403 if the user may not edit."""
    return access.get_plan(request, pk, edit=True)


# --------------------------------------------------------------------------- plans


@login_required
def plan_create(request):
    units = editable_units(request.user)
    if not units.exists():
        raise PermissionDenied
    initial = {}
    if request.GET.get("unit", "").isdigit():
        initial["unit"] = request.GET["unit"]
    if request.GET.get("year", "").isdigit():
        initial["year"] = request.GET["year"]
    else:
        unit = units.filter(pk=initial.get("unit") or 0).first() or units.first()
        taken = set(unit.plans.values_list("year", flat=True))
        initial["year"] = next(y for y in range(current_academic_year(), 3000) if y not in taken)
    form = PlanCreateForm(_posted(request), user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            plan = editing.create_plan(
                unit=form.cleaned_data["unit"],
                year=form.cleaned_data["year"],
                title=form.cleaned_data["title"],
                user=request.user,
            )
        except EditRefused as refused:
            form.add_error(refused.field, refused.message)
        else:
            messages.success(
                request,
                _("The plan for %(year)s is created. Add its first partner below.")
                % {"year": plan.academic_year},
            )
            return redirect(_plan_url(plan, "add-row"))
    existing = Plan.objects.filter(unit__in=units).select_related("unit").order_by("-year")
    return render(request, "plans/edit/plan_create.html", {"form": form, "existing": existing})


@login_required
def plan_copy(request, pk):
    source = _editable_plan(request, pk)
    form = CopyPlanForm(_posted(request), source=source)
    if request.method == "POST" and form.is_valid():
        try:
            plan = editing.copy_forward(source, year=form.cleaned_data["year"], user=request.user)
        except EditRefused as refused:
            form.add_error(refused.field, refused.message)
        else:
            messages.success(
                request,
                _(
                    "The plan is copied to %(year)s as a draft: %(rows)d rows, "
                    "%(activities)d activities. Check the periods and dates."
                )
                % {
                    "year": plan.academic_year,
                    "rows": plan.rows.count(),
                    "activities": Activity.objects.filter(row__plan=plan).count(),
                },
            )
            return redirect(_plan_url(plan))
    return render(request, "plans/edit/plan_copy.html", {"plan": source, "form": form})


# --------------------------------------------------------------------------- rows


def row_editor(plan, form, *, row=None, conflict=None, inline=False):
    if row is None:
        action = reverse("plans:row_add", args=[plan.pk])
        title = _("Add a partner to the plan")
    else:
        action = reverse("plans:row_edit", args=[plan.pk, row.pk])
        title = _("Row «%(partner)s»") % {"partner": row.partner}
    return {
        "kind": "row",
        "template": "plans/edit/_row_form.html",
        "form": form,
        "row": row,
        "row_pk": row.pk if row else None,
        "action": action,
        "title": title,
        "conflict": conflict,
        "inline": inline,
        "search_url": reverse("plans:partner_search", args=[plan.pk]),
        "prefix": form.auto_id.replace("%s", ""),
        "query": getattr(form, "query", ""),
    }


def _redisplay(data, plan, row, auto_id, errors=None):
    """The row form shown again with what the user typed and only the given errors."""
    form = RowForm(data, plan=plan, row=row, auto_id=auto_id)
    form.full_clean()
    form._errors.clear()
    for field, message in (errors or {}).items():
        form.add_error(field, message)
    return form


def _row_intent(request, form, plan, row):
    """Handle «Find» and «Create partner» submits; returns a form to show again, or None.

    Both work without JavaScript: they are submit buttons of the row form.
    """
    if "find" in request.POST:
        shown = _redisplay(request.POST, plan, row, form.auto_id)
        matches = list(partners_matching(request.POST.get("q", "")))
        shown.set_partner_options(matches, _match_label(len(matches)))
        shown.query = request.POST.get("q", "")[:100]
        shown.focus = "partner"
        return shown
    if "quick_create" in request.POST:
        quick = QuickPartnerForm(request.POST)
        if quick.is_valid():
            try:
                partner = editing.create_partner(
                    name=quick.cleaned_data["new_partner_name"],
                    category=quick.cleaned_data["new_partner_category"],
                    user=request.user,
                )
            except EditRefused as refused:
                quick.add_error(refused.field, refused.message)
            else:
                data = request.POST.copy()
                data["partner"] = str(partner.pk)
                data["new_partner_name"] = ""
                data["new_partner_category"] = ""
                shown = _redisplay(data, plan, row, form.auto_id)
                shown.created_partner = partner
                shown.focus = "partner"
                return shown
        errors = {field: quick.errors[field] for field in quick.errors}
        shown = _redisplay(request.POST, plan, row, form.auto_id, errors)
        shown.focus = next(iter(errors), "new_partner_name")
        return shown
    return None


def _match_label(count):
    if count == 0:
        return _("— nothing found: add a new partner below —")
    return _("— found: %(count)d —") % {"count": count}


def _partner_and(data, user, save):
    """The chosen partner, or the new one created now; then `save(partner)`, all or nothing."""
    with transaction.atomic():
        partner = data["partner"] or editing.create_partner(
            name=data["new_partner_name"], category=data["new_partner_category"], user=user
        )
        return save(partner)


@login_required
def row_add(request, pk):
    plan = _editable_plan(request, pk)
    try:
        editing.check_editable(plan)
    except EditRefused as refused:
        return _refuse(request, plan, refused.message)
    form = RowForm(_posted(request), plan=plan, auto_id="add-%s")
    if request.method == "POST":
        shown = _row_intent(request, form, plan, None)
        if shown is not None:
            if request.htmx:
                return render_table(
                    request, plan, add_form=shown, focus=_focus_id(shown),
                    notice=_created_notice(shown),
                )
            return _editor_page(request, plan, row_editor(plan, shown))
        if form.is_valid():
            data = form.cleaned_data
            try:
                row = _partner_and(data, request.user, lambda partner: editing.add_row(
                    plan, partner=partner, characteristic=data["characteristic"],
                    directions=data["directions"], user=request.user,
                ))
            except EditRefused as refused:
                if refused.field is None:
                    return _refuse(request, plan, refused.message)
                form.add_error(refused.field, refused.message)
            else:
                text = _("«%(partner)s» is added to the plan.") % {"partner": row.partner}
                if request.htmx:
                    # Straight on to the row's first activity.
                    editor = _activity_editor(
                        plan, row, ActivityForm(auto_id=f"row{row.pk}-new-%s"), inline=True
                    )
                    return render_table(
                        request, plan, editor=editor, focus=f"row{row.pk}-new-title",
                        notice=text,
                    )
                messages.success(request, text)
                return redirect(_plan_url(plan, f"row-{row.pk}"))
        if request.htmx:
            return render_table(request, plan, add_form=form, focus=_focus_id(form))
    return _editor_page(request, plan, row_editor(plan, form))


def _created_notice(form):
    partner = getattr(form, "created_partner", None)
    if partner is None:
        return ""
    return _("«%(partner)s» is added to the registry and chosen.") % {"partner": partner}


@login_required
@require_GET
def row_fragment(request, pk, row_pk):
    """The row as the table shows it (htmx «Cancel»); without htmx, the plan at the row."""
    plan = access.get_plan(request, pk)
    row = access.get_row(request, plan, row_pk)
    if not request.htmx:
        return redirect(_plan_url(plan, f"row-{row.pk}"))
    return render_line(request, plan, row.pk, focus=request.GET.get("focus", "")[:60])


@login_required
def row_edit(request, pk, row_pk):
    plan = _editable_plan(request, pk)
    row = access.get_row(request, plan, row_pk)
    try:
        editing.check_editable(plan)
    except EditRefused as refused:
        return _refuse(request, plan, refused.message)
    inline = bool(request.htmx)
    auto_id = f"row{row.pk}-%s"
    if request.method != "POST":
        form = RowForm(plan=plan, row=row, initial=initial_for_row(row), auto_id=auto_id)
        form.focus = "characteristic"
        return _show_row_editor(request, plan, row, form, inline=inline)
    form = RowForm(request.POST, plan=plan, row=row, auto_id=auto_id)
    shown = _row_intent(request, form, plan, row)
    if shown is not None:
        response = _show_row_editor(request, plan, row, shown, inline=inline)
        return _events(response, notice=_created_notice(shown)) if inline else response
    if form.is_valid():
        data = form.cleaned_data
        try:
            row = _partner_and(data, request.user, lambda partner: editing.save_row(
                row, version=data["version"], partner=partner,
                characteristic=data["characteristic"], directions=data["directions"],
                user=request.user,
            ))
        except EditRefused as refused:
            if refused.field is None:
                return _refuse(request, plan, refused.message)
            form.add_error(refused.field, refused.message)
        except Conflict as conflict:
            return _row_conflict(request, plan, conflict.current, inline=inline)
        else:
            text = _("Row «%(partner)s» is saved.") % {"partner": row.partner}
            if request.htmx:
                return render_line(request, plan, row.pk, notice=text, focus=f"edit-row-{row.pk}")
            messages.success(request, text)
            return redirect(_plan_url(plan, f"row-{row.pk}"))
    return _show_row_editor(request, plan, row, form, inline=inline)


def _show_row_editor(request, plan, row, form, *, inline, conflict=None):
    editor = row_editor(plan, form, row=row, conflict=conflict, inline=inline)
    if inline:
        focus = f"conflict-row-{row.pk}" if conflict else _focus_id(form)
        return render_line(request, plan, row.pk, editor=editor, focus=focus)
    return _editor_page(request, plan, editor)


def _row_conflict(request, plan, current, *, inline):
    """Someone saved the row first: show what is saved now; the user's values stay in the form,
    based on the current version, so saving again applies them on purpose."""
    data = request.POST.copy()
    data["version"] = str(current.version)
    form = RowForm(data, plan=plan, row=current, auto_id=f"row{current.pk}-%s")
    form.is_valid()
    conflict = {
        "by": editing_author(current),
        "fields": [
            (label(PlanRow, "partner"), str(current.partner)),
            (label(PlanRow, "characteristic"), current.characteristic or "—"),
            (
                label(PlanRow, "directions"),
                ", ".join(str(d) for d in current.directions.all()) or "—",
            ),
        ],
    }
    return _show_row_editor(request, plan, current, form, inline=inline, conflict=conflict)


def editing_author(obj):
    record = obj.history.select_related("history_user").order_by("-history_date").first()
    if record is None or record.history_user is None:
        return None
    return {"user": record.history_user, "at": record.history_date}


@login_required
def row_delete(request, pk, row_pk):
    plan = _editable_plan(request, pk)
    row = access.get_row(request, plan, row_pk)
    try:
        editing.check_editable(plan)
    except EditRefused as refused:
        return _refuse(request, plan, refused.message)
    if request.method != "POST":
        return render(
            request, "plans/edit/confirm_delete.html",
            {"plan": plan, "row": row, "what": row_label(row),
             "count": row.activities.count(),
             "action": reverse("plans:row_delete", args=[plan.pk, row.pk])},
        )
    label = str(row.partner)
    try:
        history_id = editing.delete_row(row, user=request.user)
    except EditRefused as refused:
        return _refuse(request, plan, refused.message)
    text = _("Row «%(partner)s» is deleted.") % {"partner": label}
    restore_url = reverse("plans:restore", args=[plan.pk, "row", history_id])
    if request.htmx:
        notice = {"level": "warning", "text": text, "restore_url": restore_url,
                  "restore_label": _("Restore «%(partner)s»") % {"partner": label}}
        return render_table(request, plan, notices=[notice], notice=text, focus="undo-delete")
    messages.warning(
        request, text + " " + _("You can restore it from the history of changes.")
    )
    return redirect(_plan_url(plan))


@login_required
@require_POST
def row_move(request, pk, row_pk):
    plan = _editable_plan(request, pk)
    row = access.get_row(request, plan, row_pk)
    up = request.POST.get("direction") != "down"
    try:
        moved = editing.move_row(row, up=up, user=request.user)
    except EditRefused as refused:
        return _refuse(request, plan, refused.message)
    if moved:
        text = (_("«%(partner)s» moved up.") if up else _("«%(partner)s» moved down.")) % {
            "partner": row.partner
        }
    else:
        text = _("«%(partner)s» is already at the edge of its group.") % {"partner": row.partner}
    if request.htmx:
        focus = f"row-{'up' if up else 'down'}-{row.pk}"
        return render_table(request, plan, notice=text, focus=focus)
    (messages.success if moved else messages.info)(request, text)
    return redirect(_plan_url(plan, f"row-{row.pk}"))


# --------------------------------------------------------------------------- activities


def _activity_editor(plan, row, form, *, activity=None, conflict=None, inline=False):
    if activity is None:
        action = reverse("plans:activity_add", args=[plan.pk, row.pk])
        title = _("New activity with «%(partner)s»") % {"partner": row.partner}
    else:
        action = reverse("plans:activity_edit", args=[plan.pk, row.pk, activity.pk])
        title = _("Activity «%(title)s»") % {"title": activity.title}
    return {
        "kind": "activity",
        "template": "plans/edit/_activity_form.html",
        "form": form,
        "row": row,
        "row_pk": row.pk,
        "activity": activity,
        "action": action,
        "title": title,
        "conflict": conflict,
        "inline": inline,
        "preview_url": reverse("plans:period_preview"),
        "prefix": form.auto_id.replace("%s", ""),
        "preview": _preview_text(form),
    }


def _preview_text(form):
    data = form.data if form.is_bound else None
    if data is None:
        initial = form.initial
        preview = PeriodPreviewForm(
            {
                "months": initial.get("months", []),
                "frequency": initial.get("frequency", ""),
                "period_note": initial.get("period_note", ""),
            }
        )
    else:
        preview = PeriodPreviewForm(data)
    text, _problem = preview.preview()
    return text


def _show_activity_editor(request, plan, row, form, *, activity=None, conflict=None, focus=""):
    inline = bool(request.htmx)
    editor = _activity_editor(
        plan, row, form, activity=activity, conflict=conflict, inline=inline
    )
    if inline:
        return render_line(request, plan, row.pk, editor=editor, focus=focus)
    return _editor_page(request, plan, editor)


@login_required
def activity_add(request, pk, row_pk):
    plan = _editable_plan(request, pk)
    row = access.get_row(request, plan, row_pk)
    try:
        editing.check_editable(plan)
    except EditRefused as refused:
        return _refuse(request, plan, refused.message)
    auto_id = f"row{row.pk}-new-%s"
    form = ActivityForm(_posted(request), auto_id=auto_id)
    if request.method == "POST" and form.is_valid():
        try:
            activity = editing.add_activity(row, form.activity_data(), user=request.user)
        except EditRefused as refused:
            return _refuse(request, plan, refused.message)
        text = _("Activity «%(title)s» is added.") % {"title": activity.title}
        another = "another" in request.POST
        if request.htmx:
            if another:
                return _events(
                    _show_activity_editor(
                        request, plan, row, ActivityForm(auto_id=auto_id),
                        focus=f"row{row.pk}-new-title",
                    ),
                    notice=text,
                )
            return render_line(
                request, plan, row.pk, notice=text, focus=f"edit-activity-{activity.pk}"
            )
        messages.success(request, text)
        if another:
            return redirect(reverse("plans:activity_add", args=[plan.pk, row.pk]))
        return redirect(_plan_url(plan, f"row-{row.pk}"))
    return _show_activity_editor(request, plan, row, form, focus=f"row{row.pk}-new-title")


@login_required
def activity_edit(request, pk, row_pk, activity_pk):
    plan = _editable_plan(request, pk)
    row = access.get_row(request, plan, row_pk)
    activity = access.get_activity(request, row, activity_pk)
    try:
        editing.check_editable(plan)
    except EditRefused as refused:
        return _refuse(request, plan, refused.message)
    auto_id = f"activity{activity.pk}-%s"
    focus = f"activity{activity.pk}-title"
    if request.method != "POST":
        form = ActivityForm(activity=activity, auto_id=auto_id)
        return _show_activity_editor(request, plan, row, form, activity=activity, focus=focus)
    form = ActivityForm(request.POST, activity=activity, auto_id=auto_id)
    if form.is_valid():
        try:
            activity = editing.save_activity(
                activity, form.activity_data(), version=form.cleaned_data["version"],
                user=request.user,
            )
        except EditRefused as refused:
            return _refuse(request, plan, refused.message)
        except Conflict as conflict:
            return _activity_conflict(request, plan, row, conflict.current)
        text = _("Activity «%(title)s» is saved.") % {"title": activity.title}
        if request.htmx:
            return render_line(
                request, plan, row.pk, notice=text, focus=f"edit-activity-{activity.pk}"
            )
        messages.success(request, text)
        return redirect(_plan_url(plan, f"row-{row.pk}"))
    return _show_activity_editor(request, plan, row, form, activity=activity, focus=focus)


def _activity_conflict(request, plan, row, current):
    data = request.POST.copy()
    data["version"] = str(current.version)
    form = ActivityForm(data, activity=current, auto_id=f"activity{current.pk}-%s")
    form.is_valid()
    conflict = {
        "by": editing_author(current),
        "fields": [
            (label(Activity, "title"), current.title),
            (label(Activity, "form"), str(current.form) if current.form else "—"),
            (pgettext("plan editor", "Period"), current.period_text or "—"),
            (label(Activity, "responsible"), current.responsible or "—"),
            (label(Activity, "note"), current.note or "—"),
        ],
    }
    return _show_activity_editor(
        request, plan, row, form, activity=current, conflict=conflict,
        focus=f"conflict-{current.pk}",
    )


@login_required
def activity_delete(request, pk, row_pk, activity_pk):
    plan = _editable_plan(request, pk)
    row = access.get_row(request, plan, row_pk)
    activity = access.get_activity(request, row, activity_pk)
    try:
        editing.check_editable(plan)
    except EditRefused as refused:
        return _refuse(request, plan, refused.message)
    if request.method != "POST":
        return render(
            request, "plans/edit/confirm_delete.html",
            {"plan": plan, "row": row, "what": activity.title, "activity": activity,
             "action": reverse("plans:activity_delete", args=[plan.pk, row.pk, activity.pk])},
        )
    title = activity.title
    try:
        history_id = editing.delete_activity(activity, user=request.user)
    except EditRefused as refused:
        return _refuse(request, plan, refused.message)
    text = _("Activity «%(title)s» is deleted.") % {"title": title}
    restore_url = reverse("plans:restore", args=[plan.pk, "activity", history_id])
    if request.htmx:
        notice_row = {"text": text, "restore_url": restore_url,
                      "restore_label": _("Restore «%(title)s»") % {"title": title}}
        return render_line(request, plan, row.pk, notice_row=notice_row, notice=text,
                           focus="undo-delete")
    messages.warning(request, text + " " + _("You can restore it from the history of changes."))
    return redirect(_plan_url(plan, f"row-{row.pk}"))


@login_required
@require_POST
def activity_move(request, pk, row_pk, activity_pk):
    plan = _editable_plan(request, pk)
    row = access.get_row(request, plan, row_pk)
    activity = access.get_activity(request, row, activity_pk)
    up = request.POST.get("direction") != "down"
    try:
        moved = editing.move_activity(activity, up=up, user=request.user)
    except EditRefused as refused:
        return _refuse(request, plan, refused.message)
    if moved:
        text = (_("«%(title)s» moved up.") if up else _("«%(title)s» moved down.")) % {
            "title": activity.title
        }
    else:
        text = _("«%(title)s» is already at the edge.") % {"title": activity.title}
    if request.htmx:
        focus = f"activity-{'up' if up else 'down'}-{activity.pk}"
        return render_line(request, plan, row.pk, notice=text, focus=focus)
    (messages.success if moved else messages.info)(request, text)
    return redirect(_plan_url(plan, f"row-{row.pk}"))


# --------------------------------------------------------------------------- helpers for forms


@login_required
@require_GET
def partner_search(request, pk):
    """The options of the partner select, narrowed to the registry partners matching `q`."""
    plan = _editable_plan(request, pk)
    row = None
    if request.GET.get("row", "").isdigit():
        row = PlanRow.objects.filter(plan=plan, pk=request.GET["row"]).first()
    query = request.GET.get("q", "")
    form = RowForm(plan=plan, row=row, initial={"partner": request.GET.get("partner") or None})
    matches = list(partners_matching(query))
    if len(matches) == 1 and not request.GET.get("partner"):
        form.initial["partner"] = matches[0].pk
    form.set_partner_options(matches, _match_label(len(matches)))
    selected = form.initial.get("partner")
    groups = form.fields["partner"].widget.optgroups("partner", [str(selected or "")])
    response = render(request, "plans/edit/_partner_options.html", {"groups": groups})
    return _events(response, notice=_match_label(len(matches)).strip("— "))


@login_required
@require_GET
def period_preview(request):
    """The period as it will be printed, for the live preview of the period editor."""
    text, problem = PeriodPreviewForm(request.GET).preview()
    return render(request, "plans/edit/_period_preview.html", {"text": text, "problem": problem})


# --------------------------------------------------------------------------- history


@login_required
@require_GET
def history(request, pk):
    plan = access.get_plan(request, pk)
    page = plan_history(plan, page=request.GET.get("page"))
    context = _base_context(request, plan) | {"page": page}
    return render(request, "plans/edit/history.html", context)


@login_required
@require_POST
def restore(request, pk, kind, history_id):
    plan = _editable_plan(request, pk)
    back = _safe_next(request, reverse("plans:history", args=[plan.pk]))
    try:
        if kind == "row":
            obj = editing.restore_row(plan, history_id, user=request.user)
            text = _("Row «%(partner)s» is restored.") % {"partner": obj.partner}
            anchor = f"row-{obj.pk}"
        elif kind == "activity":
            obj = editing.restore_activity(plan, history_id, user=request.user)
            text = _("Activity «%(title)s» is restored.") % {"title": obj.title}
            anchor = f"row-{obj.row_id}"
        else:
            raise Http404
    except EditRefused as refused:
        return _refuse(request, plan, refused.message, back=back)
    if request.htmx:
        focus = f"edit-row-{obj.pk}" if kind == "row" else f"edit-activity-{obj.pk}"
        return render_table(request, plan, notice=text, focus=focus)
    messages.success(request, text)
    if "next" in request.POST:
        return redirect(back)
    return redirect(_plan_url(plan, anchor))


