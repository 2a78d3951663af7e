"""Throughput with concurrent clients: gunicorn with 3 workers on a free local port (as
`make run` serves), driven by wrk when it is installed (Debian package `wrk`), else by a small
thread pool in Python. Each page is reported against the login page, the two measured in
turns (`in_turns`): a shared machine's speed moves from minute to minute, and a page measured
a minute after its baseline read 0.42 in one run and 0.59 in the next with the same code."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

CLIENTS = 8
WORKERS = 3
TURNS = 5  # rounds of (baseline, page) for each page


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn():
    """A gunicorn serving this project; its base URL while the block runs."""
    port = free_port()
    binary = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(binary), "partnership.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(WORKERS), "--timeout", "120", "--log-level", "warning"],
        cwd=settings.BASE_DIR, env=os.environ.copy(),
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/accounts/login/")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer at {url}")


def warm(url: str, cookie: str) -> None:
    """A request per worker, so no worker's first request is timed."""
    for _ in range(WORKERS * 2):
        fetch(url, cookie)


def fetch(url: str, cookie: str) -> int:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=120) as response:
        response.read()
        return response.status


def throughput(url: str, cookie: str, seconds: float) -> tuple[float, str]:
    """Requests per second with CLIENTS concurrent clients, and the tool that measured it."""
    warm(url, cookie)
    if shutil.which("wrk"):
        return wrk(url, cookie, seconds), "wrk"
    return pool(url, cookie, seconds), "threads"


def in_turns(baseline: str, url: str, cookie: str,
             seconds: float) -> tuple[list[float], list[float], str]:
    """The baseline (no cookie) and the page, TURNS rounds each measured for `seconds` /
    TURNS (at least a second): their requests per second, round by round, and the tool."""
    turns = TURNS
    each = max(1.0, seconds / turns)
    baselines, pages = [], []
    tool = ""
    for _ in range(turns):
        rate, tool = throughput(baseline, "", each)
        baselines.append(rate)
        rate, tool = throughput(url, cookie, each)
        pages.append(rate)
    return baselines, pages, tool


def wrk(url: str, cookie: str, seconds: float) -> float:
    """wrk's requests per second; a slow page is measured again for longer (up to a minute)
    until every client has had some answers."""
    while True:
        command = ["wrk", "-t2", f"-c{CLIENTS}", f"-d{max(1, round(seconds))}s",
                   "--timeout", "60s"]
        if cookie:
            command += ["-H", f"Cookie: {cookie}"]
        out = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
        if "Non-2xx" in out:
            raise RuntimeError(f"{url}: some answers were not 200\n{out}")
        done = int(re.search(r"(\d+) requests in", out).group(1))
        if done >= 2 * CLIENTS or seconds >= 60:
            return float(re.search(r"Requests/sec:\s*([\d.]+)", out).group(1))
        seconds = min(60, seconds * 4)


def pool(url: str, cookie: str, seconds: float) -> float:
    done = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client():
        while time.monotonic() < stop:
            if fetch(url, cookie) != 200:
                raise RuntimeError(f"{url} did not answer 200")
            with lock:
                done[0] += 1

    start = time.monotonic()
    with ThreadPoolExecutor(CLIENTS) as executor:
        for future in [executor.submit(client) for _ in range(CLIENTS)]:
            future.result()
    return done[0] / (time.monotonic() - start)
