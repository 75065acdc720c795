"""The statute settings: one association, one decision rule per kind, fractions at most one."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from dimpact_portal.seeding import SeedReport
from statutes import selectors, services
from statutes.constants import DecisionKind
from statutes.models import DecisionRule


def test_the_association_is_one_row_made_with_dimpacts_defaults(db):
    association = selectors.association_current()
    assert association.short_name == "Dimpact"
    assert selectors.association_current().pk == association.pk


def test_each_kind_of_decision_has_its_rule_with_the_civil_codes_defaults(db):
    ordinary = selectors.decision_rule(DecisionKind.ORDINARY)
    assert (ordinary.majority_numerator, ordinary.majority_denominator) == (1, 2)
    assert selectors.decision_rule(DecisionKind.PERSONS).secret
    statutes = selectors.decision_rule(DecisionKind.STATUTES)
    assert (statutes.majority_numerator, statutes.majority_denominator) == (2, 3)
    assert selectors.decision_rule(DecisionKind.ORDINARY).pk == ordinary.pk


def test_one_decision_rule_per_kind(db):
    rule = selectors.decision_rule(DecisionKind.ORDINARY)
    with pytest.raises(IntegrityError), transaction.atomic():
        DecisionRule.objects.create(association=rule.association, kind=DecisionKind.ORDINARY)


def test_a_majority_is_at_most_the_whole(db):
    rule = selectors.decision_rule(DecisionKind.ORDINARY)
    rule.majority_numerator, rule.majority_denominator = 3, 2
    with pytest.raises(ValidationError) as excinfo:
        rule.full_clean()
    assert [e.code for e in excinfo.value.error_dict["__all__"]] == [
        "decision-rule-fraction-at-most-one"
    ]


def test_the_seed_updates_the_one_association_and_only_when_it_differs(db):
    report = SeedReport()
    association = services.association_seed_update(
        values={"name": "Coöperatie Dimpact U.A.", "max_proxies_per_holder": 3}, report=report
    )
    assert association.pk == selectors.association_current().pk
    again = SeedReport()
    services.association_seed_update(
        values={"name": "Coöperatie Dimpact U.A.", "max_proxies_per_holder": 3}, report=again
    )
    assert not again.changed_anything
