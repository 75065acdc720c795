"""Django's Redis cache, kept as a cache: when Redis is down or slow, a read is a miss and a
write is dropped, and the request goes on.

Redis is a cache and a broker here, never the only place a fact lives (sessions are in the
database; the live pages fall back to it). So every cache call has short socket timeouts, and
after a failure the cache stays "down" for `down_seconds` (no call reaches Redis, each answers
at once) before one call tries again: a frozen Redis costs one timeout per process per
interval, not one per call. The first failure and the recovery are logged once each.

Django's backend also builds a new `redis.Redis` object for every cache operation (about
0.3 ms of Python each); a `redis.Redis` is safe to share between threads, so one per pool is
kept.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# The operations of Django's cache API that talk to Redis, and what each answers while Redis
# is unavailable. `incr`/`decr` raise ValueError on a missing key in Django's API: a caller that
# uses them already handles a miss.
_FALLBACKS: dict[str, Any] = {
    "add": False,
    "set": None,
    "touch": False,
    "delete": False,
    "get_many": {},
    "has_key": False,
    "set_many": [],
    "delete_many": None,
    "clear": False,
}


class _Unavailable(Exception):
    pass


class PooledRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(
                connection_pool=self._get_connection_pool(write)
            )
        return client


class _Breaker:
    """Whether Redis is to be asked now: closed (yes), or open until a moment (no)."""

    def __init__(self, down_seconds: float) -> None:
        self.down_seconds = down_seconds
        self._open_until = 0.0
        self._lock = threading.Lock()

    def allows(self) -> bool:
        return time.monotonic() >= self._open_until

    def failed(self, error: Exception) -> None:
        with self._lock:
            was_up = self._open_until == 0.0
            self._open_until = time.monotonic() + self.down_seconds
        if was_up:
            logger.warning("Redis cache unavailable, serving without it: %s", error)

    def succeeded(self) -> None:
        if self._open_until:
            with self._lock:
                self._open_until = 0.0
            logger.warning("Redis cache available again")


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        down_seconds = float(options.pop("down_seconds", 5))
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = PooledRedisCacheClient
        self.breaker = _Breaker(down_seconds)

    def _guarded(self, name: str, *args, **kwargs):
        if not self.breaker.allows():
            return self._unavailable(name)
        try:
            result = getattr(super(), name)(*args, **kwargs)
        except RedisError as error:
            self.breaker.failed(error)
            return self._unavailable(name)
        self.breaker.succeeded()
        return result

    @staticmethod
    def _unavailable(name: str):
        if name in ("incr", "decr"):
            raise ValueError("the cache is unavailable")
        if name == "get":
            raise _Unavailable
        fallback = _FALLBACKS[name]
        return fallback.copy() if isinstance(fallback, dict | list) else fallback

    def add(self, *args, **kwargs):
        return self._guarded("add", *args, **kwargs)

    def get(self, key, default=None, version=None):
        try:
            return self._guarded("get", key, default, version)
        except _Unavailable:
            return default  # a miss answers the caller's default, as Django's API does

    def set(self, *args, **kwargs):
        return self._guarded("set", *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._guarded("touch", *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._guarded("delete", *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._guarded("get_many", *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._guarded("has_key", *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._guarded("incr", *args, **kwargs)

    def decr(self, *args, **kwargs):
        return self._guarded("decr", *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._guarded("set_many", *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._guarded("delete_many", *args, **kwargs)

    def clear(self):
        return self._guarded("clear")
