"""Object access for the registry: every signed-in user reads it; administrators keep it."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from partners import roles
from partners.models import Partner


def can_manage_registry(user) -> bool:
    return roles.is_administrator(user)


def get_partner(request, pk, *, manage: bool = False) -> Partner:
    partner = get_object_or_404(Partner.objects.select_related("category", "unit"), pk=pk)
    if manage and not can_manage_registry(request.user):
        raise PermissionDenied
    return partner


# --- agreements and partnerships (issue 6) ------------------------------------------------
# Administrators keep every unit's agreements and partnerships; teachers keep those of their own
# units; methodists read everything. Objects of other units are a 404 for a teacher.


def manageable_units(user):
    from partners.models import Unit

    if roles.is_administrator(user):
        return Unit.objects.all()
    if roles.is_teacher(user):
        return Unit.objects.filter(members=user)
    return Unit.objects.none()


def can_add_holder_objects(user) -> bool:
    """May the user add agreements or partnerships at all (for some unit)?"""
    return roles.is_administrator(user) or (
        roles.is_teacher(user) and user.units.exists()
    )


def _holder_visible(queryset, user):
    if not user.is_authenticated:
        return queryset.none()
    if roles.sees_all_units(user):
        return queryset
    return queryset.filter(unit__members=user)


def can_manage_holder_object(user, obj) -> bool:
    if roles.is_administrator(user):
        return True
    return roles.is_teacher(user) and obj.unit.members.filter(pk=user.pk).exists()


def visible_agreements(user):
    from partners.models import Agreement

    return _holder_visible(Agreement.objects.all(), user)


def get_agreement(request, pk, *, manage: bool = False):
    agreement = get_object_or_404(
        visible_agreements(request.user).select_related("partner", "unit", "teacher"), pk=pk
    )
    if manage and not can_manage_holder_object(request.user, agreement):
        raise PermissionDenied
    return agreement


def visible_partnerships(user):
    from partners.models import Partnership

    return _holder_visible(Partnership.objects.all(), user)


def get_partnership(request, pk, *, manage: bool = False):
    partnership = get_object_or_404(
        visible_partnerships(request.user).select_related(
            "partner", "partner__category", "unit", "teacher", "stage_set_by"
        ),
        pk=pk,
    )
    if manage and not can_manage_holder_object(request.user, partnership):
        raise PermissionDenied
    return partnership
