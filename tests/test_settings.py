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
