from django.contrib import admin
from django.urls import include, path

from execution.recording.views import month as recording_views
from partners import institution_views
from plans.exports import urls as export_urls
from plans.review import urls as review_urls

urlpatterns = [
    path("", recording_views.home, name="home"),
    path("accounts/", include("accounts.urls")),
    path("plans/", include("plans.urls")),
    path("partners/", include("partners.urls")),
    path("plans/", include((review_urls.comment_urlpatterns, "comments"))),
    path(
        "coverage/",
        include((review_urls.coverage_urlpatterns + export_urls.coverage_urlpatterns, "coverage")),
    ),
    path("agreements/", include("partners.agreement_urls")),
    # The execution of plans (issue 12): each feature's URLs carry their full paths.
    path("", include("execution.recording.urls")),
    path("", include("execution.reports.urls")),
    path("", include("execution.overview.urls")),
    path("", include("execution.feeds.urls")),
    path("admin/", admin.site.urls),
    path("institution/", institution_views.institution_settings, name="institution"),
    path("institution/logo/", institution_views.institution_logo, name="institution_logo"),
]

# The error pages, in Russian and in the site's frame (partnership.errors).
handler400 = "partnership.errors.bad_request"
handler403 = "partnership.errors.permission_denied"
handler404 = "partnership.errors.page_not_found"
handler500 = "partnership.errors.server_error"
