"""Object access for the registry, agreements and partnerships: return the object or refuse.

Views call these first. What a user may do is decided by `partners.policy`; here it is only
turned into a 404 (an object of a unit the user does not see: its existence is not revealed)
or a 403 (a visible object, a forbidden action).
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from partners import policy
from partners.models import Agreement, Partner, Partnership


def get_partner(request, pk, *, manage: bool = False) -> Partner:
    """Every signed-in user reads the registry; `manage` asks to keep it."""
    partner = get_object_or_404(Partner.objects.select_related("category", "unit"), pk=pk)
    if manage and not policy.may_manage_registry(request.user):
        raise PermissionDenied
    return partner


def get_agreement(request, pk, *, manage: bool = False) -> Agreement:
    agreement = get_object_or_404(
        policy.scope(Agreement.objects.select_related("partner", "unit", "teacher"), request.user),
        pk=pk,
    )
    if manage and not policy.may_manage_holder_object(request.user, agreement):
        raise PermissionDenied
    return agreement


def get_partnership(request, pk, *, manage: bool = False) -> Partnership:
    partnership = get_object_or_404(
        policy.scope(
            Partnership.objects.select_related(
                "partner", "partner__category", "unit", "teacher", "stage_set_by"
            ),
            request.user,
        ),
        pk=pk,
    )
    if manage and not policy.may_manage_holder_object(request.user, partnership):
        raise PermissionDenied
    return partnership
