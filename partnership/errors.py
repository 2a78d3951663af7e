"""The error pages: 400, 403, 404, 500 and a refused form (CSRF), in Russian, in the site's frame.

Each says what happened and offers a way back: the home page, and the previous page when the
browser told us one on this site. 400, 403, 404 and the CSRF failure render with the request's
context, so a logged-in user has the menu. The 500 page must render even when the database is
down: it uses a plain context (no context processors, no `request.user`), so it reads nothing
from the database and shows the frame without the user's menu.
"""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.template import Context, loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

PAGE = "errors/page.html"
SERVER_ERROR_PAGE = "errors/500.html"


def back_url(request) -> str:
    """The previous page, if it is a page of this site; else ''."""
    referer = request.META.get("HTTP_REFERER", "")
    try:
        host = request.get_host()
    except DisallowedHost:  # the 400 of a request to a host not ours
        return ""
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={host}, require_https=request.is_secure()
    ) and referer != request.build_absolute_uri():
        return referer
    return ""


def _page(request, status: int, title: str, explanation: str) -> HttpResponse:
    if not hasattr(request, "user"):  # refused before the authentication middleware ran
        request.user = AnonymousUser()
    context = {
        "status": status,
        "error_title": title,
        "explanation": explanation,
        "back_url": back_url(request),
    }
    body = loader.render_to_string(PAGE, context, request=request)
    return HttpResponse(body, status=status)


@requires_csrf_token
def bad_request(request, exception=None):
    return _page(request, 400, _("The request could not be understood"), _(
        "The address or the form sent was not understood. Check the address, or go back and "
        "try again."
    ))


@requires_csrf_token
def permission_denied(request, exception=None):
    return _page(request, 403, _("Access denied"), _(
        "Your role does not allow this action. If you think you should be able to do it, ask "
        "an administrator."
    ))


@requires_csrf_token
def page_not_found(request, exception=None):
    return _page(request, 404, _("Page not found"), _(
        "There is no such page, or it belongs to a unit you do not see. Check the address, or "
        "go back."
    ))


def csrf_failure(request, reason=""):
    return _page(request, 403, _("The form has expired"), _(
        "The form was sent from a page that is too old, or cookies are off in the browser. Go "
        "back, reload the page and send the form again."
    ))


def server_error(request):
    """Rendered with a plain context: no context processor, no user, no database."""
    template = loader.get_template(SERVER_ERROR_PAGE)
    context = {
        "status": 500,
        "back_url": back_url(request),
        "LANGUAGE_CODE": settings.LANGUAGE_CODE,
    }
    return HttpResponse(template.template.render(Context(context)), status=500)
