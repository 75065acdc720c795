"""Background work of the proxies app: inviting a holder without an account, and reminding
secretaries whose member has neither a registered representative nor a proxy."""

from __future__ import annotations

import datetime

from celery import shared_task
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from dimpact_portal.links import absolute_url


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def invite_holder(proxy_pk: int) -> int:
    """E-mail a holder who had no account: the proxy, and a link to choose a password."""
    from proxies.models import Proxy

    with transaction.atomic():
        proxy = (
            Proxy.objects.select_for_update()
            .select_related("holder_user", "member", "meeting")
            .filter(pk=proxy_pk)
            .first()
        )
        if proxy is None or proxy.invitation_sent_at is not None:
            return 0
        user = proxy.holder_user
        link = absolute_url(
            reverse(
                "password_reset_confirm",
                kwargs={
                    "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                    "token": default_token_generator.make_token(user),
                },
            )
        )
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("You hold the proxy of %(member)s for the %(meeting)s") % {
                "member": proxy.member,
                "meeting": proxy.meeting,
            }
            body = render_to_string(
                "proxies/email/invitation.txt",
                {"proxy": proxy, "link": link, "username": user.username},
            )
        sent = mailers.default.send_messages(
            [EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [proxy.holder_email])]
        )
        proxy.invitation_sent_at = timezone.now()
        proxy.save(update_fields=["invitation_sent_at"])
    return sent or 0


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def remind_missing_proxies(today: str | None = None) -> int:
    """Once a day: for each assembly N days ahead (a setting), e-mail the secretaries of members
    with neither a registered representative nor a proxy."""
    from meetings.selectors import assemblies_convened_on, attendance_present
    from members.selectors import mandate_email, member_register, secretaries_of
    from proxies.selectors import proxied_member_ids
    from statutes.selectors import association_current

    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    target = day + datetime.timedelta(days=association_current().proxy_reminder_days)
    sent = 0
    for meeting in assemblies_convened_on(target):
        covered = proxied_member_ids(meeting) | set(attendance_present(meeting))
        missing = member_register(on=meeting.date).exclude(pk__in=covered)
        secretaries = secretaries_of(missing, day)
        messages = []
        with translation.override(settings.LANGUAGE_CODE):
            for mandate in secretaries:
                email = mandate_email(mandate)
                if not email:
                    continue
                subject = _("Reminder: who represents %(member)s at the %(meeting)s?") % {
                    "member": mandate.member,
                    "meeting": meeting,
                }
                body = render_to_string(
                    "proxies/email/reminder.txt",
                    {
                        "mandate": mandate,
                        "meeting": meeting,
                        "url": absolute_url(
                            reverse("proxies:proxy-file", args=[meeting.pk, mandate.member.slug])
                        ),
                    },
                )
                messages.append(EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [email]))
        if messages:
            sent += mailers.default.send_messages(messages) or 0
    return sent
