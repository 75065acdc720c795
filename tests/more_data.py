"""More of the walk's world (tests/walk.py), made with the project's services and factories:
members with representatives, past meetings with agendas and attendance lists, proxies and
ballots in the assembly in session. Used by the query-count test (a little more data: does a
page's query count grow?) and by `bench/pages.py` (ten times the demo data).
"""

from __future__ import annotations

import datetime
import itertools

from django.utils import timezone

_serial = itertools.count(1)


def grow(world, *, members: int, meetings: int, items: int = 10, polls: int = 1) -> dict:
    """Add `members` members (with representatives who have accounts; three in four give a
    proxy for the walk's assembly to the representative of another), `meetings` past
    meetings of `items` items with an attendance line per member, and `polls` closed polls
    with a ballot per member besides one on the walk's open poll. Returns what it made."""
    batch = next(_serial)
    people = _members(batch, members)
    made = {"members": len(people)}
    made["proxies"] = _proxies(world, people)
    made["meetings"], made["attendance"] = _meetings(world, batch, meetings, items)
    made["ballots"] = _ballots(world, people, polls)
    return made


def _members(batch: int, count: int) -> list[tuple]:
    """(member, representative's account) pairs, with a secretary each."""
    from members.constants import MandateKind
    from tests.accounts.factories import UserFactory
    from tests.members.factories import MandateFactory, MemberFactory

    people = []
    for n in range(count):
        member = MemberFactory(name=f"Gemeente Groei {batch}-{n:04d}")
        user = UserFactory(username=f"groei-{batch}-{n:04d}", password=None)
        MandateFactory(
            member=member, kind=MandateKind.REPRESENTATIVE, name=user.get_full_name(), user=user
        )
        MandateFactory(member=member, kind=MandateKind.SECRETARY)
        people.append((member, user))
    return people


def _proxies(world, people) -> int:
    """In groups of four: the first one's representative holds the proxies of the other
    three, for the walk's assembly (filed by the secretariat: the meeting has started)."""
    from proxies.services import Holder, proxy_file

    filed = 0
    for start in range(0, len(people) - 1, 4):
        _member, holder = people[start]
        for member, _user in people[start + 1 : start + 4]:
            proxy_file(
                meeting=world.meeting,
                member=member,
                filed_by=world.users["secretariat"],
                holder=Holder(name=holder.get_full_name(), email=holder.email),
                signatory_name="Burgemeester",
                signatory_function="Burgemeester",
                signed_on=timezone.localdate(),
                reason="Meer gegevens",
            )
            filed += 1
    return filed


def _meetings(world, batch: int, count: int, items: int) -> tuple[int, int]:
    """Past, closed meetings, each with its agenda and an attendance line per member."""
    from meetings.constants import ItemPurpose
    from meetings.services import attendance_start_from_register
    from tests.meetings.factories import AgendaItemFactory, MeetingFactory

    lines = 0
    for n in range(count):
        meeting = MeetingFactory(
            closed=True,
            title=f"Algemene Ledenvergadering {batch}-{n}",
            date=datetime.date(2019, 1, 1) - datetime.timedelta(days=30 * (n + 1) + batch),
        )
        for position in range(1, items + 1):
            AgendaItemFactory(
                meeting=meeting,
                position=position,
                title=f"Onderwerp {position}",
                purpose=ItemPurpose.DECISION if position % 2 else ItemPurpose.DISCUSSION,
            )
        lines += attendance_start_from_register(meeting=meeting, user=world.users["secretariat"])
    return count, lines


def _ballots(world, people, polls: int) -> int:
    """A ballot per new member on the walk's open poll, and on `polls - 1` polls opened and
    closed in an assembly of their own (one poll is open at a time in a meeting)."""
    from meetings import services as meeting_services
    from meetings.constants import MeetingFormat
    from proxies.selectors import voters_of_meeting
    from tests.meetings.factories import MeetingFactory
    from voting import services

    chair = world.users["chair"]
    cast = _cast_all(world.poll_open, world.meeting, people, voters_of_meeting)
    if polls > 1:
        meeting = MeetingFactory(
            convened=True, format=MeetingFormat.DIGITAL, date=timezone.localdate()
        )
        meeting_services.meeting_open(meeting=meeting, user=chair)
        meeting.refresh_from_db()
        for n in range(polls - 1):
            poll = services.poll_create(meeting=meeting, user=chair, question=f"Stemming {n}")
            poll = services.poll_open(poll=poll, user=chair)
            cast += _cast_all(poll, meeting, people, voters_of_meeting)
            services.poll_close(poll=poll, user=chair)
    return cast


def _cast_all(poll, meeting, people, voters_of_meeting) -> int:
    from voting import services

    voters = voters_of_meeting(meeting)
    accounts = {user.pk: user for _member, user in people}
    cast = 0
    for member, _user in people:
        voter = voters.get(member.pk)
        if voter is None or voter.user_id not in accounts:
            continue
        services.ballot_cast(
            poll=poll.pk,
            member_id=member.pk,
            user=accounts[voter.user_id],
            choice=("for", "against", "abstain")[member.pk % 3],
            two_factor_verified=True,
        )
        cast += 1
    return cast
