"""The PDF cache in Redis (issue 14): with `CACHE_URL=redis://…`, a PDF printed by one server is a
hit for another, because both read the same Redis. A real redis-server is started on a free
port (Debian's `redis-server`, which `make test` installs as root)."""

import shutil
import socket
import subprocess
import time

import pytest
import redis
from django.core.cache import caches
from django.urls import reverse

from partnership.shared_state import cache_config

pytestmark = pytest.mark.skipif(
    shutil.which("redis-server") is None, reason="Debian's redis-server is not installed"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    port = free_port()
    folder = tmp_path_factory.mktemp("redis")
    server = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(folder),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def redis_cache(settings, redis_url):
    settings.CACHES = {"default": cache_config(redis_url, database_engine="", cache_dir="")}
    yield redis_url
    caches["default"].clear()


def test_it_keeps_a_printed_pdf_in_redis_for_every_server(client, owner, plan, redis_cache):
    client.force_login(owner)
    first = client.get(reverse("plans:pdf", args=[plan.pk]))
    assert first["X-Export-Cache"] == "miss"
    # Another server: a client of its own to the same Redis finds the PDF under a key.
    other_server = redis.Redis.from_url(redis_cache)
    assert other_server.dbsize() >= 1
    second = client.get(reverse("plans:pdf", args=[plan.pk]))
    assert second["X-Export-Cache"] == "hit" and second.content == first.content
    other_server.flushdb()
    assert client.get(reverse("plans:pdf", args=[plan.pk]))["X-Export-Cache"] == "miss"
