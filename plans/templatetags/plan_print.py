"""Template tags for the plan page's approval buttons, status history and export links."""

from django import template
from django.db.models import prefetch_related_objects

from plans import workflow
from plans.models import PlanTransition
from plans.review.forms import steps_for

register = template.Library()


@register.inclusion_tag("plans/review/_plan_workflow.html", takes_context=True)
def plan_workflow(context, plan):
    request = context["request"]
    return {
        "plan": plan,
        "steps": steps_for(request.user, plan, context.get("transition_form")),
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("plans/_plan_history.html")
def plan_history(plan):
    # By the plan's id: filtering by the instance costs Django more to build than the query
    # costs to run (about a third of it, on every plan page).
    transitions = list(PlanTransition.objects.filter(plan_id=plan.pk))
    if transitions:  # who took each step, read only when there are steps
        prefetch_related_objects(transitions, "by")
    for transition in transitions:
        step = workflow.step_of(transition)
        transition.step_done = step.done if step else ""
        transition.is_return = step in (workflow.RETURN, workflow.REOPEN)
    return {"plan": plan, "transitions": transitions}
