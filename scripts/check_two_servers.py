#!/usr/bin/env python3
"""Check that two application servers on one database behave as one site (issue 14).

Run by scripts/two_servers.sh, which starts the servers, the worker and the database; this
script only speaks HTTP to them (Python's standard library, no third-party package) and shows:

1. a save on server A is seen on server B;
2. two saves of the same row from the same version, one on each server at the same moment,
   give one success and one conflict (the editor's optimistic version);
3. a consolidated PDF job started on A is done by the worker and downloaded from B;
4. a plan's PDF printed (and cached) by A is a cache hit on B (the `X-Export-Cache` header the
   PDF view sets), with the same bytes;
5. an agreement file uploaded on A is downloaded from B (the shared file storage).

Each check prints PASS or FAIL with what it saw; the exit status is 1 if any failed.
"""

import argparse
import http.cookiejar
import json
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from html.parser import HTMLParser


class Failed(Exception):
    pass


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")


class FormFields(HTMLParser):
    """The fields of the first form whose action contains `action` (the logout form of the
    menu aside): what a browser would send unchanged (inputs, checked boxes, textareas,
    selected options)."""

    def __init__(self, action=""):
        super().__init__(convert_charrefs=True)
        self.action, self.fields = action, []
        self.inside = self.done = False
        self.textarea = self.select = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        action = a.get("action", "")
        if tag == "form" and not self.done and self.action in action and "logout" not in action:
            self.inside = True
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name and a.get("type", "text") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields.append([name, a.get("value", "on" if "checked" in a else "")])
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
            self.fields.append(self.textarea)
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in a:
            self.fields.append([self.select, a.get("value", "")])

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form" and self.inside:
            self.inside, self.done = False, True


def form_fields(html, action=""):
    parser = FormFields(action)
    parser.feed(html)
    if not parser.done:
        raise Failed(f"no form with action containing {action!r} on the page")
    return [tuple(field) for field in parser.fields]


class Browser:
    """One user's session on one server: cookies, CSRF, no automatic redirects."""

    def __init__(self, base, name):
        self.base, self.name = base.rstrip("/"), name
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def request(self, path, data=None, headers=None, timeout=120):
        url = path if path.startswith("http") else self.base + path
        headers = {"Referer": self.base + "/", **(headers or {})}
        if isinstance(data, list | dict):
            data = urllib.parse.urlencode(data).encode()
            headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        req = urllib.request.Request(url, data=data, headers=headers)
        try:
            with self.opener.open(req, timeout=timeout) as answer:
                return Response(answer.status, answer.headers, answer.read())
        except urllib.error.HTTPError as error:
            return Response(error.code, error.headers, error.read())

    def get(self, path, **kwargs):
        return self.request(path, **kwargs)

    def post(self, path, data, **kwargs):
        return self.request(path, data=data, **kwargs)

    def login(self, username, password):
        page = self.get("/accounts/login/")
        fields = dict(form_fields(page.text, ""))
        fields.update(username=username, password=password)
        answer = self.post("/accounts/login/", fields)
        if answer.status != 302:
            raise Failed(f"{self.name}: login of {username} answered {answer.status}")
        return self

    def csrf(self, page_html):
        return dict(form_fields(page_html, "")).get("csrfmiddlewaretoken", "")


RESULTS = []


def check(title):
    def wrap(function):
        def run(*args):
            print(f"--- {title}", flush=True)
            try:
                detail = function(*args)
            except Failed as error:
                RESULTS.append(False)
                print(f"FAIL {title}: {error}", flush=True)
            except Exception as error:  # noqa: BLE001 - a crash of one check fails it only
                RESULTS.append(False)
                print(f"FAIL {title}: {type(error).__name__}: {error}", flush=True)
            else:
                RESULTS.append(True)
                print(f"PASS {title}: {detail}", flush=True)
        return run
    return wrap


def expect(condition, message):
    if not condition:
        raise Failed(message)


def row_form(browser, facts):
    path = f"/plans/{facts['plan']}/rows/{facts['row']}/edit/"
    page = browser.get(path)
    expect(page.status == 200, f"{browser.name}: the row editor answered {page.status}")
    return path, form_fields(page.text, f"/rows/{facts['row']}/edit/")


def with_value(fields, name, value):
    return [(k, value if k == name else v) for k, v in fields]


@check("a save on server A is seen on server B")
def saved_on_a_seen_on_b(a, b, facts):
    marker = f"Saved on A {uuid.uuid4().hex[:8]}"
    path, fields = row_form(a, facts)
    answer = a.post(path, with_value(fields, "characteristic", marker))
    expect(answer.status == 302, f"A answered the save with {answer.status}, not a redirect")
    page = b.get(f"/plans/{facts['plan']}/")
    expect(page.status == 200 and marker in page.text,
           f"B's plan page ({page.status}) does not show {marker!r}")
    return f"A saved {marker!r}, B's plan page shows it"


@check("two saves of one row from the same version, one per server: one wins, one conflicts")
def one_wins_one_conflicts(a, b, facts):
    # Both open the editor before either saves: the same version, each with its own CSRF token.
    forms = {browser.name: row_form(browser, facts) for browser in (a, b)}
    versions = {name: dict(fields).get("version") for name, (_, fields) in forms.items()}
    version = versions["A"]
    expect(version and len(set(versions.values())) == 1, f"the editors' versions: {versions}")
    answers = {}

    def save(browser):
        path, fields = forms[browser.name]
        text = f"Saved on {browser.name} {uuid.uuid4().hex[:8]}"
        answers[browser.name] = (text, browser.post(path, with_value(fields, "characteristic",
                                                                        text)))

    threads = [threading.Thread(target=save, args=(x,)) for x in (a, b)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    won = [n for n, (_, r) in answers.items() if r.status == 302]
    lost = [n for n, (_, r) in answers.items()
            if r.status == 200 and f"conflict-row-{facts['row']}" in r.text]
    expect(len(won) == 1 and len(lost) == 1,
           "expected one redirect and one conflict page, got "
           + ", ".join(f"{n}: {r.status}" for n, (_, r) in answers.items()))
    winner = answers[won[0]][0]
    for browser in (a, b):
        page = browser.get(f"/plans/{facts['plan']}/")
        expect(winner in page.text, f"{browser.name} does not show the winner's {winner!r}")
        expect(answers[lost[0]][0] not in page.text, f"{browser.name} shows the loser's text")
    return (f"both posted version {version}; {won[0]} saved, {lost[0]} got the conflict "
            "panel; both servers show the winner's text")


@check("a consolidated PDF job started on A is done by the worker and downloaded from B")
def consolidated_job(a, b, facts):
    start = a.get(f"/plans/consolidated/{facts['year']}/pdf/")
    expect(start.status == 302, f"A answered {start.status}, not a redirect to the job")
    job = urllib.parse.urlsplit(start.headers["Location"]).path
    expect(job.startswith("/plans/exports/"), f"A redirected to {job!r}, not a job page")
    deadline = time.monotonic() + 240
    while True:
        download = b.get(job + "download/")
        if download.status == 200 or time.monotonic() > deadline:
            break
        status = b.get(job)
        expect(status.status == 200, f"B's job page answered {status.status}")
        expect("Failed" not in status.text and "не удалось" not in status.text.lower(),
               "the job failed")
        time.sleep(1)
    expect(download.status == 200, f"B's download still answers {download.status} after 240 s")
    expect(download.body.startswith(b"%PDF"), "B's download is not a PDF")
    expect("attachment" in download.headers.get("Content-Disposition", ""),
           "B's download is not an attachment")
    return f"job {job} started on A, file of {len(download.body)} bytes downloaded from B"


@check("a plan's PDF cached by A is a cache hit on B")
def cached_on_a_hit_on_b(a, b, facts):
    path = f"/plans/{facts['plan']}/pdf/"
    first = a.get(path)
    expect(first.status == 200, f"A answered {first.status}")
    expect(first.headers.get("X-Export-Cache") == "miss",
           f"A's first print says X-Export-Cache: {first.headers.get('X-Export-Cache')}")
    second = b.get(path)
    expect(second.status == 200, f"B answered {second.status}")
    expect(second.headers.get("X-Export-Cache") == "hit",
           f"B says X-Export-Cache: {second.headers.get('X-Export-Cache')}, not hit")
    expect(second.body == first.body, "B's PDF differs from A's")
    return f"A printed {len(first.body)} bytes (miss), B served the same bytes (hit)"


def multipart(fields, file_field, filename, content, content_type):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                     f"{value}\r\n".encode())
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; '
                 f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
                 + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def one_page_pdf():
    """A minimal valid one-page PDF, offsets computed (the upload check parses it)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, start)
    return bytes(out)


@check("an agreement file uploaded on A is downloaded from B")
def agreement_file(a, b, facts):
    page = a.get(f"/agreements/new/?partner={facts['partner']}")
    expect(page.status == 200, f"A's agreement form answered {page.status}")
    fields = [(k, v) for k, v in form_fields(page.text, "") if k != "number"]
    number = f"S-{uuid.uuid4().hex[:6]}"
    fields += [("number", number), ("valid_from", facts["valid_from"])]
    if not any(k == "unit" and v for k, v in fields):
        fields = [(k, v) for k, v in fields if k != "unit"] + [("unit", str(facts["unit"]))]
    content = one_page_pdf()
    body, kind = multipart(fields, "file", "dogovor.pdf", content, "application/pdf")
    answer = a.post("/agreements/new/", body, headers={"Content-Type": kind})
    expect(answer.status == 302, f"A answered the upload with {answer.status}")
    agreement = urllib.parse.urlsplit(answer.headers["Location"]).path
    download = b.get(agreement.rstrip("/") + "/file/")
    expect(download.status == 200, f"B's file view answered {download.status}")
    expect(download.body == content, "B served other bytes than A received")
    return f"agreement {number} uploaded on A; B served its {len(content)} bytes"


def wait_for(browser, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if browser.get("/accounts/login/", timeout=5).status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"{browser.base} did not answer within {seconds} s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--a", required=True, help="server A's base URL")
    parser.add_argument("--b", required=True, help="server B's base URL")
    parser.add_argument("--facts", required=True,
                        help="JSON: plan, row (editable by --editor), year, partner, unit")
    parser.add_argument("--password", required=True, help="the demo users' password")
    parser.add_argument("--editor", default="teacher")
    parser.add_argument("--reviewer", default="methodist")
    args = parser.parse_args()
    facts = json.loads(args.facts)
    for base in (args.a, args.b):
        wait_for(Browser(base, base))
    teacher_a = Browser(args.a, "A").login(args.editor, args.password)
    teacher_b = Browser(args.b, "B").login(args.editor, args.password)
    methodist_a = Browser(args.a, "A").login(args.reviewer, args.password)
    methodist_b = Browser(args.b, "B").login(args.reviewer, args.password)
    print(f"Server A {args.a}, server B {args.b}; {args.editor} and {args.reviewer} logged in "
          "on both", flush=True)
    saved_on_a_seen_on_b(teacher_a, teacher_b, facts)
    one_wins_one_conflicts(teacher_a, teacher_b, facts)
    consolidated_job(methodist_a, methodist_b, facts)
    cached_on_a_hit_on_b(teacher_a, teacher_b, facts)
    agreement_file(teacher_a, teacher_b, facts)
    passed = sum(RESULTS)
    print(f"=== {passed} of {len(RESULTS)} checks passed", flush=True)
    return 0 if passed == len(RESULTS) else 1


if __name__ == "__main__":
    sys.exit(main())
