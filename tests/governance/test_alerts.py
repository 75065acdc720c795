"""The beat task e-mails once per term and threshold, and once for a term that lapsed."""

import datetime

from django.core import mail

from governance import tasks
from governance.models import TermAlert
from governance.selectors import add_months
from tests.governance.factories import TermFactory


def test_a_term_ending_in_five_months_is_announced_once(secretariat, chair, db):
    today = datetime.date(2020, 1, 15)
    TermFactory(starts_on=add_months(today, 5 - 48))
    assert tasks.alert_terms(today.isoformat()) == 1
    assert len(mail.outbox) == 1
    assert set(mail.outbox[0].to) == {secretariat.email, chair.email}
    assert tasks.alert_terms(today.isoformat()) == 0
    assert len(mail.outbox) == 1
    assert TermAlert.objects.get().threshold_months == 6


def test_the_last_month_is_announced_again(secretariat, db):
    term = TermFactory(starts_on=datetime.date(2016, 6, 20))
    assert tasks.alert_terms("2020-01-15") == 1
    assert tasks.alert_terms("2020-06-01") == 1
    assert sorted(term.alerts.values_list("threshold_months", flat=True)) == [1, 6]


def test_a_term_that_ended_without_a_decision_is_flagged_once(secretariat, db):
    TermFactory(starts_on=datetime.date(2015, 12, 7))
    assert tasks.alert_terms("2020-01-15") == 1
    assert (
        "without a decision" in mail.outbox[0].subject or "zonder besluit" in mail.outbox[0].subject
    )
    assert tasks.alert_terms("2020-01-16") == 0
