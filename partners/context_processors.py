from functools import partial

from partners import policy
from partners import roles as roles_mod

# The policy's answers about the user alone, for templates: `{% if may.review %}`. Each is a
# callable, so the template asks only the questions it uses.
USER_QUESTIONS = {
    "review": policy.may_review,
    "create_plans": policy.may_create_plans,
    "import_plans": policy.may_import_plans,
    "manage_registry": policy.may_manage_registry,
    "manage_institution": policy.may_manage_institution,
    "add_holder_objects": policy.may_add_holder_objects,
}


def roles(request):
    user = request.user
    return {
        "is_administrator": roles_mod.is_administrator(user),
        "is_methodist": roles_mod.is_methodist(user),
        "is_teacher": roles_mod.is_teacher(user),
        "role_label": roles_mod.role_label(user),
        "may": {name: partial(ask, user) for name, ask in USER_QUESTIONS.items()},
    }
