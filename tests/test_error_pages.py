"""Issue 11, error pages: 400, 403, 404, 500 and a refused form, in Russian, in the site's
frame, with the menu for a logged-in user and a way back; the 500 page reads no database."""

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import connections
from django.test import Client, RequestFactory
from django.urls import path

from partnership import errors
from partnership.urls import urlpatterns as site_urlpatterns


def _boom(request):
    raise RuntimeError("boom")


def _denied(request):
    raise PermissionDenied


def _suspicious(request):
    raise SuspiciousOperation("bad")


urlpatterns = [
    path("boom/", _boom),
    path("denied/", _denied),
    path("suspicious/", _suspicious),
    *site_urlpatterns,
]
handler400 = errors.bad_request
handler403 = errors.permission_denied
handler404 = errors.page_not_found
handler500 = errors.server_error

MENU = 'aria-label="Главное меню"'
HOME = ">На главную<"


@pytest.fixture(autouse=True)
def _production(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = __name__
    settings.ALLOWED_HOSTS = ["testserver"]


def test_it_shows_a_russian_404_with_the_menu_and_a_way_back(client, owner):
    client.force_login(owner)
    response = client.get("/nothing-here/", HTTP_REFERER="http://testserver/partners/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Страница не найдена" in body and "Ошибка 404" in body
    assert MENU in body and "Выйти" in body and HOME in body
    assert 'href="http://testserver/partners/"' in body and "Вернуться назад" in body


def test_it_offers_no_foreign_previous_page(client, owner):
    client.force_login(owner)
    body = client.get("/nothing-here/", HTTP_REFERER="https://evil.example/").content.decode()
    assert "evil.example" not in body and HOME in body


def test_it_shows_a_404_for_another_units_plan(client, other_teacher, plan):
    client.force_login(other_teacher)
    response = client.get(plan.get_absolute_url())
    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()


def test_it_shows_a_russian_403(client, owner):
    client.force_login(owner)
    response = client.get("/denied/")
    assert response.status_code == 403
    body = response.content.decode()
    assert "Доступ запрещён" in body and MENU in body and HOME in body


def test_it_shows_a_russian_400(client, owner):
    client.force_login(owner)
    response = client.get("/suspicious/")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Запрос не удалось понять" in body and MENU in body


def test_it_explains_a_refused_form(owner, plan):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    response = client.post(f"/plans/{plan.pk}/actions/submit/", {})
    assert response.status_code == 403
    body = response.content.decode()
    assert "Форма устарела" in body and MENU in body and HOME in body
    plan.refresh_from_db()
    assert plan.status == "draft"


def test_it_shows_a_russian_500_in_the_frame(owner):
    client = Client(raise_request_exception=False)
    client.force_login(owner)
    response = client.get("/boom/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Что-то пошло не так на сервере" in body and HOME in body
    assert "Социальное партнёрство" in body  # the site's frame


def test_it_renders_the_500_page_without_the_database(monkeypatch):
    """No `db` fixture: pytest-django refuses every database access in this test."""
    request = RequestFactory().get("/boom/", HTTP_REFERER="http://testserver/plans/")

    def unavailable(*args, **kwargs):
        raise AssertionError("the 500 page touched the database")

    monkeypatch.setattr(connections["default"], "ensure_connection", unavailable)
    response = errors.server_error(request)
    body = response.content.decode()
    assert response.status_code == 500
    assert "Что-то пошло не так на сервере" in body
    assert 'href="http://testserver/plans/"' in body


def test_it_answers_a_foreign_host_with_the_russian_400_not_a_500(client):
    response = client.get("/", HTTP_HOST="evil.example", HTTP_REFERER="https://evil.example/")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Ошибка 400" in body and "evil.example" not in body and "Выйти" not in body
