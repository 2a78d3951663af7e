"""Moving a row within its printed group, or an activity within its row, one place up or down."""

from django.contrib import messages
from django.utils.translation import gettext_lazy

from plans.editor import services
from plans.editor.services import EditRefused
from plans.editor.views.prelude import editor_view
from plans.editor.views.respond import Back, Line, Table, refuse, respond

# (moved up, moved down, at the edge) for a row and for an activity.
TEXTS = {
    "row": (
        gettext_lazy("«%(partner)s» moved up."),
        gettext_lazy("«%(partner)s» moved down."),
        gettext_lazy("«%(partner)s» is already at the edge of its group."),
    ),
    "activity": (
        gettext_lazy("«%(title)s» moved up."),
        gettext_lazy("«%(title)s» moved down."),
        gettext_lazy("«%(title)s» is already at the edge."),
    ),
}


@editor_view(methods=["POST"])
def move(request, target):
    """`plans:row_move` and `plans:activity_move`: the URL names a row, or a row's activity."""
    up = request.POST.get("direction") != "down"
    plan, row, activity = target.plan, target.row, target.activity
    try:
        if activity is None:
            moved = services.move_row(row, up=up, user=request.user)
        else:
            moved = services.move_activity(activity, up=up, user=request.user)
    except EditRefused as refused:
        return refuse(request, plan, refused.message)
    kind = "row" if activity is None else "activity"
    template = TEXTS[kind][(0 if up else 1) if moved else 2]
    text = str(template) % {"partner": row.partner, "title": getattr(activity, "title", "")}
    focus = f"{kind}-{'up' if up else 'down'}-{(activity or row).pk}"
    if activity is None:  # the numbering of the whole table changes
        fragment = Table(plan, notice=text, focus=focus)
    else:
        fragment = Line(plan, row.pk, notice=text, focus=focus)
    level = messages.SUCCESS if moved else messages.INFO
    return respond(request, fragment, Back(target.row_url, text, level))
