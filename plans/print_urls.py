"""URLs of print (included into plans.urls, so in the `plans` namespace)."""

from django.urls import path

from plans import export_views

urlpatterns = [
    path("<int:pk>/pdf/", export_views.plan_pdf, name="pdf"),
    path("<int:pk>/docx/", export_views.plan_docx, name="docx"),
    path("<int:pk>/xlsx/", export_views.plan_xlsx, name="xlsx"),
    path("<int:pk>/diagram/", export_views.plan_diagram, name="diagram"),
    path("<int:pk>/diagram.svg", export_views.plan_diagram_svg, name="diagram_svg"),
    path("consolidated/", export_views.consolidated_current, name="consolidated_current"),
    path("consolidated/<int:year>/", export_views.consolidated, name="consolidated"),
    path("consolidated/<int:year>/pdf/", export_views.consolidated_pdf, name="consolidated_pdf"),
    path("exports/<uuid:pk>/", export_views.export_job, name="export_job"),
    path("exports/<uuid:pk>/download/", export_views.export_download, name="export_download"),
]
