"""Background work of the supervisory board: alerts before a term ends, and when one lapsed."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.constants import Role
from accounts.selectors import users_with_role
from dimpact_portal.links import absolute_url
from governance import selectors
from governance.constants import FINAL_ALERT_MONTHS, LAPSED_ALERT


def _recipients() -> list[str]:
    """The secretariat, the chair and the chair of the board."""
    addresses = set(
        users_with_role(Role.SECRETARIAT, Role.CHAIR)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    chair = selectors.chair_on(timezone.localdate())
    if chair is not None and (chair.email or (chair.user and chair.user.email)):
        addresses.add(chair.email or chair.user.email)
    return sorted(addresses)


def _send_once(term, threshold: int, subject: str, template: str, recipients: list[str]) -> bool:
    """Record the alert and send it; a recorded one is never sent again (unique constraint)."""
    from governance.models import TermAlert

    try:
        with transaction.atomic():
            TermAlert.objects.create(term=term, threshold_months=threshold, recipients=recipients)
            body = render_to_string(
                template, {"term": term, "url": absolute_url(reverse("governance:roster"))}
            )
            EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, recipients).send()
    except IntegrityError:
        return False
    return True


@shared_task(acks_late=True)
def alert_terms(today_iso: str | None = None) -> int:
    """Daily: e-mail once per term and threshold (N months and one month before the end), and
    once for every term that ended without a decision. Returns the number of e-mails sent."""
    from governance.models import TermAlert

    today = (
        timezone.localdate()
        if today_iso is None
        else timezone.datetime.fromisoformat(today_iso).date()
    )
    settings_ = selectors.board_settings()
    thresholds = sorted({settings_.alert_months, FINAL_ALERT_MONTHS})
    recipients = _recipients()
    if not recipients:
        return 0
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for term in selectors.terms_ending(today, max(thresholds)):
            crossed = [t for t in thresholds if term.ends_on <= selectors.add_months(today, t)]
            done = set(
                TermAlert.objects.filter(term=term).values_list("threshold_months", flat=True)
            )
            if set(crossed) <= done:
                continue
            # Only the nearest threshold is announced; the ones passed with it count as sent.
            for threshold in sorted(set(crossed) - done, reverse=True)[:-1]:
                TermAlert.objects.get_or_create(term=term, threshold_months=threshold)
            subject = _("The term of %(name)s ends on %(date)s") % {
                "name": term.commissioner,
                "date": term.ends_on.strftime("%d-%m-%Y"),
            }
            sent += _send_once(
                term,
                min(set(crossed) - done),
                subject,
                "governance/email/term_ending.txt",
                recipients,
            )
        for term in selectors.terms_lapsed(today):
            subject = _("The term of %(name)s ended without a decision") % {
                "name": term.commissioner
            }
            sent += _send_once(
                term, LAPSED_ALERT, subject, "governance/email/term_lapsed.txt", recipients
            )
    return sent
