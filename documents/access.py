"""Who may read a rendered document: the secretariat, whoever asked for it, and whoever the
app that owns the document's object allows (it registers a rule for its model here)."""

from __future__ import annotations

from collections.abc import Callable

from django.db import models

from accounts.roles import is_secretariat

Reader = Callable[[object, models.Model], bool]
_READERS: dict[str, Reader] = {}


def register_reader(model_label: str, rule: Reader) -> None:
    """`rule(user, source)` says whether `user` may read documents of `source`."""
    _READERS[model_label.lower()] = rule


def can_read(user, document) -> bool:
    if not user.is_authenticated:
        return False
    if is_secretariat(user) or document.requested_by_id == user.pk:
        return True
    rule = _READERS.get(f"{document.source_type.app_label}.{document.source_type.model}")
    if rule is None:
        return False
    source = document.source
    return source is not None and rule(user, source)
