"""Background work of the meetings app: the convocation and "annex arrived" e-mails."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dimpact_portal.links import absolute_url

logger = logging.getLogger(__name__)


def agenda_text(meeting) -> str:
    """The agenda as text (the convocation e-mail, the .ics): two queries, however many items."""
    from meetings.selectors import agenda_items

    items = agenda_items(meeting).prefetch_related("annexes")
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(
            "meetings/email/agenda.txt", {"meeting": meeting, "items": items}
        ).strip()


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_convocation(meeting_pk: int) -> int:
    """E-mail every invitee the agenda, a link and an .ics invitation, once."""
    from meetings.calendar import meeting_ics
    from meetings.models import Meeting
    from meetings.selectors import meeting_invitees

    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().filter(pk=meeting_pk).first()
        if meeting is None or meeting.convocation_sent_at is not None:
            return 0  # a second delivery of this task: the invitations went out already
        text = agenda_text(meeting)
        ics = meeting_ics(meeting, agenda_text=text)
        url = absolute_url(reverse("meetings:meeting-detail", args=[meeting.pk]))
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("Invitation: %(meeting)s") % {"meeting": meeting}
            messages = []
            for name, email in meeting_invitees(meeting):
                body = render_to_string(
                    "meetings/email/convocation.txt",
                    {"meeting": meeting, "name": name, "agenda": text, "url": url},
                )
                message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [email])
                message.attach("uitnodiging.ics", ics, "text/calendar")
                messages.append(message)
        sent = mailers.default.send_messages(messages) or 0
        _log_unreached(meeting, "convocation")
        meeting.convocation_sent_at = timezone.now()
        meeting.save(update_fields=["convocation_sent_at"])
    return sent


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_annex_arrived(annex_pk: int) -> int:
    """Tell the invitees that an announced annex has arrived, once."""
    from meetings.models import Annex
    from meetings.selectors import meeting_invitees

    with transaction.atomic():
        annex = (
            Annex.objects.select_for_update()
            .select_related("agenda_item__meeting")
            .filter(pk=annex_pk)
            .first()
        )
        if annex is None or not annex.file or annex.arrival_notified_at is not None:
            return 0
        meeting = annex.agenda_item.meeting
        url = absolute_url(reverse("meetings:meeting-detail", args=[meeting.pk]))
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("Annex %(code)s has arrived: %(meeting)s") % {
                "code": annex.code,
                "meeting": meeting,
            }
            messages = [
                EmailMessage(
                    subject,
                    render_to_string(
                        "meetings/email/annex_arrived.txt",
                        {"annex": annex, "meeting": meeting, "name": name, "url": url},
                    ),
                    settings.DEFAULT_FROM_EMAIL,
                    [email],
                )
                for name, email in meeting_invitees(meeting)
            ]
        sent = mailers.default.send_messages(messages) or 0
        _log_unreached(meeting, f"annex {annex.code} arrived")
        annex.arrival_notified_at = timezone.now()
        annex.save(update_fields=["arrival_notified_at"])
    return sent


def _log_unreached(meeting, what: str) -> None:
    """One line for the secretariat's log: who this notice did not reach by e-mail (the
    meeting page lists them too)."""
    from meetings.selectors import invitation_reach

    reach = invitation_reach(meeting)
    if reach.unreached:
        logger.warning(
            "%s of meeting %s: %s addresses; not reached by e-mail: %s",
            what,
            meeting.pk,
            reach.addresses,
            "; ".join(f"{u.name} ({u.missing})" for u in reach.unreached),
        )


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_annex_changed(change_pk: int) -> int:
    """Tell the invitees once that an annex was replaced or withdrawn."""
    from meetings.constants import ANNEX_CHANGES_TOLD
    from meetings.models import AnnexChange
    from meetings.selectors import meeting_invitees

    with transaction.atomic():
        change = (
            AnnexChange.objects.select_for_update()
            .select_related("annex__agenda_item__meeting")
            .filter(pk=change_pk, kind__in=ANNEX_CHANGES_TOLD)
            .first()
        )
        if change is None or change.notified_at is not None:
            return 0  # told already (a second delivery of this task)
        annex = change.annex
        meeting = annex.agenda_item.meeting
        url = absolute_url(reverse("meetings:meeting-detail", args=[meeting.pk]))
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("Annex %(code)s corrected: %(meeting)s") % {
                "code": annex.code,
                "meeting": meeting,
            }
            messages = [
                EmailMessage(
                    subject,
                    render_to_string(
                        "meetings/email/annex_changed.txt",
                        {
                            "change": change,
                            "annex": annex,
                            "meeting": meeting,
                            "name": name,
                            "url": url,
                        },
                    ),
                    settings.DEFAULT_FROM_EMAIL,
                    [email],
                )
                for name, email in meeting_invitees(meeting)
            ]
        sent = mailers.default.send_messages(messages) or 0
        _log_unreached(meeting, f"annex {annex.code} {change.kind}")
        change.notified_at = timezone.now()
        change.save(update_fields=["notified_at"])
    return sent
