"""Every response carries a Content-Security-Policy without unsafe-inline, a Permissions-Policy and
Cross-Origin-Opener-Policy; templates hold no inline script, handler or style attribute; the
CSRF cookie is HttpOnly and htmx's CSRF header comes from the page."""

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import login

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# Rendered for WeasyPrint only, never served to a browser.
# What WeasyPrint alone reads (never served to a browser) may carry its own <style>.
PRINT_ONLY_FOLDERS = ("plans/exports/print/", "plans/exports/coverage/")

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
STYLE = re.compile(r"<style\b|\sstyle\s*=", re.IGNORECASE)


def csp_directives(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("url", ["/accounts/login/", "/admin/login/", "/no-such-page/"])
def test_it_sends_the_policies_to_a_stranger(client, db, url):
    response = client.get(url)
    directives = csp_directives(response)
    assert directives["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("name", ["home", "plans:list", "partners:list", "agreements:list",
                                  "coverage:index", "password_change"])
def test_it_sends_the_policy_on_every_page_of_a_signed_in_user(client, administrator, name):
    response = login(client, administrator).get(reverse(name))
    assert response.status_code == 200
    assert csp_directives(response)["default-src"] == ["'self'"]
    assert "Permissions-Policy" in response


def template_files():
    for path in sorted(TEMPLATES.rglob("*.html")):
        name = path.relative_to(TEMPLATES).as_posix()
        if name.startswith(PRINT_ONLY_FOLDERS):
            continue
        yield name


@pytest.mark.parametrize("name", list(template_files()))
def test_it_keeps_scripts_and_styles_out_of_the_templates(name):
    text = (TEMPLATES / name).read_text()
    assert not INLINE_SCRIPT.search(text), "inline <script>"
    assert not HANDLER.search(text), "inline event handler"
    assert not STYLE.search(text), "style attribute or element"


def test_it_switches_off_the_style_element_htmx_would_inject(client, owner):
    page = login(client, owner).get(reverse("home")).content.decode()
    assert '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false}\'>' in page


def test_it_keeps_the_csrf_cookie_from_scripts(client, db):
    response = client.get("/accounts/login/")
    assert response.cookies["csrftoken"]["httponly"] is True


def test_it_accepts_htmx_posts_with_the_token_from_the_page(owner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    page = client.get(reverse("home")).content.decode()
    token = re.search(r'hx-headers=\'\{"X-CSRFToken": "([^"]+)"\}\'', page).group(1)
    refused = client.post(reverse("logout"))
    assert refused.status_code == 403
    response = client.post(reverse("logout"), HTTP_X_CSRFTOKEN=token, HTTP_HX_REQUEST="true")
    assert response.status_code == 302
