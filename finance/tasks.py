"""Background work of the finance app: reminders before the deadlines of the legal calendar."""

from __future__ import annotations

from celery import shared_task


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def remind_accounts_deadlines() -> int:
    """Beat task (`finance-remind-accounts-deadlines`): one e-mail per deadline, once."""
    from finance.services import deadline_reminders_send

    return deadline_reminders_send()
