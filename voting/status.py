"""The voting status every voter's page polls: has a poll of the meeting opened or closed?

Answered from the cache alone. `dimpact_portal.wsgi` serves it before Django's request
handling (hundreds of open pages poll it during an assembly); the Django view gives the same
answer where that front is not used (runserver, tests).
"""

from __future__ import annotations

import re

from django.core.cache import cache

PATH = re.compile(r"^/stemmen/vergadering/(\d+)/status/$")
HEADERS = [
    ("Cache-Control", "no-store"),
    ("X-Content-Type-Options", "nosniff"),
    ("Content-Length", "0"),
]


def version_key(meeting_pk: int) -> str:
    return f"voting:meeting:{meeting_pk}:version"


def voting_version(meeting_pk: int) -> int:
    return int(cache.get(version_key(meeting_pk)) or 0)


def status_answer(meeting_pk: int, seen: str) -> tuple[int, list[tuple[str, str]]]:
    """204 when the page has seen the current version; otherwise 200 telling it to reload."""
    try:
        seen_version = int(seen)
    except (TypeError, ValueError):
        seen_version = -1
    if voting_version(meeting_pk) == seen_version:
        return 204, list(HEADERS)
    return 200, [*HEADERS, ("HX-Trigger", "voting-changed")]


class StatusFastPath:
    """WSGI middleware: answers the status path itself, passes everything else on."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        match = PATH.match(environ.get("PATH_INFO", ""))
        if match is None or environ.get("REQUEST_METHOD") != "GET":
            return self.application(environ, start_response)
        from urllib.parse import parse_qs

        seen = parse_qs(environ.get("QUERY_STRING", "")).get("v", [""])[0]
        status, headers = status_answer(int(match.group(1)), seen)
        start_response("204 No Content" if status == 204 else "200 OK", headers)
        return [b""]
