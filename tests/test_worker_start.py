"""A worker's start (plans.exports.pool.warm): WeasyPrint warmed once, and what the process
loaded frozen out of the cyclic garbage collector, so full collections during a long export
or a large page walk only what that made."""

import gc
import os
from pathlib import Path

from plans.exports import pool, printing


def test_it_freezes_what_the_worker_loaded_once_warm(monkeypatch, settings):
    settings.PDF_PROCESSES = 0
    printed = []
    monkeypatch.setattr(pool, "_warm", False)
    monkeypatch.setattr(pool, "html_to_pdf", printed.append)
    gc.unfreeze()
    try:
        assert gc.get_freeze_count() == 0
        pool.warm()
        frozen = gc.get_freeze_count()
        assert frozen > 10_000  # Django, the templates, WeasyPrint: the program, kept for life
        assert printed == [pool.WARM_HTML]
        pool.warm()  # once a process
        assert gc.get_freeze_count() == frozen and len(printed) == 1
    finally:
        gc.unfreeze()


def font_config_made_here() -> bool:
    """In a part's process: its font configuration is its own, made before any part."""
    made_in, _config = printing._local.font_config
    return made_in == os.getpid()


def test_it_warms_each_part_s_process_font_configuration_as_it_starts(settings):
    settings.PDF_PROCESSES = 2
    try:
        executor = pool.pool()
        assert all(f.result() for f in [executor.submit(font_config_made_here)
                                         for _ in range(4)])
    finally:
        pool.shutdown()


def font_folder() -> str:
    return str(printing.font_config()._folder)


def test_it_removes_the_part_processes_font_files_with_the_pool(settings):
    settings.PDF_PROCESSES = 2
    try:
        executor = pool.pool()
        scratch = pool._scratch
        folders = {executor.submit(font_folder).result() for _ in range(4)}
        assert folders and all(Path(f).parent == Path(scratch) for f in folders)
        assert all(any(Path(f).iterdir()) for f in folders)  # our two fonts, copied
    finally:
        pool.shutdown()
    assert not Path(scratch).exists()
