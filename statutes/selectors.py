"""Reads of the statute settings. Other apps import from here, not from the models."""

from __future__ import annotations

from dimpact_portal.request_memo import request_memo
from statutes.constants import DecisionKind
from statutes.models import Association, DecisionRule

ASSOCIATION_MEMO = "statutes.association"


def association_current() -> Association:
    """The association this portal serves (one row, created with defaults when missing).
    Read once per request (`dimpact_portal.request_memo`, a copy for each caller); saving it
    forgets what the request read (`statutes.apps`)."""
    return request_memo(ASSOCIATION_MEMO, _association_read)


def _association_read() -> Association:
    association = Association.objects.order_by("pk").first()
    if association is None:
        association = Association.objects.create()
    return association


# Dimpact's statutes are not among the seed documents: these are the Civil Code's defaults
# (a simple majority of the votes cast, no quorum) and a usual two thirds for the statutes.
DECISION_RULE_DEFAULTS = {
    DecisionKind.ORDINARY: {
        "majority_numerator": 1,
        "majority_denominator": 2,
        "majority_strict": True,
    },
    DecisionKind.PERSONS: {
        "majority_numerator": 1,
        "majority_denominator": 2,
        "majority_strict": True,
        "secret": True,
    },
    DecisionKind.STATUTES: {
        "majority_numerator": 2,
        "majority_denominator": 3,
        "majority_strict": False,
        "quorum_percent": 67,
    },
    # Civil Code 2:42/2:43 as for the statutes: at least two thirds of the votes cast.
    DecisionKind.DISSOLUTION: {
        "majority_numerator": 2,
        "majority_denominator": 3,
        "majority_strict": False,
        "quorum_percent": 67,
    },
    # Civil Code 2:40: outside a meeting, every member entitled to vote consents.
    DecisionKind.WRITTEN: {
        "majority_numerator": 1,
        "majority_denominator": 1,
        "majority_strict": False,
    },
}


def decision_rule(kind: str) -> DecisionRule:
    """The association's rule for `kind` of decision (made with the defaults when missing)."""
    rule, _created = DecisionRule.objects.get_or_create(
        association=association_current(),
        kind=kind,
        defaults=DECISION_RULE_DEFAULTS[DecisionKind(kind)],
    )
    return rule


def association_db_table() -> str:
    """The settings' table name, for the voting app's single-query ballot check (it reads the
    vote weight, remote meetings and two factors in the same round trip as the ballot)."""
    return Association._meta.db_table


def decision_rules_all(association: Association | None = None) -> list[DecisionRule]:
    """The rule of every kind of decision, in the order of `DecisionKind` (one query when
    they all exist; a missing one made with the defaults, as `decision_rule`)."""
    association = association or association_current()
    rules = {rule.kind: rule for rule in DecisionRule.objects.filter(association=association)}
    for kind in DecisionKind:
        if kind not in rules:
            rules[kind], _created = DecisionRule.objects.get_or_create(
                association=association, kind=kind, defaults=DECISION_RULE_DEFAULTS[kind]
            )
    return [rules[kind] for kind in DecisionKind]


def can_keep_statutes(user) -> bool:
    """The secretariat edits the statute settings; others do not see the page."""
    from accounts.roles import is_secretariat

    return is_secretariat(user)


def statutes_history(limit: int = 50) -> list[dict]:
    """The latest changes to the settings and the decision rules: when, who, what changed."""
    latest = {
        model: list(model.history.select_related("history_user")[:limit])
        for model in (Association, DecisionRule)
    }
    records = [record for model_records in latest.values() for record in model_records]
    records.sort(key=lambda record: record.history_date, reverse=True)
    rows = []
    for record in records[:limit]:
        previous = _previous_record(record, latest[record.instance_type], limit=limit)
        if previous is None:
            changes = []
        else:
            changes = [
                (change.field, change.old, change.new)
                for change in record.diff_against(previous).changes
            ]
        rows.append(
            {
                "date": record.history_date,
                "user": record.history_user,
                "what": str(record.instance),
                "created": record.history_type == "+",
                "changes": changes,
            }
        )
    return rows


def _previous_record(record, fetched: list, *, limit: int):
    """`record.prev_record` (the same object's entry before it), found among its model's
    newest `fetched` entries (newest first) when it must be there; a query only when it may
    be older than they are."""
    earlier = [
        other
        for other in fetched
        if other.id == record.id and other.history_date < record.history_date
    ]
    if len(fetched) < limit:  # every entry of the model was fetched
        return earlier[0] if earlier else None
    if earlier and earlier[0].history_date > fetched[-1].history_date:
        return earlier[0]
    return record.prev_record
