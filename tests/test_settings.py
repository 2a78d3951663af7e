"""Settings come from the environment and refuse malformed values by name."""

import json
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
        ("CACHE_URL", "memcached://127.0.0.1:11211"),
        ("CACHE_URL", "redis://"),
        ("CACHE_URL", "file://relative/folder"),
        ("CACHE_URL", "127.0.0.1:6379"),
        ("STORAGE_BUCKET", "files"),  # without its keys
        ("STORAGE_ACCESS_KEY", "key"),  # without a bucket
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


SHARED = ("STORAGE_BUCKET", "STORAGE_ACCESS_KEY", "STORAGE_SECRET_KEY", "STORAGE_ENDPOINT_URL",
          "STORAGE_REGION", "STORAGE_PREFIX", "CACHE_URL", "DATABASE_URL")


def shared_state(**env):
    """The cache and default storage the settings choose for this environment."""
    environment = {k: v for k, v in os.environ.items() if k not in SHARED}
    environment.update(env)
    code = ("import json, partnership.settings as s; "
            "print(json.dumps([s.CACHES['default'], s.STORAGES['default']]))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_it_keeps_the_single_machine_defaults_on_sqlite():
    cache, storage = shared_state()
    assert cache["BACKEND"].endswith("FileBasedCache") and cache["LOCATION"].endswith("cache")
    assert storage == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_it_shares_the_cache_through_the_database_on_postgresql():
    cache, _ = shared_state(DATABASE_URL="postgres://u:p@127.0.0.1:5432/db")
    assert cache == {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                     "LOCATION": "django_cache"}


@pytest.mark.parametrize(
    ("url", "backend", "location"),
    [
        ("redis://cache.internal:6379/1", "django_redis.cache.RedisCache",
         "redis://cache.internal:6379/1"),
        ("db://", "django.core.cache.backends.db.DatabaseCache", "django_cache"),
        ("db://pdf_cache", "django.core.cache.backends.db.DatabaseCache", "pdf_cache"),
        ("file:///srv/cache", "django.core.cache.backends.filebased.FileBasedCache",
         "/srv/cache"),
    ],
)
def test_it_reads_the_cache_from_cache_url(url, backend, location):
    cache, _ = shared_state(CACHE_URL=url, DATABASE_URL="postgres://u:p@127.0.0.1:5432/db")
    assert (cache["BACKEND"], cache["LOCATION"]) == (backend, location)


def test_it_puts_files_in_a_private_bucket_with_storage_bucket():
    _, storage = shared_state(
        STORAGE_BUCKET="files", STORAGE_ACCESS_KEY="a", STORAGE_SECRET_KEY="s",
        STORAGE_ENDPOINT_URL="https://s3.example.org", STORAGE_REGION="ru-1",
        STORAGE_PREFIX="/partnership/",
    )
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    options = storage["OPTIONS"]
    assert options["bucket_name"] == "files" and options["location"] == "partnership"
    assert options["endpoint_url"] == "https://s3.example.org"
    assert options["region_name"] == "ru-1"
    assert options["default_acl"] == "private" and options["querystring_auth"] is True
    assert options["file_overwrite"] is False


def test_it_names_the_bad_scheme_of_cache_url():
    result = load_settings(CACHE_URL="memcached://127.0.0.1:11211")
    assert "unknown scheme 'memcached'" in result.stderr and "redis://" in result.stderr
