"""Writes of the statute settings. Other apps call these functions, not the models.

The secretariat edits the settings in the admin; code changes them only here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dimpact_portal.seeding import upsert
from statutes.models import Association

if TYPE_CHECKING:
    from dimpact_portal.seeding import SeedReport


def association_seed_update(*, values: dict[str, Any], report: SeedReport) -> Association:
    """Give the association the seed's `values` (its name, address, settings), creating the
    one row when it is missing; saved only when something differs."""
    association = Association.objects.order_by("pk").first()
    lookup = {} if association is None else {"pk": association.pk}
    return upsert(Association, report, lookup=lookup, values=dict(values))
