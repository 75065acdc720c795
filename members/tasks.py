"""Background work of the member register: e-mails about change proposals."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mass_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.constants import Role
from accounts.selectors import users_with_role
from dimpact_portal.links import absolute_url
from members.constants import ProposalStatus


def _secretariat_addresses() -> list[str]:
    return list(
        users_with_role(Role.SECRETARIAT)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_change_proposal_submitted(proposal_pk: int) -> int:
    """Tell the secretariat a member proposed a change. Returns the number of e-mails sent."""
    from members.models import ChangeProposal

    proposal = (
        ChangeProposal.objects.select_related("member", "proposed_by")
        .filter(pk=proposal_pk, status=ProposalStatus.PENDING)
        .first()
    )
    if proposal is None:  # already decided or gone: nothing left to announce
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Change proposed for %(member)s") % {"member": proposal.member}
        body = render_to_string(
            "members/email/proposal_submitted.txt",
            {
                "proposal": proposal,
                "url": absolute_url(reverse("members:proposal-detail", args=[proposal.pk])),
            },
        )
    messages = [
        (subject, body, settings.DEFAULT_FROM_EMAIL, [address])
        for address in _secretariat_addresses()
    ]
    return send_mass_mail(messages, fail_silently=False)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_change_proposal_decided(proposal_pk: int) -> int:
    """Tell the secretary who proposed a change what the secretariat decided."""
    from members.models import ChangeProposal

    proposal = (
        ChangeProposal.objects.select_related("member", "proposed_by")
        .filter(pk=proposal_pk)
        .exclude(status=ProposalStatus.PENDING)
        .first()
    )
    if proposal is None or not proposal.proposed_by.email:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Your change for %(member)s: %(status)s") % {
            "member": proposal.member,
            "status": proposal.get_status_display().lower(),
        }
        body = render_to_string(
            "members/email/proposal_decided.txt",
            {
                "proposal": proposal,
                "url": absolute_url(reverse("members:proposal-detail", args=[proposal.pk])),
            },
        )
    return send_mass_mail(
        [(subject, body, settings.DEFAULT_FROM_EMAIL, [proposal.proposed_by.email])],
        fail_silently=False,
    )


@shared_task(acks_late=True)
def remind_pending_change_proposals() -> int:
    """Weekday reminder to the secretariat of proposals still waiting for a decision."""
    from members.selectors import proposals_pending

    pending = list(proposals_pending())
    if not pending:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("%(count)d change proposals await the secretariat") % {"count": len(pending)}
        body = render_to_string(
            "members/email/proposals_pending.txt",
            {"proposals": pending, "url": absolute_url(reverse("members:proposal-list"))},
        )
    messages = [
        (subject, body, settings.DEFAULT_FROM_EMAIL, [address])
        for address in _secretariat_addresses()
    ]
    return send_mass_mail(messages, fail_silently=False)
