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
