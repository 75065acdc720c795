"""The settings of a test run: the portal's own, with each pytest-xdist worker (`make test`
runs two) on a Redis database of its own: its cache, its Celery queue and results, and those
of the workers and servers its tests start, which inherit REDIS_URL. pytest-django makes a
test database per xdist worker itself (test_<name>_gw0, test_<name>_gw1).

Worker gwN takes database N after REDIS_URL's (REDIS_URL=redis://…/5: gw0 5, gw1 6).
"""

import os
from urllib.parse import urlsplit, urlunsplit


def worker_redis_url(url: str, worker: str) -> str:
    """`url` with the Redis database moved on by the xdist worker's number (gw1: one on)."""
    parts = urlsplit(url)
    database = int(parts.path.strip("/") or 0)
    moved = (database + int(worker.removeprefix("gw"))) % 16  # Redis has databases 0-15
    return urlunsplit(parts._replace(path=f"/{moved}"))


# Once per worker: the processes its tests start inherit the moved URL (and this mark).
_worker = os.environ.get("PYTEST_XDIST_WORKER")
if _worker and os.environ.get("REDIS_URL") and not os.environ.get("TEST_REDIS_URL_MOVED"):
    os.environ["REDIS_URL"] = worker_redis_url(os.environ["REDIS_URL"], _worker)
    os.environ["TEST_REDIS_URL_MOVED"] = "1"

from dimpact_portal.settings import *  # noqa: E402, F403
