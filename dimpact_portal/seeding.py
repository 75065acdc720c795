"""What every app's demo loader shares: a report of what changed, and an idempotent upsert.

The loaders themselves are listed in `settings.SEED_LOADERS`, each with its data file, and
run in that order by `python manage.py load_seed`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import models


@dataclass
class SeedReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    # User names of the demo log-ins, printed at the end.
    logins: list[str] = field(default_factory=list)

    def count(self, model: type[models.Model], created: bool, changed: bool) -> None:
        name = model._meta.verbose_name_plural
        if created:
            self.created[name] = self.created.get(name, 0) + 1
        elif changed:
            self.updated[name] = self.updated.get(name, 0) + 1

    @property
    def changed_anything(self) -> bool:
        return bool(self.created or self.updated)


def upsert(model, report: SeedReport, *, lookup: dict[str, Any], values: dict[str, Any]):
    """Create or update one row, saving only when something differs."""
    instance = model.objects.filter(**lookup).first()
    created = instance is None
    if created:
        instance = model(**lookup)
    changed = False
    for name, value in values.items():
        # (a new row has no related objects to compare with yet)
        if created or getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    if created or changed:
        instance.full_clean()
        instance.save()
    report.count(model, created, changed)
    return instance
