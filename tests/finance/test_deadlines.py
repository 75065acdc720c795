"""The legal calendar (Civil Code 2:58 and 2:394) and the reminders before each deadline."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from finance import selectors, services
from finance.deadlines import month_end_after
from finance.models import DeadlineReminder
from finance.tasks import remind_accounts_deadlines

pytestmark = pytest.mark.django_db


def test_drawn_up_within_six_months_after_the_year_end(accounts_2019):
    drawn_up, adoption = selectors.accounts_deadlines(accounts_2019)
    assert drawn_up.due_on == datetime.date(2020, 6, 30)
    assert adoption.due_on == datetime.date(2020, 8, 31)  # two months later: deposit unadopted
    assert len(drawn_up.missing) == 6 and drawn_up.done_on is None


def test_the_assembly_extends_by_at_most_four_months(accounts_2019, secretariat):
    services.extension_grant(accounts=accounts_2019, user=secretariat, months=4)
    drawn_up, adoption = selectors.accounts_deadlines(accounts_2019)
    assert (drawn_up.due_on, adoption.due_on) == (
        datetime.date(2020, 10, 31),
        datetime.date(2020, 12, 31),
    )
    with pytest.raises(ValidationError) as excinfo:
        services.extension_grant(accounts=accounts_2019, user=secretariat, months=5)
    assert excinfo.value.code == "accounts-extension-limit"


def test_month_ends():
    assert month_end_after(datetime.date(2019, 12, 31), 2) == datetime.date(2020, 2, 29)
    assert month_end_after(datetime.date(2019, 12, 31), 12) == datetime.date(2020, 12, 31)


def test_drawn_up_once_every_signature_has_its_date_or_reason(accounts_2019, controller):
    signatures = list(accounts_2019.signatures.all())
    for signature in signatures[:-1]:
        services.signature_record(
            signature=signature, user=controller, signed_on=datetime.date(2020, 6, 17)
        )
    assert selectors.accounts_deadlines(accounts_2019)[0].done_on is None
    services.signature_record(
        signature=signatures[-1], user=controller, signed_on=None, missing_reason="Met vakantie"
    )
    drawn_up = selectors.accounts_deadlines(accounts_2019)[0]
    assert (
        drawn_up.done_on == datetime.date(2020, 6, 17)
        and drawn_up.state(datetime.date(2020, 7, 1)) == "done"
    )


def test_a_signature_needs_its_date_or_a_reason(accounts_2019, controller):
    with pytest.raises(ValidationError) as excinfo:
        services.signature_record(
            signature=accounts_2019.signatures.first(), user=controller, signed_on=None
        )
    assert excinfo.value.code == "accounts-signature-date-or-reason"


def test_the_reminder_is_sent_once_per_deadline(
    accounts_2019, controller, secretariat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert services.deadline_reminders_send(today=datetime.date(2020, 6, 15)) == 1
    assert sorted(m.to[0] for m in mail.outbox) == [
        "controller@example.org",
        "secretariat@example.org",
    ]
    assert "2019" in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        assert services.deadline_reminders_send(today=datetime.date(2020, 6, 20)) == 0
    assert len(mail.outbox) == 2
    assert DeadlineReminder.objects.get().kind == "drawn-up"


def test_no_reminder_long_before_or_after_a_deadline(accounts_2019, controller):
    assert services.deadline_reminders_send(today=datetime.date(2020, 1, 15)) == 0
    assert services.deadline_reminders_send(today=datetime.date(2021, 1, 15)) == 0


def test_the_adoption_deadline_has_its_own_reminder(accounts_2019, controller):
    services.deadline_reminders_send(today=datetime.date(2020, 6, 15))
    assert services.deadline_reminders_send(today=datetime.date(2020, 8, 20)) == 1
    assert DeadlineReminder.objects.count() == 2


def test_the_beat_task_function_runs(accounts_2019):
    assert remind_accounts_deadlines() == 0  # 2019's deadlines are past today


def test_the_home_panel_says_what_is_due(accounts_2019, controller, representative_a):
    (panel,) = selectors.finance_panels(controller)
    assert len(panel.items) == 2 and "2019" in panel.items[0][0]
    assert selectors.finance_panels(representative_a) == []
