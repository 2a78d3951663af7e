"""Every page of the demo a role can reach, found by following its links in the browser.

The phone and accessibility tests walk the same list: from the home page, each same-site link
(menus, tables, the editor's <details> menus) is followed once per *kind* of page (the path with
its numbers replaced, plus the names of its query parameters), so the walk stays short while no
page of the demo is missed. Downloads (calendar feeds among them), the Django admin and logging
out are left out.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from tests.conftest import browser_login

SKIP = re.compile(
    r"^/(admin|static|media)/|/logout/|/(pdf|docx|xlsx|file|download|logo)/$|\.(svg|ics)$"
    r"|^/coverage/pdf/"
)
LINKS = "Array.from(document.querySelectorAll('a[href]'), a => a.href)"
ROLES = ("teacher", "teacher2", "methodist", "admin")


def kind(path: str, query: str) -> str:
    keys = sorted({key for key, _value in parse_qsl(query, keep_blank_values=True)})
    # A filter or search submitted as a link is the same page as its empty form.
    keys = [key for key in keys if key in {"mode"}]
    return re.sub(r"\d+", "N", path) + ("?" + "&".join(keys) if keys else "")


def demo_pages(page, live_server, limit: int = 60) -> list[str]:
    """The URLs (path and query) of one page of each kind the logged-in user can open."""
    base = live_server.url
    queue, seen, found = ["/"], {"/"}, []
    while queue and len(found) < limit:
        url = queue.pop(0)
        response = page.goto(base + url)
        if response is None or response.status != 200:
            continue
        if "text/html" not in (response.headers.get("content-type") or ""):
            continue
        found.append(url)
        for href in page.evaluate(LINKS):
            parts = urlsplit(href)
            if parts.netloc != urlsplit(base).netloc or SKIP.search(parts.path):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            key = kind(parts.path, parts.query)
            if key not in seen:
                seen.add(key)
                queue.append(target)
    return found


def login_as(browser, live_server, username, *, width=1280, height=900):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="ru-RU")
    return context, browser_login(context, live_server, username)


def overflow(page) -> int:
    """How many pixels the document is wider than the viewport (0: no sideways scroll)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
