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


def edit(monkeypatch, ending: str, change) -> None:
    """The file whose URL ends with `ending` written anew with `change(bytes)`: its bytes
    and its stamp (a new modification time) change, as when a deploy or an edit writes it."""
    fetch, stamp = LocalFilesFetcher.fetch, LocalFilesFetcher.stamp

    def edited_fetch(self, url, headers=None):
        response = fetch(self, url, headers)
        if url.endswith(ending):
            return type(response)(response.url, body=change(response.read()),
                                  headers=response.headers)
        return response

    def edited_stamp(self, url):
        found = stamp(self, url)
        return (found[0], found[1] + 1, found[2]) if url.endswith(ending) else found

    monkeypatch.setattr(LocalFilesFetcher, "fetch", edited_fetch)
    monkeypatch.setattr(LocalFilesFetcher, "stamp", edited_stamp)


def test_it_changes_the_key_when_the_stylesheet_changes(printed_plan, monkeypatch):
    before = key_of(printed_plan)
    edit(monkeypatch, "print/print.css", lambda body: body + b".plan-table { font-size: 11pt; }")
    assert key_of(printed_plan) != before


def test_it_changes_the_key_when_a_referenced_font_changes(printed_plan, monkeypatch):
    before = key_of(printed_plan)
    edit(monkeypatch, "LiberationSerif-Bold.ttf", lambda body: body[:-1] + b"\0")
    assert key_of(printed_plan) != before


def test_it_reads_an_unchanged_file_once(printed_plan, monkeypatch):
    """Every PDF's key covers the same stylesheets and fonts (a megabyte): a file is read
    again only when its stamp has changed."""
    key_of(printed_plan)
    fetch, read = LocalFilesFetcher.fetch, []
    monkeypatch.setattr(LocalFilesFetcher, "fetch",
                        lambda self, url, headers=None: read.append(url) or fetch(self, url))
    first = key_of(printed_plan)
    assert read == [] and key_of(printed_plan) == first
    edit(monkeypatch, "print/base.css", lambda body: body)  # written anew, the same bytes
    assert key_of(printed_plan) == first


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
