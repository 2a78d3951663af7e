"""execution.recording: marking activities held, cancelled or moved; the plan's execution page,
the home page's month and the calendar. Full paths (included at the site's root)."""

from django.urls import path

from .views import changes, month, occurrences, plan

app_name = "recording"

urlpatterns = [
    path("plans/<int:pk>/execution/", plan.plan_execution, name="plan"),
    path("calendar/", month.calendar, name="calendar"),
    path("execution/activities/<int:pk>/held/", month.held, name="held"),
    path("execution/activities/<int:pk>/month-item/", month.month_item, name="month_item"),
    path(
        "execution/activities/<int:pk>/occurrences/add/",
        occurrences.occurrence_add,
        name="occurrence_add",
    ),
    path("execution/activities/<int:pk>/cancel/", changes.cancel, name="cancel"),
    path("execution/activities/<int:pk>/move/", changes.move, name="move"),
    path(
        "execution/occurrences/<int:pk>/edit/", occurrences.occurrence_edit, name="occurrence_edit"
    ),
    path(
        "execution/occurrences/<int:pk>/delete/",
        occurrences.occurrence_delete,
        name="occurrence_delete",
    ),
    path("execution/files/<int:pk>/", occurrences.occurrence_file, name="file"),
    path("execution/changes/<int:pk>/undo/", changes.undo, name="undo"),
]
