"""Reads of the portal's users, and what a person's home page shows (the items that need
their attention, per role). Other apps import from here (and `services`), not from models."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from accounts.constants import Role
from accounts.models import User
from accounts.roles import role_names
from members import selectors as member_selectors
from members.constants import ProposalStatus


def users_with_role(*roles: Role) -> QuerySet[User]:
    """The active users holding any of the association-wide `roles`, each once."""
    return User.objects.filter(
        groups__name__in=[role.value for role in roles], is_active=True
    ).distinct()


def user_by_username(username: str) -> User:
    """The user with `username` (raises `User.DoesNotExist` when there is none)."""
    return User.objects.get(username=username)


def user_by_email(email: str) -> User | None:
    """The (oldest) account with `email`, whatever its case; None when there is none."""
    return User.objects.filter(email__iexact=email).order_by("pk").first()


def _day(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "SHORT_DATE_FORMAT")


@dataclass
class Panel:
    title: str
    items: list[tuple[str, str]] = field(default_factory=list)  # (text, url)
    empty: str = ""
    action: tuple[str, str] | None = None


def home_panels(user) -> list[Panel]:
    """The panels of `user`'s home page, in order: the register's, the meetings', then those of
    the apps listed in `settings.HOME_PANELS` (each `provider(user) -> list[Panel]`)."""
    roles = role_names(user)
    panels: list[Panel] = []
    if Role.SECRETARIAT in roles:
        panels.append(_proposals_pending_panel())
    panels.extend(
        _secretary_panel(member) for member in member_selectors.members_of_secretary(user)
    )
    panels.extend(
        _representative_panel(member) for member in member_selectors.members_of_representative(user)
    )
    panels.extend(_meeting_panels(user, roles))
    for provider in settings.HOME_PANELS:
        panels.extend(import_string(provider)(user))
    if not panels:
        panels.append(
            Panel(
                title=_("Member register"),
                items=[(_("View the member register"), reverse("members:member-list"))],
            )
        )
    return panels


def _proposals_pending_panel() -> Panel:
    return Panel(
        title=_("Register changes awaiting your decision"),
        items=[
            (
                _("%(member)s, proposed by %(who)s on %(date)s")
                % {"member": p.member, "who": p.proposed_by, "date": _day(p.proposed_at)},
                reverse("members:proposal-detail", args=[p.pk]),
            )
            for p in member_selectors.proposals_pending()
        ],
        empty=_("No proposals are waiting."),
        action=(_("All proposals"), reverse("members:proposal-list")),
    )


def _secretary_panel(member) -> Panel:
    open_proposals = member_selectors.proposals_of_member(member).filter(
        status=ProposalStatus.PENDING
    )
    return Panel(
        title=_("Municipal secretary of %(member)s") % {"member": member},
        items=[
            (
                _("Your change of %(date)s awaits the secretariat") % {"date": _day(p.proposed_at)},
                reverse("members:proposal-detail", args=[p.pk]),
            )
            for p in open_proposals
        ],
        empty=_(
            "Nothing of yours awaits the secretariat. Keep the register right: report "
            "a new representative or secretary without delay."
        ),
        action=(_("Report a change"), reverse("members:proposal-create", args=[member.slug])),
    )


def _representative_panel(member) -> Panel:
    return Panel(
        title=_("Representative of %(member)s") % {"member": member},
        items=[
            (
                _("Register entry of %(member)s") % {"member": member},
                reverse("members:member-detail", args=[member.slug]),
            )
        ],
    )


def _meeting_panels(user, roles) -> list[Panel]:
    from meetings import selectors as meeting_selectors

    today = timezone.localdate()
    panels = []
    upcoming = meeting_selectors.meetings_visible(user).upcoming(today)[:5]
    if roles or meeting_selectors.is_member_person(user):
        panels.append(
            Panel(
                title=_("Meetings coming up"),
                items=[
                    (
                        f"{formats.date_format(m.date, 'SHORT_DATE_FORMAT')} · {m.title}",
                        reverse("meetings:meeting-detail", args=[m.pk]),
                    )
                    for m in upcoming
                ],
                empty=_("No meetings are planned."),
                action=(_("All meetings"), reverse("meetings:meeting-list")),
            )
        )
    if Role.SECRETARIAT in roles:
        overdue = meeting_selectors.actions_overdue(today).select_related("meeting")
        panels.append(
            Panel(
                title=_("Overdue actions"),
                items=[
                    (
                        _("%(number)s. %(text)s (%(owner)s, due %(date)s)")
                        % {
                            "number": a.number,
                            "text": a.text[:80],
                            "owner": a.owner,
                            "date": formats.date_format(a.due_date, "SHORT_DATE_FORMAT"),
                        },
                        reverse("meetings:actions", args=[a.meeting_id]),
                    )
                    for a in overdue[:10]
                ],
                empty=_("No actions are overdue."),
            )
        )
    return panels
