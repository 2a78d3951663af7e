from django.urls import include, path

from plans import import_views, views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("", include("plans.print_urls")),
    path("", include("plans.review.urls")),
    path("import/", import_views.plan_import, name="import"),
    path("import/confirm/", import_views.plan_import_confirm, name="import_confirm"),
    # The plan editor (issue #3), in the same namespace.
    path("", include("plans.editor.urls")),
]
