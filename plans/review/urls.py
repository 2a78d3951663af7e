"""URLs of review, with no namespace of their own: they keep the names they always had.

- `urlpatterns`: the workflow's buttons, included by `plans.urls` (so `plans:transition`);
- `comment_urlpatterns`: included under /plans/ in the `comments` namespace;
- `coverage_urlpatterns`: included under /coverage/ in the `coverage` namespace (with the
  coverage's exports, which `plans.exports.urls` brings).
"""

from django.urls import path

from plans.review import views

urlpatterns = [
    path("<int:pk>/actions/<slug:action>/", views.plan_transition, name="transition"),
]

comment_urlpatterns = [
    path("<int:pk>/comments/", views.comment_list, name="list"),
    path("<int:pk>/comments/add/", views.comment_add, name="add"),
    path("<int:pk>/comments/<int:comment_pk>/resolve/", views.comment_resolve, name="resolve"),
]

coverage_urlpatterns = [
    path("", views.coverage, name="index"),
    path("activities/", views.coverage_activities, name="activities"),
    path("unplanned/", views.coverage_unplanned, name="unplanned"),
]
