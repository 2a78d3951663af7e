from django.urls import include, path

from plans import approval_views, import_views, views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/actions/<slug:action>/", approval_views.plan_transition, name="transition"),
    path("", include("plans.exports.urls")),
    path("import/", import_views.plan_import, name="import"),
    path("import/confirm/", import_views.plan_import_confirm, name="import_confirm"),
]

# The plan editor (issue #3): every action is a page and a POST; htmx makes it in-place.
from plans import edit_views  # noqa: E402

ROW = "<int:pk>/rows/<int:row_pk>/"
ACTIVITY = ROW + "activities/<int:activity_pk>/"
urlpatterns += [
    path("new/", edit_views.plan_create, name="create"),
    path("period-preview/", edit_views.period_preview, name="period_preview"),
    path("<int:pk>/copy/", edit_views.plan_copy, name="copy"),
    path("<int:pk>/history/", edit_views.history, name="history"),
    path(
        "<int:pk>/history/<str:kind>/<int:history_id>/restore/",
        edit_views.restore,
        name="restore",
    ),
    path("<int:pk>/partners/search/", edit_views.partner_search, name="partner_search"),
    path("<int:pk>/rows/add/", edit_views.row_add, name="row_add"),
    path(ROW, edit_views.row_fragment, name="row"),
    path(ROW + "edit/", edit_views.row_edit, name="row_edit"),
    path(ROW + "delete/", edit_views.row_delete, name="row_delete"),
    path(ROW + "move/", edit_views.row_move, name="row_move"),
    path(ROW + "activities/add/", edit_views.activity_add, name="activity_add"),
    path(ACTIVITY + "edit/", edit_views.activity_edit, name="activity_edit"),
    path(ACTIVITY + "delete/", edit_views.activity_delete, name="activity_delete"),
    path(ACTIVITY + "move/", edit_views.activity_move, name="activity_move"),
]
