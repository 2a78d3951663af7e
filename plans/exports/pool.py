"""WeasyPrint on several processes: the parts of a long PDF are laid out side by side.

Only HTML goes to the children and only PDF bytes come back: the parent builds every part's
HTML (it alone reads the database), a child runs `printing.html_to_pdf` on it. The pool is a
`ProcessPoolExecutor` forked from this process when it is first needed and kept for the life
of the process (a fork of a warm process is warm at once; each child makes its own font
configuration and warms it as it starts, see `printing.font_config`). The children never
touch the database and leave with `os._exit`, so the parent's connections, which they
inherit, are neither used nor closed by them.

`PDF_PROCESSES` (settings, environment) is the number of children; 0 or 1 lays the parts out
one after another in this process (the memory of one part at a time all the same).
`warm()` is called when a worker starts (gunicorn.conf.py, the task worker's first job, the
benchmark's process): it loads WeasyPrint's fonts, cffi types and hyphenation dictionary, then
freezes what the process holds out of the cyclic garbage collector (`gc.freeze`). Modules,
templates and fonts live as long as the worker; without the freeze every full collection walks
them all again, and a long export or a large page makes several (0.25 s of a 2,000-row XLSX's
3.4 s went to two of them, 0.05 s after the freeze). Frozen before the children are forked,
they are not written to by the children's collections either (copy-on-write stays shared).
"""

from __future__ import annotations

import atexit
import gc
import multiprocessing
import os
import shutil
import signal
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager

from django.conf import settings
from django.template.loader import get_template

from plans.exports import cache as pdf_cache
from plans.exports import numbering
from plans.exports.printing import html_to_pdf

_pool: ProcessPoolExecutor | None = None
_pool_pid: int | None = None
# The children's temporary folder (their font configurations' copies of our fonts): made with
# the pool and removed with it, or when this process exits, as a child leaves with os._exit.
_scratch: str | None = None
_warm = False
_use_cache = True
# The highest peak resident memory a child reported (MiB): the benchmark reads it.
children_peak_mib = 0.0


def processes() -> int:
    return int(getattr(settings, "PDF_PROCESSES", 0) or 0)


def peak_mib() -> float:
    """This process's peak resident memory (VmHWM), in MiB."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _lay_out(html: str) -> tuple[bytes, float]:
    """In a child: one part's PDF and the child's peak memory so far."""
    return html_to_pdf(html), peak_mib()


def _child_start(parent: int, scratch: str) -> None:
    """In a new child: the default signal handlers (not the worker's, which it inherits), a
    watch on the parent (the child leaves when its parent is gone, killed, say), its temporary
    files in the pool's folder (`scratch`, which the parent removes), and its own font
    configuration warmed with the tiny document (see `printing.font_config`)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the parent, which stops us

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()
    tempfile.tempdir = scratch
    html_to_pdf(WARM_HTML)


def pool() -> ProcessPoolExecutor | None:
    """This process's pool of children, forked on first use; None with PDF_PROCESSES ≤ 1."""
    global _pool, _pool_pid, _scratch
    if processes() <= 1:
        return None
    if _pool is None or _pool_pid != os.getpid():
        _scratch = tempfile.mkdtemp(prefix="partnership-pdf-")
        atexit.register(shutil.rmtree, _scratch, ignore_errors=True)
        _pool = ProcessPoolExecutor(processes(), mp_context=multiprocessing.get_context("fork"),
                                    initializer=_child_start, initargs=(os.getpid(), _scratch))
        _pool_pid = os.getpid()
    return _pool


def shutdown() -> None:
    """Stop the children (and wait for them: their memory then counts as this process's
    children's)."""
    global _pool, _pool_pid, _scratch
    if _pool is not None and _pool_pid == os.getpid():
        _pool.shutdown(wait=True)
        shutil.rmtree(_scratch, ignore_errors=True)
    _pool = _pool_pid = _scratch = None


@contextmanager
def without_cache():
    """Every part laid out afresh and none kept (the benchmark's uncached figures)."""
    global _use_cache
    _use_cache = False
    try:
        yield
    finally:
        _use_cache = True


def lay_out(htmls: list[str], done=None) -> list[bytes]:
    """Each HTML's PDF, in order: from the cache when that content was printed before, else on
    the pool (the largest first) or here. Each part is kept in the cache by its content.
    `done(count, total)` is told as parts are laid out (a job's progress)."""
    keys = [pdf_cache.pdf_key(html) for html in htmls]
    found = {i: pdf_cache.get_pdf(key) if _use_cache else None for i, key in enumerate(keys)}
    missing = sorted((i for i, data in found.items() if data is None),
                     key=lambda i: -len(htmls[i]))
    done = done or (lambda count, total: None)
    for i, data in _laid_out(htmls, missing, done):
        if _use_cache:
            pdf_cache.put_pdf(keys[i], data)
        found[i] = data
    return [found[i] for i in range(len(htmls))]


def _laid_out(htmls: list[str], missing: list[int], done):
    """(index, PDF) of each missing part as it is ready: on the pool, or here, in turn."""
    global children_peak_mib
    executor = pool() if len(missing) > 1 else None
    if executor is None:
        for count, i in enumerate(missing, start=1):
            yield i, _lay_out(htmls[i])[0]
            done(count, len(missing))
        return
    try:
        futures = {executor.submit(_lay_out, htmls[i]): i for i in missing}
        for count, future in enumerate(as_completed(futures), start=1):
            data, peak = future.result()
            children_peak_mib = max(children_peak_mib, peak)
            yield futures[future], data
            done(count, len(missing))
    except BrokenProcessPool:
        shutdown()  # a child died (killed for its memory?): the next export forks anew
        raise


# What a plan's PDF loads when first printed: both faces of the font with the glyphs a plan
# prints (the alphabet, digits and punctuation: their shapes and metrics are then in the kept
# font configuration's caches, see `printing`), the Russian hyphenation dictionary (a narrow
# cell must hyphenate), the table, and the diagram (SVG shapes, text placed over them).
WARM_HTML = """<!doctype html><html lang="ru"><head><meta charset="utf-8">
<link rel="stylesheet" href="print/base.css"><link rel="stylesheet" href="print/print.css">
<link rel="stylesheet" href="print/parts.css">
<style>.warm { width: 12mm; hyphens: auto; }</style></head><body>
<table class="plan-table"><tr><td class="warm">Взаимодействие воспитанников</td>
<td><b>Партнёр</b></td></tr>
<tr><td>АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ абвгдеёжзийклмнопрстуфхцчшщъыьэюя 0123456789
.,;:!?«»—–-()№%/</td><td><b>АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ абвгдеёжзийклмнопрстуфхцчшщъыьэюя
0123456789 .,;:!?«»—–-()№%/</b></td></tr></table>
<div class="diagram"><svg xmlns="http://www.w3.org/2000/svg" width="200" height="40">
<rect width="10" height="10"/></svg><p class="diagram-label centred">Диаграмма</p></div>
</body></html>"""
TEMPLATES = ("plans/exports/print/plan.html", "plans/exports/print/_plan.html",
             "plans/exports/print/stamp.html")


def warm(start_pool: bool = False) -> None:
    """Lay out a tiny document once (fonts, cffi, the Russian hyphenation dictionary), read
    what the PDF cache key hashes of every document (the print stylesheets and fonts), freeze
    what is loaded out of the cyclic collector, and with `start_pool` fork the children now,
    while this process is small."""
    global _warm
    if not _warm:
        html_to_pdf(WARM_HTML)
        pdf_cache.pdf_key(WARM_HTML)  # the key's stylesheets and fonts, read once (resources)
        for name in TEMPLATES:  # compiled once and kept by the cached template loader
            get_template(name)
        if processes() > 1:  # documents in parts are numbered after the merge: up to 999 pages
            for width in (1, 2, 3):
                numbering.stamper(width)
        gc.collect()  # what starting left behind goes first; the rest is kept for life
        gc.freeze()
        _warm = True
    executor = pool() if start_pool else None
    if executor is not None:
        for future in [executor.submit(peak_mib) for _ in range(processes())]:
            future.result()
