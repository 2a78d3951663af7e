"""Shared fixtures: the personas every view test speaks of, and the seed demo."""

import io
import os
import shutil
from datetime import date

import pytest
from django.core.management import call_command

from partners import roles
from partners.models import Tier
from plans.models import Plan
from tests.factories import (
    ActivityFactory,
    CategoryFactory,
    PartnerFactory,
    PlanFactory,
    PlanRowFactory,
    UnitFactory,
    UserFactory,
)
from tests.plan_editing_support import months

PASSWORD = "secret-pass-123"


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # Tests render templates without a collectstatic run.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _isolated_cache_and_media(settings, tmp_path):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # PBKDF2 costs ~0.3 s per user; the permission table builds five users per case.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def unit(db):
    return UnitFactory(name="Творческое объединение «Тест»")


@pytest.fixture
def other_unit(db):
    return UnitFactory(name="Театральное объединение «Другое»")


@pytest.fixture
def owner(unit):
    """A teacher, member of `unit`."""
    user = UserFactory(username="owner", role=roles.TEACHER)
    unit.members.add(user)
    return user


@pytest.fixture
def other_teacher(other_unit):
    user = UserFactory(username="other_teacher", role=roles.TEACHER)
    other_unit.members.add(user)
    return user


@pytest.fixture
def methodist(db):
    return UserFactory(username="methodist_user", role=roles.METHODIST)


@pytest.fixture
def administrator(db):
    return UserFactory(username="admin_user", role=roles.ADMINISTRATOR)


@pytest.fixture
def plan(unit):
    return PlanFactory(unit=unit, year=2025)


@pytest.fixture
def demo(db):
    """The seed demo: Центр «Созвездие» and the «Рукодельница» plans."""
    call_command("demo", password=PASSWORD, stdout=io.StringIO())


def login(client, user):
    client.force_login(user)
    return client


# --- browser tests ------------------------------------------------------------------------
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never `playwright install`)."""
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run `make test` as root or apt-get install chromium")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # around it are synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def browser_context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="ru-RU")
    yield context
    context.close()


@pytest.fixture
def nojs_context(browser):
    context = browser.new_context(
        viewport={"width": 1280, "height": 800}, locale="ru-RU", java_script_enabled=False
    )
    yield context
    context.close()


def browser_login(context, live_server, username, password=PASSWORD):
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    return page


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The production hasher costs about half a second per user; tests need no strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]




# --------------------------------------------------------------------------- the plan editor's
# A plan row and its activity, shared by the test_plan_editing_*.py modules.


@pytest.fixture
def schools():
    return CategoryFactory(name="Образовательные организации", tier=Tier.EXTERNAL, order=1)


@pytest.fixture
def school4(schools):
    return PartnerFactory(name="МБОУ СОШ № 4", category=schools)


@pytest.fixture
def school1(schools):
    return PartnerFactory(name="МБОУ СОШ № 1", category=schools)


@pytest.fixture
def row(plan, school4):
    return PlanRowFactory(plan=plan, partner=school4, characteristic="Преемственность.", order=1)


@pytest.fixture
def activity(row):
    return ActivityFactory(row=row, title="Экскурсии", months=months(10), order=1)


@pytest.fixture
def approved(plan, administrator):
    plan.status = Plan.Status.APPROVED
    plan.approved_by = administrator
    plan.approved_at = date(2025, 8, 29)
    plan.save()
    return plan
