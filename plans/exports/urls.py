"""URLs of the exports (included into plans.urls, so in the `plans` namespace): the downloads
of a plan, the diagram page, the consolidated plan and the background export jobs."""

from django.urls import path

from plans.exports import consolidated_page, views

urlpatterns = [
    path("<int:pk>/pdf/", views.plan_pdf, name="pdf"),
    path("<int:pk>/docx/", views.plan_docx, name="docx"),
    path("<int:pk>/xlsx/", views.plan_xlsx, name="xlsx"),
    path("<int:pk>/diagram/", views.plan_diagram, name="diagram"),
    path("<int:pk>/diagram.svg", views.plan_diagram_svg, name="diagram_svg"),
    path("consolidated/", views.consolidated_current, name="consolidated_current"),
    path("consolidated/<int:year>/", consolidated_page.consolidated, name="consolidated"),
    path("consolidated/<int:year>/pdf/", views.consolidated_pdf, name="consolidated_pdf"),
    path("exports/<uuid:pk>/", views.export_job, name="export_job"),
    path("exports/<uuid:pk>/download/", views.export_download, name="export_download"),
]

# The coverage's exports, in the `coverage` namespace beside the review's coverage pages.
coverage_urlpatterns = [
    path("xlsx/", views.coverage_xlsx, name="xlsx"),
    path("pdf/", views.coverage_pdf, name="pdf"),
]
