from partners import roles as roles_mod


def roles(request):
    user = request.user
    return {
        "is_administrator": roles_mod.is_administrator(user),
        "is_methodist": roles_mod.is_methodist(user),
        "is_teacher": roles_mod.is_teacher(user),
        "role_label": roles_mod.role_label(user),
    }


