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
    return measure_together(client, [url], repeat, clear_cache=clear_cache)[0]


def measure_together(client, urls: list[str], repeat: int, *,
                     clear_cache: bool = True) -> list[Timing]:
    """Each URL's timing (see `measure`), the pages fetched in turns (one of each, then again):
    pages compared in a ratio meet the same moments of a shared machine."""
    for url in urls:
        client.get(url)
    times: list[list[float]] = [[] for _ in urls]
    sizes, queries = [0] * len(urls), [0] * len(urls)
    for _ in range(repeat):
        for i, url in enumerate(urls):
            if clear_cache:
                cache.clear()
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = client.get(url)
                times[i].append(time.perf_counter() - start)
            if response.status_code != 200:
                raise PageError(f"{url} answered {response.status_code}")
            sizes[i] = len(response.content) if not response.streaming else 0
            queries[i] = len(captured.captured_queries)
    return [Timing(statistics.median(t), size, count)
            for t, size, count in zip(times, sizes, queries, strict=True)]
