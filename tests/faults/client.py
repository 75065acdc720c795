"""A small HTTP client for the fault tests: cookies, CSRF, forms read from the page (so a form
that gains or loses fields still works), and the time of every request."""

from __future__ import annotations

import http.cookiejar
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    action: str
    fields: dict[str, str] = field(default_factory=dict)
    selects: dict[str, list[str]] = field(default_factory=dict)  # name: option values
    buttons: list[tuple[str, str]] = field(default_factory=list)  # (name, value)
    classes: str = ""


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._form = Form(action=a.get("action") or "", classes=a.get("class") or "")
            self.forms.append(self._form)
        if self._form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in {"radio", "checkbox"}:
                if "checked" in a:
                    self._form.fields[name] = a.get("value") or "on"
            elif kind == "submit":
                self._form.buttons.append((name, a.get("value") or ""))
            elif kind != "file":
                self._form.fields[name] = a.get("value") or ""
        elif tag == "textarea" and name:
            self._form.fields[name] = ""
        elif tag == "select" and name:
            self._select = name
            self._form.selects[name] = []
            self._form.fields.setdefault(name, "")
        elif tag == "option" and self._select:
            value = a.get("value") or ""
            self._form.selects[self._select].append(value)
            if "selected" in a:
                self._form.fields[self._select] = value
        elif tag == "button" and name:
            self._form.buttons.append((name, a.get("value") or ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def forms_of(page: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(page)
    return parser.forms


@dataclass
class Answer:
    status: int
    url: str
    body: str
    seconds: float


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One visitor: a cookie jar, and the duration of every request it made."""

    def __init__(self, base: str, host: str) -> None:
        self.base = base
        self.host = host
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )
        self.timings: list[tuple[str, str, float]] = []

    def _send(self, method: str, path: str, data: dict[str, str] | None) -> Answer:
        url = urllib.parse.urljoin(self.base, path)
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, method=method)
        request.add_header("Host", self.host)
        request.add_header("Referer", self.base)
        started = time.monotonic()
        try:
            with self.opener.open(request, timeout=30) as response:
                status, text = response.status, response.read().decode()
                location = url
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode(errors="replace")
            location = urllib.parse.urljoin(url, error.headers.get("Location") or url)
        seconds = time.monotonic() - started
        self.timings.append((method, path, seconds))
        return Answer(status=status, url=location, body=text, seconds=seconds)

    def get(self, path: str) -> Answer:
        """GET, following redirects (each hop timed as a request of its own)."""
        answer = self._send("GET", path, None)
        while answer.status in (301, 302, 303):
            answer = self._send("GET", answer.url, None)
        return answer

    def post(self, path: str, data: dict[str, str]) -> Answer:
        answer = self._send("POST", path, data)
        if answer.status in (301, 302, 303):
            return self.get(answer.url)
        return answer

    def submit(self, page: Answer, form: Form, **values: str) -> Answer:
        return self.post(form.action or page.url, {**form.fields, **values})

    def log_in(self, username: str, password: str) -> Answer:
        page = self.get("/accounts/login/")
        form = next(f for f in forms_of(page.body) if "username" in f.fields)
        return self.submit(page, form, username=username, password=password)
