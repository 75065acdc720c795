"""Redis is a cache: while it is unreachable, reads miss and writes are dropped, at once."""

import time

import pytest

from dimpact_portal.cache import RedisCache


def _cache(location: str, down_seconds: float = 5) -> RedisCache:
    return RedisCache(
        location,
        {
            "OPTIONS": {
                "socket_timeout": 0.3,
                "socket_connect_timeout": 0.3,
                "down_seconds": down_seconds,
            }
        },
    )


def test_an_unreachable_redis_is_a_miss_not_an_error(caplog):
    cache = _cache("redis://127.0.0.1:9/0")  # nothing listens on the discard port
    assert cache.get("k") is None
    assert cache.get("k", "fallback") == "fallback"
    assert cache.set("k", 1) is None
    assert cache.add("k", 1) is False
    assert cache.get_many(["a", "b"]) == {}
    assert cache.delete("k") is False
    with pytest.raises(ValueError):
        cache.incr("k")  # as for a missing key: callers of incr already handle it
    assert caplog.text.count("Redis cache unavailable") == 1  # logged once, not per call


def test_after_a_failure_the_cache_answers_without_asking_redis():
    cache = _cache("redis://127.0.0.1:9/0", down_seconds=60)
    cache.get("k")
    started = time.monotonic()
    for _ in range(1000):
        cache.get("k")
    assert time.monotonic() - started < 0.5
    assert not cache.breaker.allows()


def test_the_cache_is_asked_again_after_the_interval():
    cache = _cache("redis://127.0.0.1:9/0", down_seconds=0.01)
    cache.get("k")
    time.sleep(0.02)
    assert cache.breaker.allows()


def test_a_redis_that_answers_is_used():
    from django.conf import settings

    if not settings.REDIS_URL:
        pytest.skip("needs Redis (REDIS_URL)")
    cache = _cache(settings.REDIS_URL)
    cache.set("tests:cache:k", 41)
    cache.incr("tests:cache:k")
    assert cache.get("tests:cache:k") == 42
    cache.delete("tests:cache:k")
