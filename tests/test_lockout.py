"""Login throttling (django-axes): five wrong passwords for a username from one address lock that
pair for 15 minutes, on the site's login and on the admin's; an administrator can unlock."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from accounts.views import client_ip
from tests.conftest import PASSWORD
from tests.factories import UserFactory

LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"


@pytest.fixture
def clerk(db):
    return UserFactory(username="clerk", is_staff=True, is_superuser=True)


def attempt(client, url, username="clerk", password="wrong-password", address="10.0.0.1"):
    return client.post(url, {"username": username, "password": password},
                       REMOTE_ADDR=address)


def fail_five_times(client, url, **kwargs):
    responses = [attempt(client, url, **kwargs) for _ in range(5)]
    assert [r.status_code for r in responses[:4]] == [200] * 4  # the form says "wrong password"
    return responses[-1]


@pytest.mark.parametrize("url", [LOGIN, ADMIN_LOGIN])
def test_it_refuses_the_right_password_after_five_failures(client, clerk, url):
    fifth = fail_five_times(client, url)
    assert fifth.status_code == 429
    sixth = attempt(client, url, password=PASSWORD)
    assert sixth.status_code == 429
    page = sixth.content.decode()
    assert "Вход заблокирован" in page and "15 минут" in page
    assert "_auth_user_id" not in client.session


def test_it_says_when_to_try_again_in_local_time(client, clerk, settings):
    fail_five_times(client, LOGIN)
    locked = AccessAttempt.objects.get(username="clerk")
    until = timezone.localtime(locked.attempt_time + timedelta(minutes=15))
    response = attempt(client, LOGIN, password=PASSWORD)
    assert f"Попробуйте снова после {until:%H:%M}" in response.content.decode()
    assert 'class="navbar' in response.content.decode()  # in the site's frame


def test_it_lets_the_user_in_once_the_fifteen_minutes_are_over(client, clerk):
    fail_five_times(client, LOGIN)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    response = attempt(client, LOGIN, password=PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(clerk.pk)


def test_it_locks_only_that_username_from_that_address(client, clerk):
    UserFactory(username="colleague")
    fail_five_times(client, LOGIN)
    assert attempt(client, LOGIN, password=PASSWORD, address="10.0.0.2").status_code == 302
    client.logout()
    response = attempt(client, LOGIN, username="colleague", password=PASSWORD)
    assert response.status_code == 302


def test_it_does_not_move_the_end_of_a_lockout_on_more_tries(client, clerk):
    fail_five_times(client, LOGIN)
    locked_at = AccessAttempt.objects.get().attempt_time
    for _ in range(3):
        assert attempt(client, LOGIN).status_code == 429
    assert AccessAttempt.objects.get().attempt_time == locked_at


def test_it_logs_failures_and_logins(client, clerk):
    attempt(client, LOGIN)
    attempt(client, LOGIN, password=PASSWORD)
    assert AccessFailureLog.objects.filter(username="clerk", ip_address="10.0.0.1").count() == 1
    assert AccessLog.objects.filter(username="clerk").count() == 1
    # A success wipes the count: five more failures are needed for a lockout.
    assert not AccessAttempt.objects.exists()


def test_it_lets_an_administrator_unlock_from_the_admin(client, clerk):
    fail_five_times(client, LOGIN)
    other = Client()
    other.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    changelist = reverse("admin:axes_accessattempt_changelist")
    assert "clerk" in other.get(changelist).content.decode()
    locked = AccessAttempt.objects.get()
    response = other.post(changelist, {"action": "delete_selected",
                                       "_selected_action": [locked.pk], "post": "yes"})
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert attempt(client, LOGIN, password=PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("https", "forwarded", "expected"),
    [
        (False, "203.0.113.9", "10.0.0.1"),  # no proxy: a client's header is not believed
        (True, "198.51.100.7, 203.0.113.9", "203.0.113.9"),  # the address our proxy appended
        (True, "", "10.0.0.1"),
        (True, "not-an-address", "10.0.0.1"),
    ],
)
def test_it_counts_by_the_address_the_proxy_saw(settings, https, forwarded, expected):
    settings.HTTPS = https
    request = RequestFactory().post(LOGIN, REMOTE_ADDR="10.0.0.1",
                                    HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
