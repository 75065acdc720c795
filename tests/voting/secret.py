"""Tellers for secret polls in tests: their keys (the files they download) and their
confirmations of the close, as each teller makes them on their own device."""

from __future__ import annotations

from voting import services


def teller_keys(*users) -> dict[int, str]:
    """Each user's teller key file, by user pk (the portal keeps the public half only)."""
    return {user.pk: services.teller_key_create(user=user)[1] for user in users}


def tellers_confirm(poll, keys: dict[int, str], users):
    """The tellers `users` confirm the close of `poll` with their key files, in turn."""
    for user in users:
        poll = services.poll_teller_confirm(poll=poll, user=user, key_file=keys[user.pk])
    poll.refresh_from_db()
    return poll
