"""The statute settings: one association, one decision rule per kind, fractions at most one."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from dimpact_portal.seeding import SeedReport
from statutes import selectors, services
from statutes.constants import DecisionKind
from statutes.models import Association, DecisionRule


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


def test_the_history_shows_each_change_against_the_state_before_it(db, secretariat):
    """Found among the entries already read (a query only for the oldest of a cut list)."""
    for n in range(4):
        services.association_update(user=secretariat, values={"max_proxies_per_holder": 2 + n})
        services.decision_rule_update(
            user=secretariat, kind=DecisionKind.ORDINARY, values={"quorum_percent": 10 * n}
        )
    for limit in (1, 3, 50):
        rows = selectors.statutes_history(limit)
        expected = []
        for model in (Association, DecisionRule):
            for record in model.history.all():
                previous = record.prev_record
                changes = previous and record.diff_against(previous).changes
                expected.append(
                    (record.history_date, [(c.field, c.old, c.new) for c in changes or []])
                )
        expected.sort(key=lambda pair: pair[0], reverse=True)
        assert [(row["date"], row["changes"]) for row in rows] == expected[:limit]
    assert ("quorum_percent", 20, 30) in rows[0]["changes"] + rows[1]["changes"]


def test_the_settings_forms_render_as_crispy_does_for_the_values_now(db, secretariat):
    """The forms' HTML is kept per process for the values it shows: a change shows at once."""
    from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field, as_crispy_form

    from statutes.forms import AssociationForm, DecisionRuleForm
    from statutes.templatetags.statutes_forms import crispy_field_once, crispy_once

    def forms_now():
        rule = selectors.decision_rule(DecisionKind.ORDINARY)
        association = selectors.association_current()
        return (
            AssociationForm(instance=association, prefix="association"),
            DecisionRuleForm(instance=rule, prefix=rule.kind),
        )

    form, rule_form = forms_now()
    before = crispy_once(form)
    assert before == as_crispy_form(form)
    assert crispy_once(forms_now()[0]) is before  # rendered once
    quorum = rule_form["quorum_percent"]
    assert crispy_field_once(quorum) == as_crispy_field(quorum)
    services.association_update(user=secretariat, values={"max_proxies_per_holder": 7})
    services.decision_rule_update(
        user=secretariat, kind=DecisionKind.ORDINARY, values={"quorum_percent": 42}
    )
    form, rule_form = forms_now()
    assert crispy_once(form) == as_crispy_form(form) != before
    assert 'value="42"' in crispy_field_once(rule_form["quorum_percent"])
    bound = AssociationForm({"association-name": ""}, instance=form.instance, prefix="association")
    assert crispy_once(bound) == as_crispy_form(bound)  # its errors, not a kept render
