"""Roles as groups: who is a teacher, a methodist, an administrator.

What each role may do is decided in one place, `partners.policy`; views ask it, not this
module. A superuser counts as an administrator.
"""

from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from partners.compiled import Compiled

TEACHER = "Teacher"
METHODIST = "Methodist"
ADMINISTRATOR = "Administrator"

# Asked on every logged-in page (`partners.context_processors`): compiled once.
_ROLE_NAMES = Compiled(
    lambda user_id: Group.objects.filter(user__id=user_id).values_list("name", flat=True)
)

ROLE_LABELS = {
    TEACHER: _("Teacher"),
    METHODIST: _("Methodist"),
    ADMINISTRATOR: _("Administrator"),
}


def _groups(user) -> set[str]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_role_names", None)
    if cached is None:
        cached = {name for (name,) in _ROLE_NAMES.rows(user.pk)}
        user._role_names = cached
    return cached


def is_administrator(user) -> bool:
    return user.is_authenticated and (user.is_superuser or ADMINISTRATOR in _groups(user))


def is_methodist(user) -> bool:
    return METHODIST in _groups(user)


def is_teacher(user) -> bool:
    return TEACHER in _groups(user)


def role_label(user) -> str:
    if is_administrator(user):
        return str(ROLE_LABELS[ADMINISTRATOR])
    if is_methodist(user):
        return str(ROLE_LABELS[METHODIST])
    if is_teacher(user):
        return str(ROLE_LABELS[TEACHER])
    return ""


def ensure_groups() -> dict[str, Group]:
    return {name: Group.objects.get_or_create(name=name)[0] for name in ROLE_LABELS}
