"""What every app's demo loader shares: a report of what changed, and a create-only upsert.

The loaders themselves are listed in `settings.SEED_LOADERS`, each with its data file, and
run in that order by `python manage.py load_seed`.

A demo is a place to try things, so a record that exists is the user's: by default `upsert`
creates what is missing and leaves existing rows alone, noting where they differ from the
seed (`SeedReport.differences`). Only a report made with `reset=True` (`load_seed --reset`,
after saying what it will replace) writes the seed's values over existing rows.
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
    # Write the seed's values over existing rows (`load_seed --reset`); else create only.
    reset: bool = False
    # A trial run whose transaction is rolled back: loaders write no files.
    dry_run: bool = False
    # Existing rows that differ from the seed and were left alone: "<model> <row>: fields".
    differences: list[str] = field(default_factory=list)
    # Rows made by this run (model label, pk): a loader may go on filling them in.
    fresh: set[tuple[str, Any]] = field(default_factory=set)
    # What a loader could not do (it went on without it), printed at the end.
    warnings: list[str] = field(default_factory=list)

    def made(self, instance: models.Model) -> None:
        """`instance` was made by this run (by `upsert`, or by a service a loader called)."""
        self.fresh.add((instance._meta.label, instance.pk))

    def may_replace(self, instance: models.Model) -> bool:
        """Whether the seed's values may be written over `instance`'s."""
        return self.reset or (instance._meta.label, instance.pk) in self.fresh

    def count(self, model: type[models.Model], created: bool, changed: bool) -> None:
        name = model._meta.verbose_name_plural
        if created:
            self.created[name] = self.created.get(name, 0) + 1
        elif changed:
            self.updated[name] = self.updated.get(name, 0) + 1

    def differs(self, instance: models.Model, fields: list[str]) -> None:
        """`instance` (a row that exists) differs from the seed in `fields`; it is kept."""
        model = type(instance)
        self.differences.append(f"{model._meta.verbose_name} “{instance}”: {', '.join(fields)}")

    @property
    def changed_anything(self) -> bool:
        return bool(self.created or self.updated)


def upsert(model, report: SeedReport, *, lookup: dict[str, Any], values: dict[str, Any]):
    """Create one row when it is missing. An existing row is updated (saving only when
    something differs) when `report.reset`; otherwise it is left as the users made it and its
    differences from the seed are noted in the report."""
    instance = model.objects.filter(**lookup).first()
    created = instance is None
    if created:
        instance = model(**lookup)
    different = [
        name
        for name, value in values.items()
        # (a new row has no related objects to compare with yet)
        if created or getattr(instance, name) != value
    ]
    if not created and different and not report.may_replace(instance):
        report.differs(instance, different)
        return instance
    for name in different:
        setattr(instance, name, values[name])
    changed = bool(different)
    if created or changed:
        instance.full_clean()
        instance.save()
    if created:
        report.made(instance)
    report.count(model, created, changed)
    return instance
