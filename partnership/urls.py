from django.contrib import admin
from django.urls import include, path

from partners import institution_views
from plans import views as plan_views

urlpatterns = [
    path("", plan_views.home, name="home"),
    path("accounts/", include("accounts.urls")),
    path("plans/", include("plans.urls")),
    path("partners/", include("partners.urls")),
    path("plans/", include("plans.comment_urls")),
    path("coverage/", include("plans.coverage_urls")),
    path("agreements/", include("partners.agreement_urls")),
    path("admin/", admin.site.urls),
    path("institution/", institution_views.institution_settings, name="institution"),
    path("institution/logo/", institution_views.institution_logo, name="institution_logo"),
]
