"""Who votes for a member: one definition (`proxies.selectors.voter_via`), and every case run
through both the selector the pages use and the single-query check of the ballot service."""

import datetime

import pytest

from members.constants import MandateKind
from proxies.services import proxy_revoke
from tests.members.factories import MandateFactory
from voting import selectors
from voting.services.ballots import _ballot_context, ballot_via

pytestmark = pytest.mark.django_db


def _situation(case, *, member_a, rep_a, holder, give_proxy, secretariat, meeting):
    """Make the case's facts for member A; return the user whose way of voting is asked."""
    if case in ("proxy active", "proxy revoked", "holder of another member"):
        proxy = give_proxy(member_a)
        if case == "proxy revoked":
            proxy_revoke(proxy=proxy, user=secretariat, reason="Zelf aanwezig")
    if case == "representative ended":
        mandate = rep_a.mandates.get(kind=MandateKind.REPRESENTATIVE)
        mandate.starts_on = datetime.date(2018, 1, 1)
        mandate.ends_on = datetime.date(2019, 12, 31)
        mandate.save()
    if case == "member left":
        member_a.left_on = meeting.date - datetime.timedelta(days=1)
        member_a.save()
    return rep_a


# (case, who asks, expected way of voting for member A)
CASES = [
    ("no proxy", "representative", "representative"),
    ("no proxy", "holder", None),
    ("no proxy", "stranger", None),
    ("proxy active", "representative", None),
    ("proxy active", "holder", "proxy"),
    ("proxy active", "stranger", None),
    ("proxy revoked", "representative", "representative"),
    ("proxy revoked", "holder", None),
    ("representative ended", "representative", None),
    ("member left", "representative", None),
]


@pytest.mark.parametrize(("case", "who", "expected"), CASES)
def test_the_selector_and_the_ballot_check_agree_on_who_votes(
    case, who, expected, motion, member_a, rep_a, rep_b, holder, give_proxy, secretariat
):
    meeting = motion.meeting
    _situation(
        case,
        member_a=member_a,
        rep_a=rep_a,
        holder=holder,
        give_proxy=give_proxy,
        secretariat=secretariat,
        meeting=meeting,
    )
    user = {"representative": rep_a, "holder": holder, "stranger": rep_b}[who]
    member_a.refresh_from_db()
    # The pages' way: the seats of the user and the member's voter.
    seats = {seat.member.pk: seat.via for seat in selectors.seats(user, meeting)}
    voter = selectors.voter_for(member_a, meeting)
    by_selector = seats.get(member_a.pk)
    assert by_selector == (voter.via if voter and voter.user_id == user.pk else None)
    # The ballot's way: the single query and the same rule.
    context = _ballot_context(motion.pk, member_a.pk, user)
    by_sql = ballot_via(context) if context else None
    assert by_selector == by_sql == expected


def test_a_member_is_counted_once_whoever_is_there_for_it(
    motion, member_a, rep_a, give_proxy, holder
):
    from meetings import services as meeting_services

    meeting = motion.meeting
    meeting_services.attendance_record(
        meeting=meeting, member=member_a, person=rep_a.get_full_name(), present=True
    )
    give_proxy(member_a)
    assert selectors.present_members(meeting) == {member_a.pk}
    assert selectors.quorum(meeting, 0).present == 1
    assert selectors.presence(meeting) == [
        (member_a.name, f"via volmacht: {holder.get_full_name()}")
    ]


def test_the_representative_is_told_who_represents_the_member(
    client_for, motion, member_a, rep_a, give_proxy
):
    from django.urls import reverse

    give_proxy(member_a)
    page = client_for(rep_a).get(reverse("voting:vote", args=[motion.meeting_id]))
    assert "Gemeente A wordt vertegenwoordigd door Karin Cornelissen (volmacht)" in page.text
    assert 'name="member"' not in page.text  # no ballot


def test_a_representative_of_two_members_keeps_the_one_without_a_proxy(
    motion, member_a, member_b, rep_a, give_proxy
):
    MandateFactory(member=member_b, kind=MandateKind.REPRESENTATIVE, user=rep_a)
    give_proxy(member_a)
    assert [seat.member for seat in selectors.seats(rep_a, motion.meeting)] == [member_b]
