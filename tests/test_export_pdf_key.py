"""The PDF cache key (issue 9 item 8) derives from what is printed: the final HTML, the bytes of
every stylesheet, font and image it references (found through the URL fetcher), the writer's
options and the WeasyPrint version. No list of files is kept by hand."""

from pathlib import Path

import pytest
import weasyprint
from django.utils import translation
from django.utils.translation import trans_real

from plans import periods
from plans.exports import PdfExporter
from plans.exports.cache import pdf_key
from plans.exports.fetcher import STATIC_DIR, LocalFilesFetcher, base_url
from plans.exports.resources import referenced_resources
from plans.periods import Frequency
from tests.factories import ActivityFactory, PartnerFactory, PlanRowFactory

STYLESHEET = (STATIC_DIR / "print" / "print.css").as_uri()
BASE_STYLESHEET = (STATIC_DIR / "print" / "base.css").as_uri()


@pytest.fixture
def printed_plan(plan):
    row = PlanRowFactory(plan=plan, partner=PartnerFactory(name="Детская библиотека"))
    ActivityFactory(row=row, title="Книжная выставка", months=0, frequency=Frequency.ONCE)
    return plan


def key_of(plan) -> str:
    return PdfExporter(plan).cache_key


def test_it_gives_the_same_key_for_the_same_plan(printed_plan, settings):
    assert key_of(printed_plan) == key_of(printed_plan)
    settings.PDF_PROCESSES = 0  # printed as one document, whose key is its HTML's
    exporter = PdfExporter(printed_plan)
    assert exporter.cache_key == pdf_key(exporter.html())


def test_it_finds_the_stylesheet_and_its_fonts_through_the_fetcher(printed_plan):
    html = PdfExporter(printed_plan).html()
    urls = [r.url for r in referenced_resources(html, base_url(), LocalFilesFetcher())]
    assert urls[:2] == [BASE_STYLESHEET, STYLESHEET]
    fonts = {Path(url).name for url in urls if url.endswith(".ttf")}
    assert fonts == {"LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf"}


def test_it_changes_the_key_when_the_stylesheet_changes(printed_plan, monkeypatch):
    before = key_of(printed_plan)
    fetch = LocalFilesFetcher.fetch

    def edited(self, url, headers=None):
        response = fetch(self, url, headers)
        if url == STYLESHEET:
            body = response.read() + b"\n.plan-table { font-size: 11pt; }\n"
            response = type(response)(response.url, body=body, headers={"Content-Type": "text/css"})
        return response

    monkeypatch.setattr(LocalFilesFetcher, "fetch", edited)
    assert key_of(printed_plan) != before


def test_it_changes_the_key_when_a_referenced_font_changes(printed_plan, monkeypatch):
    before = key_of(printed_plan)
    fetch = LocalFilesFetcher.fetch

    def other_font(self, url, headers=None):
        response = fetch(self, url, headers)
        if url.endswith("LiberationSerif-Bold.ttf"):
            return type(response)(response.url, body=response.read()[:-1] + b"\0")
        return response

    monkeypatch.setattr(LocalFilesFetcher, "fetch", other_font)
    assert key_of(printed_plan) != before


def test_it_changes_the_key_when_a_translation_of_printed_text_changes(printed_plan):
    before = key_of(printed_plan)
    catalog = trans_real.translation("ru")._catalog
    original = catalog["Period"]
    catalog["Period"] = "Сроки"
    try:
        with translation.override("ru"):
            assert translation.gettext("Period") == "Сроки"
        changed = key_of(printed_plan)
    finally:
        catalog["Period"] = original
    assert changed != before
    assert key_of(printed_plan) == before


def test_it_changes_the_key_when_the_period_wording_changes(printed_plan, monkeypatch):
    before = key_of(printed_plan)
    monkeypatch.setitem(periods.FREQUENCY_TEXT, Frequency.ONCE.value, "Однократно")
    assert key_of(printed_plan) != before


def test_it_changes_the_key_with_the_weasyprint_version(printed_plan, monkeypatch):
    before = key_of(printed_plan)
    monkeypatch.setattr(weasyprint, "__version__", "0.0-test")
    assert key_of(printed_plan) != before


def test_it_reads_imports_fonts_and_images_of_any_document(tmp_path):
    (tmp_path / "a.css").write_text('@import "b.css"; p { background: url(dot.png); }')
    (tmp_path / "b.css").write_text('@font-face { src: url("f.ttf"); }')
    (tmp_path / "dot.png").write_bytes(b"png")
    (tmp_path / "f.ttf").write_bytes(b"font")
    (tmp_path / "logo.png").write_bytes(b"logo")
    html = ('<link rel="stylesheet" href="a.css"><img src="logo.png">'
            '<svg><use href="#node"/></svg><p style="background: url(\'dot.png\')">x</p>'
            '<img src="http://127.0.0.1:9/x.png">')
    base = tmp_path.as_uri() + "/"
    fetcher = LocalFilesFetcher(roots=[tmp_path.resolve()])
    resources = referenced_resources(html, base, fetcher)
    found = {r.url.rsplit("/", 1)[-1]: r.digest for r in resources}
    assert set(found) == {"a.css", "b.css", "dot.png", "f.ttf", "logo.png", "x.png"}
    assert found["x.png"] == "refused: RefusedURL"

    def key() -> str:
        return pdf_key(html, base=base, fetcher=fetcher)

    first = key()
    assert key() == first
    for name, content in [("b.css", "@font-face { src: url('f.ttf'); } p {}"),
                          ("f.ttf", "other font"), ("logo.png", "other logo")]:
        previous = key()
        (tmp_path / name).write_text(content)
        assert key() != previous, name
