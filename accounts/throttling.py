"""Log-in throttling that fits town halls behind one address and a proxy in front of the portal.

- The client's address is REMOTE_ADDR, unless REMOTE_ADDR is one of `settings.TRUSTED_PROXIES`:
  then it is the right-most X-Forwarded-For entry that is not a trusted proxy (the one our own
  proxy added; entries to its left are the client's to write).
- Axes locks a user name from one address after `AXES_FAILURE_LIMIT` failures: someone else
  cannot lock the chair out from elsewhere, and the proxy's address is no longer everyone's.
- An address that failed with `LOGIN_USERNAMES_PER_ADDRESS` user names within the cool-off
  time tries no more until the oldest failure expires (password spraying).
- A locked person is told when to try again; the secretariat unlocks on the locks page.
"""

from __future__ import annotations

import datetime
import ipaddress
from dataclasses import dataclass
from functools import lru_cache

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max
from django.shortcuts import render
from django.utils import timezone


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]):
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _is_trusted_proxy(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_ip(request) -> str | None:
    """The address of the client (axes' AXES_CLIENT_IP_CALLABLE)."""
    remote = request.META.get("REMOTE_ADDR")
    if not remote or not _is_trusted_proxy(remote):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            return remote  # a malformed chain: believe only the proxy itself
        if not _is_trusted_proxy(hop):
            return hop
    return remote


def cool_off() -> datetime.timedelta:
    return get_cool_off() or datetime.timedelta(hours=1)


def _recent_failures(ip_address: str):
    return AccessAttempt.objects.filter(
        ip_address=ip_address,
        failures_since_start__gt=0,
        attempt_time__gte=timezone.now() - cool_off(),
    )


def address_usernames(ip_address: str) -> dict[str, datetime.datetime]:
    """The user names that failed from `ip_address` within the cool-off, with their last try."""
    rows = _recent_failures(ip_address).values("username").annotate(last=Max("attempt_time"))
    return {row["username"]: row["last"] for row in rows}


def address_locked_until(ip_address: str | None) -> datetime.datetime | None:
    """When `ip_address` may try again, if it has failed with too many user names."""
    if not ip_address:
        return None
    limit = settings.LOGIN_USERNAMES_PER_ADDRESS
    times = sorted(address_usernames(ip_address).values())
    if len(times) < limit:
        return None
    # It may try again once enough of its oldest failures expire to bring it under the limit.
    return times[len(times) - limit] + cool_off()


def user_locked_until(username: str, ip_address: str | None) -> datetime.datetime | None:
    last = (
        AccessAttempt.objects.filter(
            username=username,
            ip_address=ip_address,
            failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        )
        .order_by("-attempt_time")
        .values_list("attempt_time", flat=True)
        .first()
    )
    return last + cool_off() if last else None


@dataclass(frozen=True)
class Lock:
    """A lock the secretariat sees: a user name from an address, or an address as a whole."""

    username: str
    ip_address: str
    until: datetime.datetime
    failures: int


def locks_current() -> list[Lock]:
    """Every lock in force now, the address-wide ones (without a user name) first."""
    since = timezone.now() - cool_off()
    attempts = AccessAttempt.objects.filter(attempt_time__gte=since, failures_since_start__gt=0)
    locks = []
    for ip_address in sorted(set(attempts.values_list("ip_address", flat=True))):
        until = address_locked_until(ip_address)
        if until:
            names = address_usernames(ip_address)
            locks.append(Lock("", ip_address, until, len(names)))
    for attempt in attempts.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT).order_by(
        "-attempt_time"
    ):
        until = attempt.attempt_time + cool_off()
        locks.append(
            Lock(attempt.username, attempt.ip_address, until, attempt.failures_since_start)
        )
    return locks


def lockout_response(request, original_response=None, credentials=None):
    """Axes' AXES_LOCKOUT_CALLABLE: the locked-out page, with the time to try again."""
    ip_address = getattr(request, "axes_ip_address", None) or client_ip(request)
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    until = address_locked_until(ip_address) or user_locked_until(username, ip_address)
    until = until or timezone.now() + cool_off()
    return render(
        request,
        settings.AXES_LOCKOUT_TEMPLATE,
        {"username": username, "until": timezone.localtime(until)},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
