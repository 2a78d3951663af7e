"""The one WeasyPrint entry point: HTML in, PDF bytes out, with the local-only URL fetcher
(see `fetcher`). `plans.exports.pdf` re-exports it; the parts' processes (`pool`) and the page
numbers' templates (`numbering`) call it here.

Every document of a thread is laid out with that thread's one font configuration
(`font_config`), kept for the life of the process: WeasyPrint would otherwise make one per
document, loading Fontconfig's configuration, copying and registering our @font-face files,
and starting Pango's font caches cold each time. A forked process (a part's process of `pool`)
makes its own: the font files of a configuration live in its folder, and a face another
process registered there would be taken as registered here too. The folder is removed when the
process exits (a part's process leaves with os._exit: its folder is in the pool's, see `pool`).
"""

import atexit
import os
import shutil
import threading

from django.utils.translation import gettext as _
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from plans.exports.base import Progress, no_progress
from plans.exports.fetcher import LocalFilesFetcher, base_url

# The options of the PDF writer: part of the cache key, as they change the file.
PDF_OPTIONS: dict = {}

_local = threading.local()
# The configurations a forked process inherited: kept, as dropping one would delete its
# folder, which is the parent's.
_inherited: list[FontConfiguration] = []


def font_config() -> FontConfiguration:
    """This thread's font configuration in this process, made on first use (Pango's font map
    is not to be shared between threads)."""
    pid, config = getattr(_local, "font_config", (None, None))
    if pid != os.getpid():
        if config is not None:
            _inherited.append(config)
        config = FontConfiguration()
        _local.font_config = (os.getpid(), config)
        atexit.register(_remove_folder, config, os.getpid())
    return config


def _remove_folder(config: FontConfiguration, pid: int) -> None:
    """At exit: the configuration's copies of our fonts (WeasyPrint removes them when the
    configuration is collected, which a kept one never is), in the process that made them."""
    folder = getattr(config, "_folder", None)
    if folder and os.getpid() == pid:
        shutil.rmtree(folder, ignore_errors=True)


def html_to_pdf(html: str, progress: Progress = no_progress, start: int = 30) -> bytes:
    """Lay out and write the document; relative URLs resolve inside static/ on disk."""
    progress(start, _("Laying out the pages"))
    document = HTML(string=html, base_url=base_url(), url_fetcher=LocalFilesFetcher())
    rendered = document.render(font_config=font_config())
    progress(start + (100 - start) * 3 // 4, _("Writing the file"))
    return rendered.write_pdf(**PDF_OPTIONS)
