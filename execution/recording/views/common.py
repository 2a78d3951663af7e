"""Small helpers shared by the recording views."""

from django.core.exceptions import ValidationError
from django.urls import reverse


def posted(request):
    return request.POST if request.method == "POST" else None


def plan_url(activity) -> str:
    """The plan's execution page at the activity."""
    return reverse("recording:plan", args=[activity.row.plan_id]) + f"#activity-{activity.pk}"


def apply(form, action):
    """Run a service; a refusal it raises lands on the form (nothing is saved). None if refused."""
    try:
        return action()
    except ValidationError as error:
        form.add_error(None, error)
        return None
