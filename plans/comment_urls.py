from django.urls import path

from plans import comment_views

app_name = "comments"

urlpatterns = [
    path("<int:pk>/comments/", comment_views.comment_list, name="list"),
    path("<int:pk>/comments/add/", comment_views.comment_add, name="add"),
    path(
        "<int:pk>/comments/<int:comment_pk>/resolve/",
        comment_views.comment_resolve,
        name="resolve",
    ),
]
