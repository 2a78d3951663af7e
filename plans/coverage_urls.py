from django.urls import path

from plans import coverage_views

app_name = "coverage"

urlpatterns = [
    path("", coverage_views.coverage, name="index"),
    path("activities/", coverage_views.coverage_activities, name="activities"),
    path("xlsx/", coverage_views.coverage_xlsx, name="xlsx"),
    path("pdf/", coverage_views.coverage_pdf, name="pdf"),
]
