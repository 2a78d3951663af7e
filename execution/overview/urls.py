"""URLs of the execution view, with full paths (included at the site's root)."""

from django.urls import path

from . import views

app_name = "overview"

urlpatterns = [
    path("execution/", views.index, name="index"),
    path("execution/activities/", views.activities, name="activities"),
    path("execution/xlsx/", views.export_xlsx, name="xlsx"),
]
