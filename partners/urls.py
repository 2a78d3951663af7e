from django.urls import path

from partners import registry_views, views

app_name = "partners"

urlpatterns = [
    path("", views.partner_list, name="list"),
    path("<int:pk>/", views.partner_detail, name="detail"),
    # the registry (issue 6)
    path("new/", registry_views.partner_create, name="create"),
    path("similar/", registry_views.partner_similar, name="similar"),
    path("<int:pk>/edit/", registry_views.partner_edit, name="edit"),
    path("<int:pk>/archive/", registry_views.partner_archive, name="archive"),
    path("<int:pk>/restore/", registry_views.partner_restore, name="restore"),
    path("<int:pk>/merge/", registry_views.partner_merge, name="merge"),
    path("import/", registry_views.partner_import, name="import"),
    path("import/preview/", registry_views.partner_import_preview, name="import_preview"),
    path("import/done/", registry_views.partner_import_done, name="import_done"),
    path(
        "<int:pk>/partnerships/new/",
        registry_views.partnership_create,
        name="partnership_create",
    ),
    path("partnerships/<int:pk>/", registry_views.partnership_detail, name="partnership"),
    path(
        "partnerships/<int:pk>/delete/",
        registry_views.partnership_delete,
        name="partnership_delete",
    ),
]
