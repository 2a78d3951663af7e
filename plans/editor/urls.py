"""The plan editor's URLs: every action is a page and a POST; htmx makes it in-place.

No `app_name`: `plans.urls` includes this module into the `plans` namespace, so the names stay
`plans:row_edit` and so on.
"""

from django.urls import path

from plans.editor.views import activities, create, history, moves, partners, rows, tools

ROW = "<int:pk>/rows/<int:row_pk>/"
ACTIVITY = ROW + "activities/<int:activity_pk>/"

urlpatterns = [
    path("new/", create.plan_create, name="create"),
    path("period-preview/", activities.period_preview, name="period_preview"),
    path("<int:pk>/copy/", create.plan_copy, name="copy"),
    path("<int:pk>/history/", history.history, name="history"),
    path(
        "<int:pk>/history/<str:kind>/<int:history_id>/restore/",
        history.restore,
        name="restore",
    ),
    path("<int:pk>/partners/search/", partners.partner_search, name="partner_search"),
    path("<int:pk>/rows/add/", rows.row_add, name="row_add"),
    path(ROW, rows.row_fragment, name="row"),
    path(ROW + "edit/", rows.row_edit, name="row_edit"),
    path(ROW + "tools/", tools.row_tools, name="row_tools"),
    path(ROW + "delete/", rows.row_delete, name="row_delete"),
    path(ROW + "move/", moves.move, name="row_move"),
    path(ROW + "activities/add/", activities.activity_add, name="activity_add"),
    path(ACTIVITY + "edit/", activities.activity_edit, name="activity_edit"),
    path(ACTIVITY + "tools/", tools.activity_tools, name="activity_tools"),
    path(ACTIVITY + "delete/", activities.activity_delete, name="activity_delete"),
    path(ACTIVITY + "move/", moves.move, name="activity_move"),
]
