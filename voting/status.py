"""The voting status every voter's page polls: has a poll of the meeting opened or closed, or
has the item under discussion changed?

The answer is a version of the meeting's voting state, a fingerprint of what the database
holds (how many of its polls opened and closed, and the item under discussion). The cache
keeps it for `TTL` seconds, so hundreds of open pages polling during an assembly cost one
query per meeting and interval; a poll that opens or closes deletes it (`voting.services`),
so the pages learn at once. When the cache misses or Redis is down or slow
(`dimpact_portal.cache` answers a miss within its short timeouts) the database answers, so the
voters' pages still learn that a poll opened; a deletion lost while Redis was away is
outlived by the TTL.

`dimpact_portal.wsgi` serves it before Django's request handling; the Django view gives the
same answer where that front is not used (runserver, tests).
"""

from __future__ import annotations

import logging
import re
import zlib

from django.core.cache import cache
from django.db import DatabaseError, close_old_connections
from django.db.models import Count

logger = logging.getLogger(__name__)

PATH = re.compile(r"^/stemmen/vergadering/(\d+)/status/$")
HEADERS = [
    ("Cache-Control", "no-store"),
    ("X-Content-Type-Options", "nosniff"),
    ("Content-Length", "0"),
]
# How long the cache may answer without the database; bounds the staleness after a lost bump.
TTL = 5


def version_key(meeting_pk: int) -> str:
    return f"voting:meeting:{meeting_pk}:state"


def database_version(meeting_pk: int) -> int:
    """The meeting's voting state as the database has it, as a number (only equality counts)."""
    from meetings.selectors import meeting_current_item_id
    from voting.models import Poll

    counts = Poll.objects.filter(meeting_id=meeting_pk).aggregate(
        opened=Count("opened_at"), closed=Count("closed_at")
    )
    state = f"{counts['opened']}:{counts['closed']}:{meeting_current_item_id(meeting_pk)}"
    return zlib.crc32(state.encode())


def voting_version(meeting_pk: int) -> int:
    key = version_key(meeting_pk)
    cached = cache.get(key)
    if cached is not None:
        return int(cached)
    version = database_version(meeting_pk)
    cache.set(key, version, timeout=TTL)  # dropped when Redis is away
    return version


def voting_changed(meeting_pk: int) -> None:
    """A poll opened or closed, or the item under discussion changed: the next status
    answer comes from the database."""
    cache.delete(version_key(meeting_pk))


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
        # Outside Django's request cycle: drop a connection the database closed, as a request
        # would, before the fallback uses it.
        close_old_connections()
        try:
            status, headers = status_answer(int(match.group(1)), seen)
        except DatabaseError as error:
            # Nothing known to have changed: the page asks again in two seconds.
            logger.warning("voting status without the database: %s", error)
            status, headers = 204, list(HEADERS)
        start_response("204 No Content" if status == 204 else "200 OK", headers)
        return [b""]
