"""What each page of the walk (tests/walk.py) costs as each persona who may see it: the
database queries of one GET, and how long GETs take. Shared by the query-count test
(tests/test_query_counts.py) and `bench/pages.py`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.walk import PERSONAS, _client, entries, rolled_back, url_names


@dataclass
class Cost:
    queries: int
    status: int
    times_ms: list[float] = field(default_factory=list)

    def p95(self) -> float:
        ordered = sorted(self.times_ms)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] if ordered else 0


# With `few`: per page the first of each group that may see it (the secretariat sees the most
# of the staff; a proxy holder and a secretary the most of the member side).
GROUPS = (
    ("secretariat", "chair", "board_member", "controller"),
    ("proxy_holder", "secretary_a", "representative_a", "secretary_b"),
    ("anonymous",),
)


def visits(*, few: bool = False) -> list[tuple[object, str]]:
    """(page, persona) for every GET page and every persona the walk says may see it (with
    `few`, one persona of each group of GROUPS)."""
    pages = entries()
    names = sorted(name for name in url_names() if name in pages)
    pairs = []
    for name in names:
        page = pages[name]
        if page.post_only:
            continue
        if few:
            chosen = [next((p for p in g if p in page.ok), None) for g in GROUPS]
            personas = [persona for persona in chosen if persona]
        else:
            personas = [persona for persona in PERSONAS if persona in page.ok]
        pairs += [(page, persona) for persona in personas]
    return pairs


def _get(client, url, query):
    response = client.get(url, query)
    if response.streaming:
        b"".join(response.streaming_content)
    return response


def measure(world, pairs, *, repeat: int = 0, cold: bool = True) -> dict[tuple[str, str], Cost]:
    """One counted GET per (page, persona), from a cleared cache when `cold` (so the count
    does not depend on what an earlier page left in it), then `repeat` timed GETs. Every
    GET runs in a savepoint that is rolled back, as in the walk."""
    clients = {}
    costs = {}
    for page, persona in pairs:
        client = clients.get(persona) or clients.setdefault(persona, _client(world, persona))
        url = reverse(page.name, args=page.args(world))
        if cold:
            cache.clear()
        with rolled_back(), CaptureQueriesContext(connection) as queries:
            response = _get(client, url, page.query)
        cost = Cost(queries=len(queries), status=response.status_code)
        for _n in range(repeat):
            with rolled_back():
                began = time.perf_counter()
                _get(client, url, page.query)
                cost.times_ms.append((time.perf_counter() - began) * 1000)
        costs[(page.name, persona)] = cost
    return costs
