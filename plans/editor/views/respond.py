"""The one place where the editor chooses between htmx and a full page.

Every editor view ends with ``respond(request, fragment, page)``: htmx swaps in the fragment
(the row's ``<tbody>``, the whole table area, or a notice) and plan_edit.js announces `notice` and
moves the focus to `focus`; a request without htmx (no JavaScript, a link opened in a new tab)
gets the page (a redirect back to the plan with a message, or the editor as a page of its own).
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.forms import CheckboxSelectMultiple
from django.http import Http404
from django.shortcuts import redirect, render

from partners import policy
from plans.editor.panels import edit_url
from plans.table import build_table, page_rows

TABLE = "plans/_plan_table.html"


def respond(request, fragment, page):
    """htmx gets `fragment`, every other request `page` (both have `render(request)`)."""
    return (fragment if request.htmx else page).render(request)


def refuse(request, plan, message, *, back=None):
    """An action that cannot be done: say why, change nothing."""
    return respond(
        request, Notice(message), Back(back or edit_url(plan), message, messages.ERROR)
    )


def base_context(request, plan) -> dict:
    can_edit = policy.may_ever_edit_plan(request.user, plan)
    # The editor's fragments and pages belong to the plan's edit mode.
    return {"plan": plan, "can_edit": can_edit, "editing": can_edit and plan.is_editable}


def events(response, *, notice="", focus=""):
    """Tell the page (plan_edit.js) what to announce and where to put the focus."""
    found = json.loads(response.get("HX-Trigger-After-Settle") or "{}")
    if notice:
        found["planNotice"] = {"text": str(notice)}
    if focus:
        found["planFocus"] = {"id": focus}
    if found:
        # ensure_ascii keeps the header ASCII (Russian text travels as \\u escapes).
        response["HX-Trigger-After-Settle"] = json.dumps(found, ensure_ascii=True)
    return response


# --------------------------------------------------------------------------- fragments (htmx)


class Fragment:
    """A part of the plan page for htmx to swap in, with what to announce and where to focus."""

    template = ""

    def __init__(self, plan=None, *, notice="", focus="", **context):
        self.plan = plan
        self.notice = notice
        self.focus = focus
        self.context = context

    def get_context(self, request) -> dict:
        editor = self.context.get("editor")
        if editor is not None:
            editor["inline"] = True  # its form posts with htmx, back into the table
        return base_context(request, self.plan) | self.context

    def render(self, request):
        response = render(request, self.template, self.get_context(request))
        return events(response, notice=self.notice, focus=self.focus)


def _lines(plan):
    return build_table(plan, rows=page_rows(plan))


class Line(Fragment):
    """The row's ``<tbody>``, as the full page renders it (numbering included)."""

    template = f"{TABLE}#plan-line"

    def __init__(self, plan, row_pk, **kwargs):
        super().__init__(plan, **kwargs)
        self.row_pk = row_pk

    def get_context(self, request) -> dict:
        line = next(
            (li for li in _lines(self.plan) if li.row is not None and li.row.pk == self.row_pk),
            None,
        )
        if line is None:
            raise Http404
        defaults = {"editor": None, "notice_row": None}
        return defaults | super().get_context(request) | {"line": line}


class Table(Fragment):
    """The whole table area (the numbering changes when rows come, go or move)."""

    template = f"{TABLE}#plan-table"

    def get_context(self, request) -> dict:
        return {"notices": (), "add_form": None, "editor": None} | super().get_context(
            request
        ) | {"lines": _lines(self.plan)}


class Notice(Fragment):
    """A refusal, shown above the table whatever the request aimed at."""

    template = "plans/edit/_notice.html"

    def __init__(self, message):
        super().__init__(notice=message, level="danger", text=message)

    def get_context(self, request) -> dict:
        return self.context

    def render(self, request):
        response = super().render(request)
        response["HX-Retarget"] = "#plan-notices"
        response["HX-Reswap"] = "innerHTML"
        return response


# --------------------------------------------------------------------------- pages (no htmx)


class Back:
    """Back to the plan (or `url`) after an action, with a message if there is one."""

    def __init__(self, url, text="", level=messages.SUCCESS):
        self.url = url
        self.text = text
        self.level = level

    def render(self, request):
        if self.text:
            messages.add_message(request, self.level, self.text)
        return redirect(self.url)


class EditorPage:
    """The editor as a page of its own; its first field (or the first with an error) is focused."""

    def __init__(self, plan, editor, status=200):
        self.plan = plan
        self.editor = editor
        self.status = status

    def render(self, request):
        form = self.editor["form"]
        name = next((n for n in form.errors if n in form.fields), None) if form.is_bound else None
        name = name or getattr(form, "focus", None) or next(iter(form.fields))
        field = form.fields.get(name)
        if field is not None and not isinstance(field.widget, CheckboxSelectMultiple):
            field.widget.attrs["autofocus"] = True
        context = base_context(request, self.plan) | {"editor": self.editor | {"inline": False}}
        return render(request, "plans/edit/editor_page.html", context, status=self.status)


# --------------------------------------------------------------------------- small helpers


def posted(request):
    """The submitted data of a POST (even an empty one), None for a GET."""
    return request.POST if request.method == "POST" else None


def focus_id(form, default=""):
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
