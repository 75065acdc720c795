"""Loads Dimpact's decision rules from `seed/statutes.yaml` (idempotent, like the other loaders)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

from dimpact_portal.seeding import upsert
from statutes.constants import DecisionKind
from statutes.models import DecisionRule
from statutes.selectors import association_current

if TYPE_CHECKING:
    from dimpact_portal.seeding import SeedReport

SOURCES = ("civil-code-default", "assumed", "statutes")


@transaction.atomic
def statutes_seed_load(data: dict[str, Any], report: SeedReport) -> None:
    """One rule per kind of decision; a kind the file leaves out keeps the Civil Code's
    defaults (`statutes.selectors.decision_rule` makes it when first asked)."""
    association = association_current()
    for kind, spec in data["decision_rules"].items():
        if spec.get("source") not in SOURCES:
            raise ValueError(f"decision rule {kind}: source must be one of {SOURCES}")
        majority = spec["majority"]
        upsert(
            DecisionRule,
            report,
            lookup={"association": association, "kind": DecisionKind(kind)},
            values={
                "majority_numerator": majority["numerator"],
                "majority_denominator": majority["denominator"],
                "majority_strict": majority["strict"],
                "quorum_percent": spec.get("quorum_percent", 0),
                "secret": spec.get("secret", False),
            },
        )
