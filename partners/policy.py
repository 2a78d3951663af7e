"""The access policy: the one place that answers «may this user …».

Roles are groups (see `partners.roles`): teachers keep the plans, agreements and partnerships of
the units they are members of; methodists see everything, comment and return plans on review;
administrators keep the registry and the users, approve, take approved plans back and may do
whatever a teacher may do in any unit.

Every view, form queryset, filter, the coverage scope and the admin ask this module. Views then
turn a «no» into a 404 (the object is not visible to the user, so its existence is not revealed)
or a 403 (the object is visible, the action is not allowed).

This module lives in `partners`, the lower layer, so it never imports `plans`: questions about a
plan read only `plan.unit_id` and `plan.status` (the values of `plans.models.Plan.Status`).
"""

from __future__ import annotations

from django.db.models import QuerySet

from partners import roles
from partners.models import Unit

# The values of plans.models.Plan.Status; plans' model asserts they agree.
DRAFT, REVIEW, APPROVED = "draft", "review", "approved"


# --- units ------------------------------------------------------------------------------


def member_unit_ids(user) -> frozenset[int]:
    """The ids of the units the user is a member of, read once per request object."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_member_unit_ids", None)
    if cached is None:
        cached = frozenset(user.units.values_list("pk", flat=True))
        user._member_unit_ids = cached
    return cached


def is_member(user, unit_id: int | None) -> bool:
    return unit_id is not None and unit_id in member_unit_ids(user)


def sees_all_units(user) -> bool:
    """Methodists and administrators see every unit; teachers their own."""
    return roles.is_administrator(user) or roles.is_methodist(user)


def visible_units(user) -> QuerySet[Unit]:
    if not user.is_authenticated:
        return Unit.objects.none()
    if sees_all_units(user):
        return Unit.objects.all()
    return Unit.objects.filter(members=user)


def managed_units(user) -> QuerySet[Unit]:
    """Units whose plans, agreements and partnerships the user keeps."""
    if roles.is_administrator(user):
        return Unit.objects.all()
    if roles.is_teacher(user):
        return Unit.objects.filter(members=user)
    return Unit.objects.none()


def may_see_unit(user, unit_id: int | None) -> bool:
    return user.is_authenticated and (sees_all_units(user) or is_member(user, unit_id))


def may_manage_unit(user, unit_id: int | None) -> bool:
    if roles.is_administrator(user):
        return True
    return roles.is_teacher(user) and is_member(user, unit_id)


def scope(queryset: QuerySet, user, unit_field: str = "unit") -> QuerySet:
    """`queryset` narrowed to the objects of the units the user sees."""
    if not user.is_authenticated:
        return queryset.none()
    if sees_all_units(user):
        return queryset
    return queryset.filter(**{f"{unit_field}__in": sorted(member_unit_ids(user))})


def member_units(user) -> QuerySet[Unit]:
    """The units the user is a member of (their own units, as the home page lists them)."""
    if not user.is_authenticated:
        return Unit.objects.none()
    return Unit.objects.filter(members=user)


# --- plans ------------------------------------------------------------------------------


def may_see_plan(user, plan) -> bool:
    return may_see_unit(user, plan.unit_id)


def may_create_plans(user) -> bool:
    return roles.is_administrator(user) or (roles.is_teacher(user) and bool(member_unit_ids(user)))


def may_ever_edit_plan(user, plan) -> bool:
    """Whether the user's role lets them change this plan's content in some status."""
    return may_manage_unit(user, plan.unit_id)


def may_edit_plan(user, plan) -> bool:
    """Change the plan's rows and activities now: its keepers, while it is a draft.

    A plan on review is read-only to everyone: the methodist returns it, the administrator
    approves it, or its keepers withdraw it from review (`may_withdraw`) to change it."""
    return plan.status == DRAFT and may_ever_edit_plan(user, plan)


def may_submit(user, plan) -> bool:
    return plan.status == DRAFT and may_ever_edit_plan(user, plan)


def may_review(user) -> bool:
    """Methodists and administrators review plans: they comment and return them."""
    return sees_all_units(user)


def may_comment(user, plan) -> bool:
    return may_review(user) and may_see_plan(user, plan)


def may_resolve_comments(user, plan) -> bool:
    """Reviewers, and the keepers of the plan's unit, mark remarks resolved."""
    return may_comment(user, plan) or may_ever_edit_plan(user, plan)


def may_return(user, plan) -> bool:
    return plan.status == REVIEW and may_review(user)


def may_approve(user, plan) -> bool:
    return plan.status == REVIEW and roles.is_administrator(user)


def may_reopen(user, plan) -> bool:
    """Only an administrator takes an approved plan back to draft."""
    return plan.status == APPROVED and roles.is_administrator(user)


def may_withdraw(user, plan) -> bool:
    """The plan's keepers take a plan on review back to draft themselves, to change it."""
    return plan.status == REVIEW and may_ever_edit_plan(user, plan)


def may_import_plans(user) -> bool:
    return may_create_plans(user)


def may_create_units(user) -> bool:
    return roles.is_administrator(user)


def editable_plans(queryset: QuerySet, user) -> QuerySet:
    """`queryset` of plans narrowed to those whose content the user may change now."""
    if not user.is_authenticated:
        return queryset.none()
    return queryset.filter(unit__in=managed_units(user), status=DRAFT)


# --- the registry, agreements and partnerships ------------------------------------------


def may_manage_registry(user) -> bool:
    return roles.is_administrator(user)


def may_manage_institution(user) -> bool:
    return roles.is_administrator(user)


def may_add_holder_objects(user) -> bool:
    """May the user add agreements or partnerships for some unit?"""
    return may_create_plans(user)


def may_manage_holder_object(user, obj) -> bool:
    """Agreements and partnerships are kept by their holder unit's keepers."""
    return may_manage_unit(user, obj.unit_id)


# --- the admin site ---------------------------------------------------------------------


def may_use_admin(user) -> bool:
    """Only administrators use Django's admin (the site still requires `is_staff`)."""
    return roles.is_administrator(user)


# --- The execution of plans (issue 12) ---


def may_record_execution(user, plan) -> bool:
    """Record occurrences, cancellations, moves and conclusions: the keepers of the plan's unit,
    in every status (an approved plan's content stays locked; what happened is not content)."""
    return may_manage_unit(user, plan.unit_id)


def may_see_execution(user, plan) -> bool:
    return may_see_plan(user, plan)


def may_see_whole_institution(user) -> bool:
    """The consolidated report and the whole institution's calendar feed."""
    return sees_all_units(user)
