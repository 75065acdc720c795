"""Benchmark of every page at the demo data and at ten times it: `make bench-pages` (or
`.venv/bin/python bench/pages.py`).

Builds the walk's world (tests/walk.py: the demo association from `load_seed`, the personas and
an assembly in session with proxies and polls) in a database of its own, GETs every page as
every persona who may see it (tests/walk.py's entries) in-process with Django's test client,
DEBUG off, counting the queries of one GET and timing `--repeat` more; then adds nine times
the demo's members, meetings (of 10 items, each with an attendance line per member), proxies
and ballots with the project's services and factories (tests/more_data.py) and does it again.
One line per page and persona:

  page=NAME role=ROLE queries_small=N queries_big=N p95_small_ms=X p95_big_ms=X

and a last line `pages=N grew=N over_50ms=N server_errors=N` (pages whose count grew by more
than 2, pages whose big p95 is 50 ms or more, answers of 500 or more).

Options: --repeat 20 (the p95 of 20 GETs is the second slowest, of 10 it was the slowest);
--scale 9 (how many times the demo's members to add, with three meetings per step); --polls N
(closed polls with a ballot per added member; default 4 times scale); --few (per page one
persona of the staff, one of the member side and the anonymous visitor, as the query-count
test); --only SUBSTRING (page names). Needs the local PostgreSQL
and Redis (BENCH_DATABASE_URL, default database dimpact_bench_pages, recreated each run;
BENCH_REDIS_URL, default Redis db 8, flushed).
"""

from __future__ import annotations

import argparse
import inspect
import os
import secrets
import sys
import tempfile
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))

DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/dimpact_bench_pages"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/8")


class Fixtures:
    """What `build_world(request)` asks of pytest's `request`: the personas of
    tests/conftest.py, made by its own fixture functions (their arguments resolved here)."""

    def __init__(self):
        import tests.conftest

        self.module = tests.conftest
        self.values = {"db": None}

    def getfixturevalue(self, name):
        if name not in self.values:
            function = getattr(self.module, name)
            function = getattr(function, "__wrapped__", function)
            arguments = [self.getfixturevalue(a) for a in inspect.signature(function).parameters]
            self.values[name] = function(*arguments)
        return self.values[name]


def environment() -> None:
    os.environ.update(
        DATABASE_URL=DATABASE_URL,
        REDIS_URL=REDIS_URL,
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="testserver",
        SECURE="0",
        DJANGO_SETTINGS_MODULE="dimpact_portal.settings",
        EMAIL_URL="consolemail://",  # kept in memory instead (the locmem backend below)
        MEDIA_ROOT=tempfile.mkdtemp(prefix="bench-pages-media-"),
    )


def demo_size() -> dict:
    from meetings.models import Attendance, Meeting
    from members.models import Member
    from proxies.models import Proxy
    from voting.models import Ballot

    return {
        "members": Member.objects.count(),
        "meetings": Meeting.objects.count(),
        "attendance": Attendance.objects.count(),
        "proxies": Proxy.objects.count(),
        "ballots": Ballot.objects.count(),
    }


def make_bigger(world, scale: int, polls: int) -> None:
    """`scale` times the demo's members more (and three meetings per step), with their
    proxies, attendance lines and ballots."""
    from tests.more_data import grow

    size = demo_size()
    grow(
        world,
        members=size["members"] * scale,
        # The demo's 11 meetings include the walk's; the ten times had 42 of them.
        meetings=3 * scale,
        items=10,
        polls=polls or max(2, scale * 4),
    )


def settle() -> None:
    """After the bulk inserts: the tables vacuumed and analysed now (not by autovacuum in the
    middle of the timed GETs, nor planned on the small data's statistics), and the objects the
    build left on the heap frozen out of the garbage collector's passes (a process that starts
    on a big database has none of them)."""
    import gc

    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    gc.collect()
    gc.freeze()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--scale", type=int, default=9)
    parser.add_argument("--only", default="")
    parser.add_argument("--few", action="store_true", help="one persona per group per page")
    parser.add_argument(
        "--polls", type=int, default=0, help="closed polls to add (0: 4 times scale)"
    )
    args = parser.parse_args()
    environment()
    from bench.voting import recreate_database

    recreate_database(DATABASE_URL)
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test.utils import override_settings

    call_command("migrate", verbosity=0)
    cache.clear()
    # Not Django's test environment: it instruments every template rendered (a signal, and a
    # copy of the context for the test client), a cost production does not have and that grew
    # with the number of templates a page includes (every field of a crispy form is one).
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        # The pages, not collectstatic: static URLs without the hashed manifest (a dict lookup
        # in production).
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    ):
        run(args)


def run(args) -> None:
    from tests.page_costs import measure, visits
    from tests.walk import build_world

    began = time.monotonic()
    world = build_world(Fixtures())
    pairs = [(page, persona) for page, persona in visits(few=args.few) if args.only in page.name]
    print(f"# small: {demo_size()} ({time.monotonic() - began:.0f} s)", flush=True)
    settle()
    small = measure(world, pairs, repeat=args.repeat)
    began = time.monotonic()
    make_bigger(world, args.scale, args.polls)
    settle()
    print(f"# big: {demo_size()} ({time.monotonic() - began:.0f} s)", flush=True)
    big = measure(world, pairs, repeat=args.repeat)
    grew = slow = 0
    for key, cost in small.items():
        name, persona = key
        other = big[key]
        grew += other.queries - cost.queries > 2
        slow += other.p95() >= 50
        print(
            f"page={name} role={persona} queries_small={cost.queries} "
            f"queries_big={other.queries} p95_small_ms={cost.p95():.1f} "
            f"p95_big_ms={other.p95():.1f}",
            flush=True,
        )
    errors = sum(cost.status >= 500 for cost in [*small.values(), *big.values()])
    print(f"pages={len(small)} grew={grew} over_50ms={slow} server_errors={errors}")


if __name__ == "__main__":
    main()
