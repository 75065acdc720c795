"""Nobody missed without a warning: convening says how many addresses it reaches and lists
the invitees without one, on the meeting's page until the list is empty."""

import pytest
from django.urls import reverse

from meetings import selectors
from members.constants import MandateKind
from tests.meetings.factories import AgendaItemFactory, MeetingFactory
from tests.members.factories import MandateFactory, MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting, position=1, title="Strategie")
    return meeting


def test_convening_with_invitees_without_address_reports_them(
    meeting, secretariat, client_for, secretary_a
):
    unreachable = MemberFactory(name="Gemeente Zonder")
    MandateFactory(member=unreachable, kind=MandateKind.REPRESENTATIVE, name="P. Zonder", email="")
    nobody = MemberFactory(name="Gemeente Leeg")
    client = client_for(secretariat)
    response = client.post(
        reverse("meetings:meeting-transition", args=[meeting.pk, "convene"]), follow=True
    )
    page = response.content.decode()
    reach = selectors.invitation_reach(meeting)
    assert {u.name for u in reach.unreached} >= {"Gemeente Zonder", "Gemeente Leeg"}
    assert "Gemeente A" not in {u.name for u in reach.unreached}  # its secretary has one
    assert "P. Zonder" in page and "Gemeente Leeg" in page
    assert f"{reach.addresses}" in page
    # The member's people do not see the secretariat's list.
    other = client_for(secretary_a).get(reverse("meetings:meeting-detail", args=[meeting.pk]))
    assert "P. Zonder" not in other.content.decode()
    # Completed: the list is gone.
    unreachable.mandates.update(email="p.zonder@zonder.example.org")
    MandateFactory(member=nobody, kind=MandateKind.SECRETARY, email="s@leeg.example.org")
    page = client.get(reverse("meetings:meeting-detail", args=[meeting.pk])).content.decode()
    assert "reach-list" not in page
