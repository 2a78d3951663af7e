from django.urls import path

from partners import agreement_views

app_name = "agreements"

urlpatterns = [
    path("", agreement_views.agreement_list, name="list"),
    path("new/", agreement_views.agreement_create, name="create"),
    path("<int:pk>/", agreement_views.agreement_detail, name="detail"),
    path("<int:pk>/edit/", agreement_views.agreement_edit, name="edit"),
    path("<int:pk>/delete/", agreement_views.agreement_delete, name="delete"),
    path("<int:pk>/file/", agreement_views.agreement_file, name="file"),
]
