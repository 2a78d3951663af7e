"""Template tags for the plan page's approval buttons, status history and export links."""

from django import template
from django.db.models import prefetch_related_objects

from partners.compiled import Compiled
from plans import workflow
from plans.models import PlanTransition
from plans.review.forms import steps_for

register = template.Library()

# On every plan page, where most plans have none or a few: compiled once (`partners.compiled`).
_TRANSITIONS = Compiled(lambda plan_id: PlanTransition.objects.filter(plan_id=plan_id))


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
    transitions = _TRANSITIONS.objects(plan.pk)
    if transitions:  # who took each step, read only when there are steps
        prefetch_related_objects(transitions, "by")
    for transition in transitions:
        step = workflow.step_of(transition)
        transition.step_done = step.done if step else ""
        transition.is_return = step in (workflow.RETURN, workflow.REOPEN)
    return {"plan": plan, "transitions": transitions}
