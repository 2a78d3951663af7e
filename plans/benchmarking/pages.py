"""Pages through Django's test client, in this process: median time, size and queries."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext


class PageError(Exception):
    pass


@dataclass
class Timing:
    median: float
    size: int  # bytes of the response
    queries: int

    @property
    def kib(self) -> float:
        return self.size / 1024


def measure(client, url: str, repeat: int, *, clear_cache: bool = True) -> Timing:
    """The median of `repeat` fetches (after one to warm the process), its size and queries."""
    client.get(url)
    times, size, queries = [], 0, 0
    for _ in range(repeat):
        if clear_cache:
            cache.clear()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - start)
        if response.status_code != 200:
            raise PageError(f"{url} answered {response.status_code}")
        size = len(response.content) if not response.streaming else 0
        queries = len(captured.captured_queries)
    return Timing(statistics.median(times), size, queries)
