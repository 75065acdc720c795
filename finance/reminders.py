"""Reminders before the deadlines of the legal calendar, each sent once: the reminder row is
stored first (a unique constraint per accounts, deadline and due date), the e-mail goes after
commit, so a second run or a second worker sends nothing again."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.constants import Role
from accounts.selectors import users_with_role
from dimpact_portal.links import absolute_url
from finance.constants import REMINDER_DAYS_BEFORE
from finance.models import DeadlineReminder


def _addresses() -> list[str]:
    users = users_with_role(Role.CONTROLLER, Role.SECRETARIAT).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def _mail(accounts, deadline, addresses: list[str]) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Annual accounts %(year)s: %(deadline)s by %(date)s") % {
            "year": accounts.year,
            "deadline": deadline.label,
            "date": deadline.due_on.strftime("%d-%m-%Y"),
        }
        body = render_to_string(
            "finance/email/deadline_reminder.txt",
            {
                "accounts": accounts,
                "deadline": deadline,
                "url": absolute_url(reverse("finance:accounts-detail", args=[accounts.year])),
            },
        )
    send_mass_mail(
        [(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in addresses],
        fail_silently=False,
    )


def reminders_due_send(*, today: datetime.date) -> int:
    from finance.selectors import accounts_deadlines, accounts_latest_per_year

    days = getattr(settings, "FINANCE_REMINDER_DAYS_BEFORE", REMINDER_DAYS_BEFORE)
    sent = 0
    addresses = _addresses()
    for accounts in accounts_latest_per_year().exclude(frozen=True):
        for deadline in accounts_deadlines(accounts):
            if deadline.done_on or not (0 <= (deadline.due_on - today).days <= days):
                continue
            try:
                with transaction.atomic():
                    DeadlineReminder.objects.create(
                        accounts=accounts,
                        kind=deadline.kind,
                        due_on=deadline.due_on,
                        recipients=len(addresses),
                    )
            except IntegrityError:
                continue  # sent before, for this deadline
            transaction.on_commit(
                lambda a=accounts, d=deadline: _mail(a, d, addresses), robust=True
            )
            sent += 1
    return sent
