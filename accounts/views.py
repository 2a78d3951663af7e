"""The lockout page django-axes shows, the client address it counts by, and password change."""

import ipaddress

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.db.models import Max
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils import timezone

LOCKOUT_STATUS = 429


def client_ip(request):
    """The address a login attempt comes from.

    Behind the HTTPS reverse proxy (HTTPS=1) REMOTE_ADDR is the proxy's, so the address is the
    last one of X-Forwarded-For: the one the proxy itself appended. Without a proxy, REMOTE_ADDR.
    """
    if settings.HTTPS:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        try:
            return str(ipaddress.ip_address(last))
        except ValueError:
            pass
    return request.META.get("REMOTE_ADDR", "")


def locked_until(request, username):
    """When the lockout of this username from this address ends (None if unknown)."""
    last = AccessAttempt.objects.filter(
        username=username, ip_address=getattr(request, "axes_ip_address", None)
    ).aggregate(last=Max("attempt_time"))["last"]
    return last + settings.AXES_COOLOFF_TIME if last else None


def lockout(request, original_response=None, credentials=None):
    """The Russian lockout page (AXES_LOCKOUT_CALLABLE), answered with 429."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    until = locked_until(request, username)
    if until is None:
        until = timezone.now() + settings.AXES_COOLOFF_TIME
    return render(
        request,
        "registration/lockout.html",
        {"until": until, "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)},
        status=LOCKOUT_STATUS,
    )


password_change = auth_views.PasswordChangeView.as_view(
    template_name="registration/password_change.html",
    success_url=reverse_lazy("password_change_done"),
)
password_change_done = auth_views.PasswordChangeDoneView.as_view(
    template_name="registration/password_changed.html",
)
