"""Action list: numbered per body, carried over until closed, overdue ones stand out."""

import datetime

import pytest
from django.urls import reverse

from meetings import selectors, services
from meetings.constants import MeetingKind
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def test_open_actions_carry_over_until_closed(secretariat):
    first = MeetingFactory(closed=True, date=datetime.date(2020, 3, 10))
    second = MeetingFactory(
        kind=MeetingKind.EXTRA_ALV, convened=True, date=datetime.date(2020, 6, 17)
    )
    third = MeetingFactory(convened=True, date=datetime.date(2020, 12, 1))
    action = services.action_add(
        meeting=first, user=secretariat, text="e-Suite vervanging", owner="RvC"
    )
    other = services.action_add(meeting=first, user=secretariat, text="Besselink", owner="RvC")

    assert list(selectors.action_list(second)) == [action, other]

    services.action_close(action=action, user=secretariat, in_meeting=second)

    assert list(selectors.action_list(second)) == [action, other]  # closed at this meeting
    assert list(selectors.action_list(third)) == [other]
    assert list(selectors.action_list(first)) == [action, other]


def test_numbers_run_on_per_body(secretariat):
    alv = MeetingFactory(convened=True)
    board = MeetingFactory(kind=MeetingKind.SUPERVISORY_BOARD, convened=True)
    assert services.action_add(meeting=alv, user=secretariat, text="a", owner="x").number == 1
    assert services.action_add(meeting=alv, user=secretariat, text="b", owner="x").number == 2
    assert services.action_add(meeting=board, user=secretariat, text="c", owner="x").number == 1
    assert selectors.action_list(board).count() == 1


def test_overdue_actions_stand_out(client_for, secretariat, secretary_a):
    meeting = MeetingFactory(convened=True)
    services.action_add(
        meeting=meeting,
        user=secretariat,
        text="Te laat",
        owner="RvC",
        due_date=datetime.date.today() - datetime.timedelta(days=1),
    )
    page = client_for(secretary_a).get(reverse("meetings:actions", args=[meeting.pk]))
    assert "table-danger" in page.text
    assert "te laat" in page.text.lower()
    assert "Nieuwe actie" not in page.text  # members read, the secretariat writes


def test_members_cannot_add_actions(client_for, secretary_a):
    meeting = MeetingFactory(convened=True)
    client_for(secretary_a).post(
        reverse("meetings:actions", args=[meeting.pk]), {"text": "x", "owner": "y"}
    )
    assert meeting.actions.count() == 0
