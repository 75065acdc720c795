"""Writes of the statute settings. Other apps call these functions, not the models.

The secretariat edits the settings on the statute-settings page (`statutes.views`); code
changes them only here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from dimpact_portal.rules import RuleDenied
from dimpact_portal.seeding import upsert
from statutes.models import Association, DecisionRule
from statutes.selectors import association_current, decision_rule

if TYPE_CHECKING:
    from accounts.models import User
    from dimpact_portal.seeding import SeedReport


def association_seed_update(*, values: dict[str, Any], report: SeedReport) -> Association:
    """Give the association the seed's `values` (its name, address, settings), creating the
    one row when it is missing; saved only when something differs."""
    association = Association.objects.order_by("pk").first()
    lookup = {} if association is None else {"pk": association.pk}
    return upsert(Association, report, lookup=lookup, values=dict(values))


def _check_secretariat(user: User) -> None:
    from accounts.roles import is_secretariat

    if not is_secretariat(user):
        raise RuleDenied(
            _("Only the secretariat keeps the statute settings."),
            code="statutes-secretariat-only",
        )


def association_update(*, user: User, values: dict[str, Any]) -> Association:
    """The secretariat changes the association's settings; the history keeps each state."""
    _check_secretariat(user)
    with transaction.atomic():
        association = Association.objects.select_for_update().get(pk=association_current().pk)
        changed = [name for name, value in values.items() if getattr(association, name) != value]
        for name in changed:
            setattr(association, name, values[name])
        if changed:
            association.full_clean()
            association.save()
    return association


RULE_FIELDS = (
    "majority_numerator",
    "majority_denominator",
    "majority_strict",
    "quorum_percent",
    "secret",
)


def decision_rule_update(*, user: User, kind: str, values: dict[str, Any]) -> DecisionRule:
    """The secretariat changes the rule of one kind of decision. Polls keep the rule they were
    prepared with (it is frozen on the poll); the history keeps each state of the rule."""
    _check_secretariat(user)
    with transaction.atomic():
        rule = DecisionRule.objects.select_for_update().get(pk=decision_rule(kind).pk)
        changed = [
            name for name in RULE_FIELDS if name in values and getattr(rule, name) != values[name]
        ]
        for name in changed:
            setattr(rule, name, values[name])
        if changed:
            rule.full_clean()
            rule.save()
    return rule
