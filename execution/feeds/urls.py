"""execution.feeds: each user's private calendar feed, and the page to subscribe to it."""

from django.urls import path

from . import views

app_name = "feeds"

urlpatterns = [
    path("calendar/feed/<slug:token>.ics", views.feed, name="feed"),
    path("calendar/subscribe/", views.subscribe, name="subscribe"),
]
