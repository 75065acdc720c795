"""No page's query count grows with the data: every page of the walk, as a persona of the staff,
of the member side and the anonymous visitor where they may see it, counted on the walk's world
and again after more members, meetings, attendance lines, proxies and ballots
(tests/more_data.py). Counts, never times: `bench/pages.py` times them.
"""

import time

import pytest

from tests.more_data import grow
from tests.page_costs import measure, visits
from tests.walk import build_world

# Pages whose count may grow by a little, and why (none needed today).
ALLOWED_GROWTH: dict[str, int] = {}


@pytest.mark.django_db
def test_no_page_makes_more_queries_with_more_data(request, capsys):
    started = time.monotonic()
    world = build_world(request)
    pairs = visits(few=True)
    before = measure(world, pairs)
    made = grow(world, members=9, meetings=2, items=3, polls=2)
    after = measure(world, pairs)
    grown = [
        f"{name} as {persona}: {before[key].queries} -> {after[key].queries} queries"
        for key in before
        for name, persona in [key]
        if after[key].queries - before[key].queries > ALLOWED_GROWTH.get(name, 0)
    ]
    changed = [
        f"{name} as {persona}: {before[key].status} -> {after[key].status}"
        for key in before
        for name, persona in [key]
        if after[key].status != before[key].status
    ]
    with capsys.disabled():
        print(
            f"\nquery counts: {len(pairs)} pages and personas, before and after {made}, "
            f"{time.monotonic() - started:.1f} s"
        )
    assert not grown, "query counts grew with the data:\n" + "\n".join(grown)
    assert not changed, "answers changed with the data:\n" + "\n".join(changed)
