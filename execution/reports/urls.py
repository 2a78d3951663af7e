"""execution.reports: a plan's year-end report (page, PDF, DOCX) and the institution's
consolidated report of a year (page, PDF)."""

from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("plans/<int:pk>/report/", views.plan_report, name="plan"),
    path("plans/<int:pk>/report/pdf/", views.plan_report_pdf, name="plan_pdf"),
    path("plans/<int:pk>/report/docx/", views.plan_report_docx, name="plan_docx"),
    path("reports/", views.consolidated_current, name="consolidated_current"),
    path("reports/<int:year>/", views.consolidated, name="consolidated"),
    path("reports/<int:year>/pdf/", views.consolidated_pdf, name="consolidated_pdf"),
]
