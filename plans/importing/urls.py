"""The plan importer's pages; included into the `plans` namespace (no app_name of its own)."""

from django.urls import path

from plans.importing import views

urlpatterns = [
    path("import/", views.plan_import, name="import"),
    path("import/confirm/", views.plan_import_confirm, name="import_confirm"),
]
