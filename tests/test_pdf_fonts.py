"""The font configuration WeasyPrint lays out with: one per thread of a process, kept between
documents (plans.exports.printing.font_config)."""

import io
import multiprocessing
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from pypdf import PdfReader
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from plans.exports import printing
from plans.exports.fetcher import LocalFilesFetcher, base_url
from plans.exports.printing import font_config, html_to_pdf

DOCUMENT = """<!doctype html><html lang="ru"><head><meta charset="utf-8">
<link rel="stylesheet" href="print/base.css"><link rel="stylesheet" href="print/print.css">
</head><body><p>Комплексный план <b>работы с социальными партнёрами</b></p></body></html>"""


def fonts_and_streams(data: bytes) -> list[tuple[list[str], bytes]]:
    """Each page's fonts (without the subset's random prefix) and its drawing."""
    pages = []
    for page in PdfReader(io.BytesIO(data)).pages:
        fonts = page["/Resources"]["/Font"]
        names = sorted(str(fonts[key].get_object()["/BaseFont"]).split("+")[-1] for key in fonts)
        pages.append((names, page.get_contents().get_data()))
    return pages


def test_it_keeps_one_configuration_for_the_documents_of_a_thread():
    html_to_pdf(DOCUMENT)
    assert font_config() is font_config()
    others = []
    thread = threading.Thread(target=lambda: others.append(font_config()))
    thread.start()
    thread.join()
    assert others[0] is not font_config()


def test_it_prints_with_the_kept_configuration_as_with_a_fresh_one():
    kept = [html_to_pdf(DOCUMENT) for _ in range(2)]
    fresh = HTML(string=DOCUMENT, base_url=base_url(), url_fetcher=LocalFilesFetcher()
                 ).write_pdf(font_config=FontConfiguration())
    expected = fonts_and_streams(fresh)
    assert expected[0][0] == ["Plan-Serif", "Plan-Serif-Bold"]  # our @font-face faces
    assert [fonts_and_streams(data) for data in kept] == [expected, expected]


def in_a_forked_process(inherited_id: int, scratch: str) -> None:
    tempfile.tempdir = scratch  # its fonts' copies, which it leaves behind with os._exit
    inherited = printing._local.font_config[1]
    assert id(inherited) == inherited_id
    own = font_config()
    assert own is not inherited and inherited in printing._inherited
    html_to_pdf(DOCUMENT)


def test_it_gives_a_forked_process_a_configuration_of_its_own(tmp_path):
    html_to_pdf(DOCUMENT)
    parent = font_config()
    folder = Path(parent._folder)  # where our @font-face files were copied
    child = multiprocessing.get_context("fork").Process(target=in_a_forked_process,
                                                         args=(id(parent), str(tmp_path)))
    child.start()
    child.join()
    assert child.exitcode == 0
    assert folder.is_dir() and any(folder.iterdir())  # the parent's files are still there
    assert font_config() is parent


EXITING = """
import django, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partnership.settings")
django.setup()
from plans.exports.printing import font_config, html_to_pdf
from tests.test_pdf_fonts import DOCUMENT
html_to_pdf(DOCUMENT)
print(font_config()._folder)
"""


def test_it_removes_its_copies_of_the_fonts_when_the_process_exits(tmp_path):
    done = subprocess.run([sys.executable, "-c", EXITING], capture_output=True, text=True,
                          env={**os.environ, "TMPDIR": str(tmp_path)}, check=True)
    folder = Path(done.stdout.strip().splitlines()[-1])
    assert folder.parent == tmp_path  # it was made, and then removed
    assert not folder.exists()
