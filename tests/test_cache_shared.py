"""The PDF cache in the database (issue 14): `migrate` makes its table, and a PDF one server
printed is a hit for every other server, because the cache is a table they all share."""

import pytest
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection
from django.urls import reverse

from backups.apps import create_cache_table
from plans.exports import cache as pdf_cache

DATABASE_CACHE = {
    "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                "LOCATION": "test_pdf_cache"}
}


@pytest.fixture
def database_cache(settings, db):
    settings.CACHES = DATABASE_CACHE
    create_cache_table(using="default")
    yield
    caches["default"].clear()


def cached_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM test_pdf_cache")
        return cursor.fetchone()[0]


def test_it_makes_the_cache_table_where_migrate_runs(settings, db):
    settings.CACHES = DATABASE_CACHE
    assert "test_pdf_cache" not in connection.introspection.table_names()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")  # as migrate does
    assert "test_pdf_cache" in connection.introspection.table_names()


def test_it_leaves_the_database_alone_with_another_cache(settings, db):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert "test_pdf_cache" not in connection.introspection.table_names()


def test_it_keeps_a_printed_pdf_in_the_shared_table(client, owner, plan, database_cache,
                                                    settings):
    settings.PDF_PROCESSES = 0  # printed as one document: one row (parts are rows of their own)
    client.force_login(owner)
    first = client.get(reverse("plans:pdf", args=[plan.pk]))
    assert first["X-Export-Cache"] == "miss" and cached_rows() == 1
    # Another server: a cache object of its own (nothing in memory), the same table.
    other_server = DatabaseCache("test_pdf_cache", {})
    key = next(iter(other_server_keys()))
    assert other_server.get(key) == first.content
    second = client.get(reverse("plans:pdf", args=[plan.pk]))
    assert second["X-Export-Cache"] == "hit" and second.content == first.content
    other_server.clear()
    assert client.get(reverse("plans:pdf", args=[plan.pk]))["X-Export-Cache"] == "miss"


def other_server_keys() -> list[str]:
    """The cache keys in the table, without the key prefix and version Django adds (":1:")."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM test_pdf_cache")
        return [row[0].split(":", 2)[2] for row in cursor.fetchall()]


def test_it_stores_and_reads_pdf_bytes(database_cache):
    pdf_cache.put_pdf("k" * 64, b"%PDF-1.7 \x00\xff binary")
    assert cached_rows() == 1
    assert pdf_cache.get_pdf("k" * 64) == b"%PDF-1.7 \x00\xff binary"
