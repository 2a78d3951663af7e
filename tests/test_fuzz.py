"""No input gives a server error, and a refused input changes nothing (issue 10, item 6).

Built on the permission walk (tests/test_permissions.py): for each of its URLs, a persona who
may use it opens the page, and every form found on it (and every POST of the walk) gets
hypothesis-generated hostile values: empty, 100,000 characters, NUL bytes, invalid UTF-8 (raw
in the query string and in a multipart body), huge and negative numbers, wrong versions,
impossible dates and another unit's ids (first a fixed battery of each kind in every field
at once, then hypothesis's mixtures). No answer may be a 5xx, and when the answer is an
error (anything but a redirect after a POST; any GET) the domain tables are unchanged.
"""

import hashlib
from datetime import date
from html.parser import HTMLParser
from urllib.parse import quote_from_bytes, urlsplit

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from partners.models import Agreement
from tests.factories import ActivityFactory, DirectionFactory, PlanRowFactory
from tests.test_permissions import CASES
from tests.test_permissions import world as world  # noqa: F401 (the walk's fixture)

MAX_EXAMPLES = 8
SUCCESS = {200, 302}
# Query parameters that views read themselves (no form on the page names them).
VIEW_PARAMS = {
    "plans:history": ["page"],
    "plans:consolidated": ["page"],
    "plans:create": ["unit", "year"],
    "plans:partner_search": ["q", "row", "partner"],
    "plans:period_preview": ["months", "frequency", "note"],
    "plans:row_edit": ["focus"],
    "partners:similar": ["name", "exclude"],
    "agreements:create": ["partner"],
    "comments:list": ["comment_row"],
    "coverage:activities": ["year", "unit", "tier", "category", "direction", "partner",
                            "month", "period"],
    "coverage:xlsx": ["year", "unit", "tier", "category", "direction"],
    "coverage:unplanned": ["year", "unit", "tier", "category", "direction", "page"],
    "overview:xlsx": ["year", "unit", "tier", "category", "direction", "partner"],
}
# Fields of POSTs that the walk sends without opening a form first.
POST_FIELDS = {
    "plans:restore": ["next"],
    "plans:row_move": ["direction"],
    "plans:activity_move": ["direction"],
    "plans:transition": ["comment", "order_number"],
    "comments:add": ["row", "text", "return_for_revision"],
    "plans:import_confirm": ["token"],
}
# Too slow to render a few hundred times (a PDF each); the same filter as coverage:xlsx.
SKIPPED = {"coverage:pdf", "plans:pdf", "plans:docx", "plans:xlsx", "plans:diagram",
           "plans:diagram_svg", "plans:consolidated_pdf", "plans:export_download",
           "reports:plan_pdf", "reports:plan_docx", "reports:consolidated_pdf"}
SENT = {"values": 0}
BOUNDARY = "FuzzBoundary7MA4YWxk"


# --------------------------------------------------------------------------- the forms of a page


class FormFinder(HTMLParser):
    """The forms of a page: method, action, and the data a browser would submit."""

    def __init__(self):
        super().__init__()
        self.forms, self._form, self._select, self._textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {"method": (attrs.get("method") or "get").lower(),
                          "action": attrs.get("action") or "", "fields": {}}
            self.forms.append(self._form)
        elif self._form is None or "name" not in attrs and tag != "option":
            return
        elif tag == "input":
            kind = attrs.get("type", "text")
            values = self._form["fields"].setdefault(attrs["name"], [])
            if kind not in {"checkbox", "radio", "file", "submit"} or "checked" in attrs:
                values.append(attrs.get("value") or "")
        elif tag == "select":
            self._select = self._form["fields"].setdefault(attrs["name"], [])
        elif tag == "option" and self._select is not None and "selected" in attrs:
            self._select.append(attrs.get("value") or "")
        elif tag == "textarea":
            self._textarea = self._form["fields"].setdefault(attrs["name"], [])
            self._textarea.append("")

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[-1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def forms_of(html: str, url: str):
    finder = FormFinder()
    finder.feed(html)
    for form in finder.forms:
        if form["fields"] and urlsplit(form["action"]).path in ("", url):
            yield form["method"], form["fields"]


# --------------------------------------------------------------------------- targets


def persona(expected):
    """Who may use the URL: a teacher when a teacher may, else a methodist, else the admin."""
    for role in ("owner", "methodist", "administrator"):
        if expected[role] in SUCCESS:
            return role
    return None


def targets_of(case, world, client):
    """The (method, url, base data) to fuzz for one case of the walk: the filters and forms
    of its page, the parameters its view reads, the data the walk posts."""
    method, name, args, data, _expected = case
    url = reverse(name, args=args(world))
    data = data(world) if callable(data) else dict(data or {})
    given_fields = {key: as_list(value) for key, value in data.items()}
    query = given_fields if method == "get" else {}
    page = client.get(url, query)
    gets, posts = {}, {}
    if page.status_code == 200 and "html" in page.get("Content-Type", ""):
        for form_method, fields in forms_of(page.content.decode(), url):
            (gets if form_method == "get" else posts).update(fields)
    posted_by_walk = any(c[0] == "post" and c[1] == name for c in CASES)
    if method == "post":
        posts |= {key: [""] for key in POST_FIELDS.get(name, [])} | given_fields
        return [("post", url, posts)] if posts else []
    gets |= {key: [""] for key in VIEW_PARAMS.get(name, [])} | query
    found = [("get", url, gets)] if gets else []
    if posts and not posted_by_walk:
        found.append(("post", url, posts))
    return found


def as_list(value):
    return [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]


# --------------------------------------------------------------------------- hostile values

HUGE = ["99999999999999999999", str(2**63), str(2**63 - 1), str(2**64), "-1", "-0", "0",
        str(-(2**63) - 1), "1e309", "NaN", "inf", "1.5", " 1", "²", "١٢", "0x10", "+1"]
DATES = ["2025-02-30", "2025-13-01", "0000-00-00", "9999-12-31", "31.02.2025", "1-1-1",
         "2025-02-29T25:61", "99999-01-01"]
LINKS = ["-1", "//evil.example/", "https://evil.example/", "javascript:alert(1)", "/\\evil",
         "/\r\nSet-Cookie: x=1", "/plans/\x00", "\x00", "/" + "a" * 5000]


# Sent first, in every field at once: each kind of hostile value reaches every field.
BATTERY = ["99999999999999999999", str(2**63), "-1", "", "x" * 100_000, "a\x00b", "²",
           "2025-02-30", "//evil.example/"]


def hostile_text():
    return st.one_of(
        st.just(""),
        st.just("x" * 100_000),
        st.text(max_size=20).map(lambda s: s + "\x00" + s),
        st.integers(min_value=-(2**80), max_value=2**80).map(str),
        st.integers(min_value=2**63 - 2, max_value=2**70).map(str),
        st.sampled_from(HUGE),
        st.sampled_from(DATES),
        st.sampled_from(LINKS),
        st.text(max_size=40),
    )


def hostile_values(foreign_ids):
    single = st.one_of(hostile_text(), st.sampled_from(foreign_ids))
    return st.lists(single, min_size=1, max_size=3)


def raw_bytes():
    """Bytes that are not UTF-8 (lone continuation bytes, overlong forms, cut sequences)."""
    return st.one_of(
        st.sampled_from([b"\xff", b"\xc0\xaf", b"\xed\xa0\x80", b"\xe2\x82", b"%\xff"]),
        st.binary(min_size=1, max_size=20).filter(not_utf8),
    )


def not_utf8(raw: bytes) -> bool:
    try:
        raw.decode()
    except UnicodeDecodeError:
        return True
    return False


def multipart(fields: dict, raw: dict) -> bytes:
    """A multipart body: `fields` as text, `raw` as bytes that are not UTF-8."""
    parts = []
    for name, values in fields.items():
        for value in values:
            parts.append((name, value.encode("utf-8", "surrogatepass")))
    parts += list(raw.items())
    body = b""
    for name, value in parts:
        body += (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n"
                 .encode() + value + b"\r\n")
    return body + f"--{BOUNDARY}--\r\n".encode()


# --------------------------------------------------------------------------- the database


def domain_models():
    for label in ("partners", "plans", "auth"):
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if model._meta.model_name not in {"exportjob"}:
                yield model


def checksum() -> str:
    digest = hashlib.sha256()
    for model in domain_models():
        rows = model._base_manager.order_by("pk").values_list()
        digest.update(repr((model._meta.label, list(rows))).encode())
    return digest.hexdigest()


@pytest.fixture
def foreign(world):
    """Another unit's objects: ids a teacher of `unit` must not reach."""
    DirectionFactory()  # so that the row form has its checkboxes
    other_plan = world["other_plan"]
    row = PlanRowFactory(plan=other_plan)
    activity = ActivityFactory(row=row)
    agreement = Agreement.objects.create(
        partner=row.partner, unit=other_plan.unit, number="2", valid_from=date(2025, 9, 1)
    )
    ids = {other_plan.pk, other_plan.unit_id, row.pk, activity.pk, row.partner_id, agreement.pk}
    return sorted(str(pk) for pk in ids)


# --------------------------------------------------------------------------- the test


def send(client, method, url, data, raw, raw_mode):
    if method == "get":
        query = "&".join(
            f"{quote_from_bytes(k.encode())}={quote_from_bytes(v.encode('utf-8', 'replace'))}"
            for k, values in data.items() for v in values
        )
        for name, value in raw.items():
            # raw bytes straight in the query string, and percent-encoded
            text = value.decode("latin-1") if raw_mode else quote_from_bytes(value)
            query += f"&{name}={text}"
        return client.get(url, QUERY_STRING=query)
    if raw:
        return client.post(url, multipart(data, raw),
                           content_type=f"multipart/form-data; boundary={BOUNDARY}")
    return client.post(url, data)


def fuzz(client, method, url, base, foreign_ids):
    names = sorted(base)
    state = {"data": checksum()}  # the data as the last accepted request left it

    @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(
        # now every field hostile, now a few fields of otherwise good data
        changed=st.one_of(
            st.fixed_dictionaries({name: hostile_values(foreign_ids) for name in names}),
            st.dictionaries(st.sampled_from(names), hostile_values(foreign_ids),
                            min_size=1, max_size=3),
        ),
        raw=st.dictionaries(st.sampled_from(names), raw_bytes(), max_size=2),
        raw_mode=st.booleans(),
    )
    def one(changed, raw, raw_mode):
        data = {**base, **changed}
        for name in raw:
            data.pop(name, None)
        SENT["values"] += sum(len(v) for v in changed.values()) + len(raw)
        response = send(client, method, url, data, raw, raw_mode)
        status = response.status_code
        assert status < 500, f"{method.upper()} {url} {status} with {changed!r} {raw!r}"
        after = checksum()
        if method == "get" or status != 302:
            assert after == state["data"], f"{method.upper()} {url} {status} changed the data"
        state["data"] = after

    for value in [*BATTERY, foreign_ids[0], [BATTERY[0], foreign_ids[-1]]]:
        every = {name: value if isinstance(value, list) else [value] for name in names}
        one = example(changed=every, raw={}, raw_mode=False)(one)
    for raw_mode in (False, True):
        one = example(changed={}, raw=dict.fromkeys(names, b"\xff\xfe"), raw_mode=raw_mode)(one)
    one()


WALK = [case for case in CASES if case[1] not in SKIPPED and persona(case[4])]


@pytest.mark.parametrize("case", WALK, ids=[f"{c[0]} {c[1]} {i}" for i, c in enumerate(WALK)])
def test_it_survives_hostile_values(world, foreign, case):
    role = persona(case[4])
    client = Client(raise_request_exception=False)
    client.force_login(world["users"][role])
    targets = targets_of(case, world, client)
    for method, url, base in targets:
        fuzz(client, method, url, base, foreign)


def test_it_sent_at_least_a_thousand_values():
    """Runs after the walk above (pytest keeps a module's order): the values it sent."""
    if not SENT["values"]:
        pytest.skip("run with the fuzz walk")
    assert SENT["values"] >= 1000, SENT
    print(f"hostile values sent: {SENT['values']}")
