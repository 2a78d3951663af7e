"""The calendar feed and the page to subscribe to it.

The feed needs no login: its token is the secret, looked up by a unique index; a wrong or reset
token is a plain 404. The subscribe page shows the user's own feed URL and resets it.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from partners import policy

from . import service


@require_safe
def feed(request, token):
    user = service.user_of(token)
    response = HttpResponse(
        service.build_feed(user, request.build_absolute_uri),
        content_type="text/calendar; charset=utf-8",
    )
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = 'inline; filename="partnership.ics"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def subscribe(request):
    token = service.token_of(request.user)
    if request.method == "POST":
        token.reset()
        messages.success(
            request,
            pgettext(
                "calendar feed",
                "The calendar address is reset: the old one no longer works. Subscribe again "
                "with the new address.",
            ),
        )
        return redirect("feeds:subscribe")
    feed_url = request.build_absolute_uri(reverse("feeds:feed", args=[token.token]))
    return render(
        request,
        "execution/feeds/subscribe.html",
        {
            "feed_url": feed_url,
            "webcal_url": "webcal://" + feed_url.split("://", 1)[1],
            "created_at": token.created_at,
            "whole": policy.may_see_whole_institution(request.user),
        },
    )
