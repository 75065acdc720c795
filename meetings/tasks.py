"""Background work of the meetings app: the convocation and "annex arrived" e-mails."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dimpact_portal.links import absolute_url


def agenda_text(meeting) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string("meetings/email/agenda.txt", {"meeting": meeting}).strip()


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
        annex.arrival_notified_at = timezone.now()
        annex.save(update_fields=["arrival_notified_at"])
    return sent
