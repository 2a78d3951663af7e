"""Settings come from the environment and refuse malformed values by name."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def load_settings(**env):
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import partnership.settings as s; print(s.DATABASES['default'])"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DEBUG", "maybe"),
        ("DATABASE_URL", "nosuchdb://x"),
        ("TIME_ZONE", "Mars/Olympus"),
        ("LANGUAGE_CODE", "xx"),
        ("CONN_MAX_AGE", "forever"),
        ("SECRET_KEY", "short"),
        ("HTTPS", "maybe"),
        ("HTTPS", "2"),
        ("HSTS_SECONDS", "a year"),
        ("SECURE_COOKIES", "1"),  # replaced by HTTPS=1: refused, not silently ignored
    ],
)
def test_it_refuses_a_malformed_value_naming_the_variable(name, value):
    result = load_settings(**{name: value})
    assert result.returncode != 0
    assert name in result.stderr


def test_it_defaults_to_sqlite_in_wal_mode_with_immediate_transactions():
    from partnership import settings

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("running against another database")
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]


def test_it_reads_postgresql_from_database_url():
    result = load_settings(DATABASE_URL="postgres://u:p@127.0.0.1:5432/db")
    assert result.returncode == 0, result.stderr
    assert "postgresql" in result.stdout


def test_it_is_russian_and_not_debug_by_default():
    result = subprocess.run(
        [sys.executable, "-c", "import partnership.settings as s; print(s.LANGUAGE_CODE, s.DEBUG)"],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k not in {"DEBUG", "LANGUAGE_CODE"}},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["ru", "False"]


PRODUCTION = {
    "DEBUG": "0",
    "HTTPS": "1",
    "SECRET_KEY": "k3Vb9-Qz_t1Lx8mNw2Rc5Yp0Hd7Fs4Ej6Ga1Uo9Ti3Bn8Mv5Kw2",
    "ALLOWED_HOSTS": "example.org",
}
SECURITY_SETTINGS = [
    "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_HTTPONLY", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS",
    "SECURE_PROXY_SSL_HEADER",
]


def security_settings(**env):
    environment = {k: v for k, v in os.environ.items() if k not in {"HTTPS", "DEBUG"}}
    environment.update(env)
    code = "import partnership.settings as s; print(" + ", ".join(
        f"repr(s.{name})" for name in SECURITY_SETTINGS
    ) + ", sep='|')"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return dict(zip(SECURITY_SETTINGS, result.stdout.strip().split("|"), strict=True))


def test_it_turns_on_secure_cookies_redirect_and_hsts_with_https():
    assert security_settings(HTTPS="1") == {
        "SESSION_COOKIE_SECURE": "True", "CSRF_COOKIE_SECURE": "True",
        "SESSION_COOKIE_HTTPONLY": "True", "CSRF_COOKIE_HTTPONLY": "True",
        "SECURE_SSL_REDIRECT": "True", "SECURE_HSTS_SECONDS": str(365 * 24 * 3600),
        "SECURE_PROXY_SSL_HEADER": "('HTTP_X_FORWARDED_PROTO', 'https')",
    }
    assert security_settings(HTTPS="1", HSTS_SECONDS="300")["SECURE_HSTS_SECONDS"] == "300"


def test_it_keeps_plain_http_working_without_https():
    values = security_settings()
    assert values["SESSION_COOKIE_SECURE"] == values["SECURE_SSL_REDIRECT"] == "False"
    assert values["SECURE_HSTS_SECONDS"] == "0" and values["SECURE_PROXY_SSL_HEADER"] == "None"
    assert values["CSRF_COOKIE_HTTPONLY"] == values["SESSION_COOKIE_HTTPONLY"] == "True"


def test_it_passes_the_deploy_check_with_the_documented_production_environment():
    # The browser fixture allows async-unsafe ORM calls in this process; a deployment never does.
    environment = {
        k: v for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(PRODUCTION)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output.upper() and "no issues" in output


def test_it_warns_in_the_deploy_check_without_https():
    # The browser fixture allows async-unsafe ORM calls in this process; a deployment never does.
    environment = {
        k: v for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(PRODUCTION, HTTPS="0")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    for check in ["W004", "W008", "W012", "W016"]:
        assert f"security.{check}" in output
