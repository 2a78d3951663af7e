"""Users change their own password: Django's views in Russian, with Django's validators."""

import pytest
from django.urls import reverse

from tests.conftest import PASSWORD

URL = "/accounts/password/"


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner)
    return client


def change(client, old=PASSWORD, new="Kolokolchik-2026"):
    return client.post(URL, {"old_password": old, "new_password1": new, "new_password2": new})


def test_it_is_linked_from_the_header_menu(signed_in):
    page = signed_in.get(reverse("home")).content.decode()
    assert f'href="{URL}"' in page and "Сменить пароль" in page


def test_it_changes_the_password_and_keeps_the_user_signed_in(signed_in, owner):
    response = change(signed_in)
    assert response.status_code == 302 and response.url == reverse("password_change_done")
    owner.refresh_from_db()
    assert owner.check_password("Kolokolchik-2026")
    done = signed_in.get(response.url)
    assert done.status_code == 200 and "Пароль изменён" in done.content.decode()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("wrong", "Kolokolchik-2026", "Ваш старый пароль введен неправильно"),
        (PASSWORD, "short", "Введённый пароль слишком короткий"),
        (PASSWORD, "password123", "Введённый пароль слишком широко распространён"),
        (PASSWORD, "8415926535897", "Введённый пароль состоит только из цифр"),
    ],
)
def test_it_refuses_a_wrong_old_or_a_weak_new_password_in_russian(signed_in, owner, old, new,
                                                                  message):
    response = change(signed_in, old, new)
    assert response.status_code == 200
    assert message in response.content.decode()
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)


def test_it_sends_a_stranger_to_the_login_page(client):
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
