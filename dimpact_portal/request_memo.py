"""What a request reads more than once and that does not change during it, read once: a memo
that lives as long as the request (`RequestMemoMiddleware`) and nowhere else. Outside a
request (a task, a command, a test calling a service) nothing is remembered.

Each call gets its own shallow copy of what was remembered, so a caller that sets a field (a
form bound to it that fails to validate) does not change what the rest of the request sees;
remember only rows whose fields are plain values (no JSON), as the association's are. A deep
copy cost five times as much, on every one of the dozen reads of a page. Whoever saves a
remembered row calls `request_memo_forget` (the association does, on save).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from contextvars import ContextVar

_memo: ContextVar[dict | None] = ContextVar("portal_request_memo", default=None)


class RequestMemoMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)


def request_memo[T](key: str, compute: Callable[[], T]) -> T:
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return copy.copy(memo[key])


def request_memo_forget(key: str) -> None:
    memo = _memo.get()
    if memo is not None:
        memo.pop(key, None)


def request_memo_put(key: str, value) -> None:
    """Hand `value` to a later step of this request (`request_memo_take`); outside a request
    it is dropped."""
    memo = _memo.get()
    if memo is not None:
        memo[key] = value


def request_memo_take(key: str, default=None):
    """What `request_memo_put` handed over, once: the taker gets the object itself."""
    memo = _memo.get()
    return default if memo is None else memo.pop(key, default)
