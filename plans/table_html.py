"""The one place that renders a line of the plan page's table (`plans.table.TableLine`) to HTML.

The full page (`{% plan_lines %}`) and the htmx swap of one row (`{% plan_line %}`, the
`plan-line` partial of `_plan_table.html`) both come here. It is Python rather than a template
because a 2,000-row plan has some 36,000 template nodes to render per page; here the texts are
translated once per page, the URLs built from a prefix, and each row is a few string joins.

In edit mode a row and each activity carry a small «actions» link instead of their whole menus:
without JavaScript it opens the row's (activity's) actions as a page, with it plan_edit.js loads
the same menu in place (`plans.editor.views.tools`).
"""

from __future__ import annotations

from html import escape as _escape

from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import npgettext, pgettext

SENTINEL = 987654321


def escape(text) -> str:
    """Django's `escape` without its lazy-string wrapper (thousands of calls a page)."""
    return _escape(str(text))


class UrlPattern:
    """A URL with integer arguments, reversed once: `pattern(12, 34)` fills the arguments."""

    def __init__(self, name: str, count: int):
        url = reverse(name, args=[SENTINEL + i for i in range(count)])
        self.parts = []
        for i in range(count):
            before, url = url.split(str(SENTINEL + i), 1)
            self.parts.append(before)
        self.tail = url

    def __call__(self, *args) -> str:
        return "".join(f"{part}{arg}" for part, arg in zip(self.parts, args, strict=True)) + (
            self.tail
        )


class LineRenderer:
    """Everything a page's lines share, worked out once: texts, URL patterns, flags."""

    def __init__(self, context):
        self.plan = context.get("plan")
        self.editing = bool(context.get("editing"))
        self.comment_counts = context.get("comment_counts") or {}
        self.first_comment = context.get("first_comment") or {}
        # In edit mode a row offers its actions; comments are added in reading mode (or with
        # the comment form above the table, which names the row).
        self.can_comment = bool(context.get("can_comment")) and not self.editing
        editor = context.get("editor") or {}
        self.editor_row = editor.get("row_pk") if isinstance(editor, dict) else None
        self.partner_url = UrlPattern("partners:detail", 1)
        self.period_label = escape(pgettext("plan editor", "Period"))
        self.comment_link_text = escape(pgettext("review", "+ comment"))
        # With htmx the link loads the comment form in place, its row chosen (no reload).
        self.comment_form_url = (
            reverse("comments:add", args=[self.plan.pk]) if self.can_comment else "")
        if self.editing:
            self.row_tools_url = UrlPattern("plans:row_tools", 2)
            self.activity_tools_url = UrlPattern("plans:activity_tools", 3)
            self.actions = escape(pgettext("plan editor", "Actions"))
            self.no_activities = escape(pgettext("plan editor", "No activities yet."))

    # ------------------------------------------------------------------------------- lines
    def heading(self, line) -> str:
        return (
            f'<tbody class="heading-group" id="category-{line.category.pk}">'
            f'<tr class="heading-row"><td class="col-num">{line.number}.</td>'
            f'<td colspan="4">{escape(line.category.heading)}</td></tr></tbody>'
        )

    def row_open(self, line) -> str:
        classes = "plan-row"
        if not line.activities:
            classes += " empty-row"
        if self.editor_row is not None and self.editor_row == line.row.pk:
            classes += " is-editing"
        return f'<tbody id="row-{line.row.pk}" class="{classes}">'

    def row_cells(self, line, span: int) -> str:
        """The number, partner and characteristic cells (spanning the row's activities)."""
        row = line.row
        rowspan = f' rowspan="{span}"' if span > 1 else ""
        blank = "" if row.characteristic else " is-blank"
        partner = row.partner
        return (
            f'<td class="col-num"{rowspan}>{line.number}.</td>'
            f'<th scope="row" class="col-partner"{rowspan}>'
            f'<a href="{self.partner_url(partner.pk)}"{self.partner_id(row)}>'
            f"{escape(partner.name)}</a>"
            f"{self.row_extra(row)}{self.row_tools(line)}</th>"
            f'<td class="col-characteristic{blank}"{rowspan}>'
            f"{linebreaksbr(row.characteristic)}</td>"
        )

    def partner_id(self, row) -> str:
        """In edit mode the partner's link names the row's actions link too."""
        return f' id="rp-{row.pk}"' if self.editing else ""

    def row_extra(self, row) -> str:
        """The row's open comments badge and «+ comment» link (on screen only)."""
        count = self.comment_counts.get(row.pk)
        if not count and not self.can_comment:
            return ""
        parts = []
        if count:
            text = npgettext(
                "coverage", "%(counter)s comment", "%(counter)s comments", count
            ) % {"counter": count}
            parts.append(
                '<a class="badge text-bg-warning comment-badge text-decoration-none" '
                f'href="#comment-{self.first_comment.get(row.pk)}">{escape(text)}</a>'
            )
        if self.can_comment:
            parts.append(
                f'<a class="row-comment-link" href="?comment_row={row.pk}#comment-form"'
                f' hx-get="{self.comment_form_url}?comment_row={row.pk}"'
                ' hx-target="#comment-form" hx-swap="outerHTML show:#comment-form:top">'
                f"{self.comment_link_text}</a>"
            )
        return f'<span class="row-extra">{" ".join(parts)}</span>'

    def row_tools(self, line) -> str:
        """In edit mode, the link that opens the row's actions (named with the partner)."""
        if not self.editing:
            return ""
        pk = line.row.pk
        return (
            f'<a class="btn btn-outline-primary btn-sm row-tools" id="row-menu-{pk}"'
            f' href="{self.row_tools_url(self.plan.pk, pk)}"'
            f' aria-labelledby="row-menu-{pk} rp-{pk}">{self.actions}</a>'
        )

    def activity_cell(self, line, activity) -> str:
        """The activity's title; in edit mode, a link that opens the activity's actions."""
        title = escape(activity.title)
        if not self.editing:
            return f'<td class="activity-cell">{title}</td>'
        url = self.activity_tools_url(self.plan.pk, line.row.pk, activity.pk)
        return (
            # No class: `.plan-table-editing td.activity-cell > a` (bytes add up over rows).
            f'<td class="activity-cell"><a href="{url}"'
            f' aria-describedby="atl">{title}</a></td>'
        )

    def activity_rows(self, line) -> str:
        out = []
        first = True
        for group in line.period_groups:
            for index, activity in enumerate(group.activities):
                # The rows after the first are «continued» by CSS (`tr + tr`): no class.
                out.append(f'<tr id="activity-{activity.pk}">')
                if first:
                    out.append(self.row_cells(line, line.span))
                    first = False
                out.append(self.activity_cell(line, activity))
                if index == 0:
                    count = len(group.activities)
                    rowspan = f' rowspan="{count}"' if count > 1 else ""
                    out.append(
                        f'<td class="period-cell"{rowspan} data-label="{self.period_label}">'
                        f"{escape(group.text)}</td>"
                    )
                out.append("</tr>")
        return "".join(out)

    def empty_row(self, line) -> str:
        note = ""
        if self.editing:
            note = (
                '<span class="text-body-secondary small d-print-none">'
                f"{self.no_activities}</span>"
            )
        return (
            f"<tr>{self.row_cells(line, 1)}<td class=\"activity-cell\">{note}</td>"
            '<td class="period-cell is-blank"></td></tr>'
        )

    def line(self, line, extra: str = "") -> str:
        """One line: a category heading, or a row's ``<tbody>`` (with `extra` rows inside)."""
        if line.is_heading:
            return self.heading(line)
        body = self.activity_rows(line) if line.activities else self.empty_row(line)
        return f"{self.row_open(line)}{body}{extra}</tbody>"


def render_lines(context, lines, extras: dict | None = None) -> str:
    """Every line; `extras` maps a row's pk to what follows its activities (its editor)."""
    renderer = LineRenderer(context)
    extras = extras or {}
    return mark_safe("\n".join(  # noqa: S308 (escaped)
        renderer.line(line, extras.get(line.row.pk, "") if line.row is not None else "")
        for line in lines
    ))


def render_line(context, line, extra: str = "") -> str:
    return mark_safe(LineRenderer(context).line(line, extra))  # noqa: S308 (escaped above)
