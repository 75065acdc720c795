"""What a person's home page shows: the items that need their attention, per role."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.constants import Role
from accounts.roles import role_names
from members import selectors as member_selectors
from members.constants import ProposalStatus


def _day(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "j-n-Y")


@dataclass
class Panel:
    title: str
    items: list[tuple[str, str]] = field(default_factory=list)  # (text, url)
    empty: str = ""
    action: tuple[str, str] | None = None


def home_panels(user) -> list[Panel]:
    panels: list[Panel] = []
    roles = role_names(user)
    if Role.SECRETARIAT in roles:
        pending = list(member_selectors.proposals_pending())
        panels.append(
            Panel(
                title=_("Register changes awaiting your decision"),
                items=[
                    (
                        _("%(member)s, proposed by %(who)s on %(date)s")
                        % {
                            "member": p.member,
                            "who": p.proposed_by,
                            "date": _day(p.proposed_at),
                        },
                        reverse("members:proposal-detail", args=[p.pk]),
                    )
                    for p in pending
                ],
                empty=_("No proposals are waiting."),
                action=(_("All proposals"), reverse("members:proposal-list")),
            )
        )
    for member in member_selectors.members_of_secretary(user):
        open_proposals = member_selectors.proposals_of_member(member).filter(
            status=ProposalStatus.PENDING
        )
        panels.append(
            Panel(
                title=_("Municipal secretary of %(member)s") % {"member": member},
                items=[
                    (
                        _("Your change of %(date)s awaits the secretariat")
                        % {"date": _day(p.proposed_at)},
                        reverse("members:proposal-detail", args=[p.pk]),
                    )
                    for p in open_proposals
                ],
                empty=_(
                    "Nothing of yours awaits the secretariat. Keep the register right: report "
                    "a new representative or secretary without delay."
                ),
                action=(
                    _("Report a change"),
                    reverse("members:proposal-create", args=[member.slug]),
                ),
            )
        )
    for member in member_selectors.members_of_representative(user):
        panels.append(
            Panel(
                title=_("Representative of %(member)s") % {"member": member},
                items=[
                    (
                        _("Register entry of %(member)s") % {"member": member},
                        reverse("members:member-detail", args=[member.slug]),
                    )
                ],
            )
        )
    panels.extend(_meeting_panels(user, roles))
    if not panels:
        panels.append(
            Panel(
                title=_("Member register"),
                items=[(_("View the member register"), reverse("members:member-list"))],
            )
        )
    return panels


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
                        f"{formats.date_format(m.date, 'j-n-Y')} · {m.title}",
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
                            "date": formats.date_format(a.due_date, "j-n-Y"),
                        },
                        reverse("meetings:actions", args=[a.meeting_id]),
                    )
                    for a in overdue[:10]
                ],
                empty=_("No actions are overdue."),
            )
        )
    return panels
