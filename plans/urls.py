from django.urls import include, path

from plans import views

app_name = "plans"

# Each concern's package brings its own URLs into the `plans` namespace.
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("", include("plans.exports.urls")),
    path("", include("plans.review.urls")),
    path("", include("plans.importing.urls")),
    path("", include("plans.editor.urls")),
]
