"""What a printed document references: its stylesheets, and the fonts and images they and the
HTML name, read from the final HTML and CSS and fetched through the one URL fetcher.

No list of files is kept by hand: whatever the HTML links to (and whatever that CSS imports or
loads, recursively) is found here, and read with the same fetcher WeasyPrint uses, so a URL the
fetcher refuses counts as refused in both places. A local file is read again only when the
fetcher's stamp of it (inode, modification time, size) has changed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin

import tinycss2

MAX_RESOURCES = 200

# Elements whose attribute names a file the document loads (HTML and inline SVG).
URL_ATTRIBUTES = {
    "img": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "image": ("href", "xlink:href"),
    "feimage": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
}


@dataclass(frozen=True)
class Resource:
    url: str
    digest: str  # sha256 of the bytes, or "refused: …" when the fetcher refused the URL


class _References(HTMLParser):
    """Collects the files an HTML document loads, and its CSS (style elements and attributes)."""

    def __init__(self, base: str):
        super().__init__(convert_charrefs=True)
        self.base = base
        self.urls: list[str] = []
        self.stylesheets: list[str] = []
        self.css: list[str] = []  # inline CSS, resolved against the document's base
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        values = {name: value or "" for name, value in attrs}
        if tag == "base" and values.get("href"):
            self.base = urljoin(self.base, values["href"])
        if tag == "link" and "stylesheet" in values.get("rel", "").lower().split():
            self.stylesheets.append(urljoin(self.base, values.get("href", "")))
        for name in URL_ATTRIBUTES.get(tag, ()):
            if values.get(name) and not values[name].startswith("#"):
                self.urls.append(urljoin(self.base, values[name]))
        if values.get("style"):  # declarations: read them as the block of a rule
            self.css.append(f"*{{{values['style']}}}")
        if tag == "style":
            self._in_style = True

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.css.append(data)


def _walk(tokens):
    for token in tokens or ():
        yield token
        for attribute in ("prelude", "content", "arguments", "value"):
            children = getattr(token, attribute, None)
            if isinstance(children, list):
                yield from _walk(children)


def _join(base: str, url: str) -> str:
    """An absolute URL, or "" for a reference inside the document («#gradient»)."""
    return "" if url.startswith("#") else urljoin(base, url)


def css_urls(css: str, base: str) -> tuple[list[str], list[str]]:
    """The files a piece of CSS loads: (imported stylesheets, fonts and images)."""
    imports, others = [], []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "at-rule" and rule.lower_at_keyword == "import":
            for token in rule.prelude:
                if token.type in ("string", "url"):
                    imports.append(_join(base, token.value))
                    break
            continue
        for token in _walk([rule]):
            if token.type == "url":
                others.append(_join(base, token.value))
            elif token.type == "function" and token.lower_name == "url":
                strings = [a for a in token.arguments if a.type == "string"]
                if strings:
                    others.append(_join(base, strings[0].value))
    return imports, others


def _fetch(fetcher, url: str) -> tuple[bytes | None, str]:
    try:
        response = fetcher.fetch(url)
    except Exception as error:  # WeasyPrint skips a resource it cannot fetch: so do we
        return None, f"refused: {type(error).__name__}"
    try:
        body = response.read()
    finally:
        response.close()
    return body, hashlib.sha256(body).hexdigest()


@dataclass(frozen=True)
class _Read:
    digest: str
    imports: list[str]  # of a stylesheet: the stylesheets it imports
    others: list[str]  # and the fonts and images it loads


# What each local file read last held, while its stamp (the fetcher's `stamp`: inode,
# modification time, size) is the same: every PDF's key reads the same stylesheets and fonts
# (a megabyte), which took 8 ms of each part's key.
_KEPT: dict[tuple[str, str], tuple[tuple, _Read]] = {}


def _read(fetcher, url: str, kind: str) -> _Read:
    stamp = fetcher.stamp(url) if hasattr(fetcher, "stamp") else None
    kept = _KEPT.get((url, kind)) if stamp is not None else None
    if kept is not None and kept[0] == stamp:
        return kept[1]
    body, digest = _fetch(fetcher, url)
    imports, others = [], []
    if kind == "css" and body is not None:
        imports, others = css_urls(body.decode("utf-8", "replace"), url)
    read = _Read(digest, imports, others)
    if stamp is not None:
        if len(_KEPT) >= MAX_RESOURCES:
            _KEPT.clear()
        _KEPT[(url, kind)] = (stamp, read)
    return read


def referenced_resources(html: str, base_url: str, fetcher) -> list[Resource]:
    """Every file the document loads, in the order it is found, each once."""
    parser = _References(base_url)
    parser.feed(html)
    parser.close()
    pending = [("css", url) for url in parser.stylesheets] + [("file", u) for u in parser.urls]
    for css in parser.css:
        imports, others = css_urls(css, parser.base)
        pending += [("css", url) for url in imports] + [("file", url) for url in others]
    found: dict[str, Resource] = {}
    while pending and len(found) < MAX_RESOURCES:
        kind, url = pending.pop(0)
        url = url.split("#", 1)[0]
        if not url or url in found or url.startswith("data:"):
            continue  # a data: URL is part of the text that is hashed already
        read = _read(fetcher, url, kind)
        found[url] = Resource(url, read.digest)
        pending += [("css", u) for u in read.imports] + [("file", u) for u in read.others]
    return list(found.values())
