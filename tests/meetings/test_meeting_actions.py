"""What a user may do with a meeting now: one selector the header, the pages and the API ask."""

import pytest

from meetings import selectors, services
from tests.meetings.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def test_the_secretariat_edits_and_convenes_a_draft(secretariat):
    can = selectors.meeting_actions(meeting=MeetingFactory(), user=secretariat)
    assert can.edit and can.convene and can.edit_agenda and can.remove_items
    assert not (can.open or can.close or can.publish or can.vote or can.record_decisions)
    assert not can.edit_minutes


def test_the_chair_opens_and_closes_but_does_not_prepare(chair):
    convened = selectors.meeting_actions(meeting=MeetingFactory(convened=True), user=chair)
    assert convened.open and convened.chair_page
    assert not (convened.edit or convened.convene or convened.manage or convened.close)
    in_session = selectors.meeting_actions(meeting=MeetingFactory(in_session=True), user=chair)
    assert in_session.close and in_session.vote and not in_session.open


def test_a_member_secretary_only_votes_in_session(secretary_a):
    can = selectors.meeting_actions(meeting=MeetingFactory(in_session=True), user=secretary_a)
    assert can.vote
    assert not any(
        (can.manage, can.chair_page, can.edit, can.open, can.close, can.publish, can.edit_minutes)
    )


def test_minutes_are_editable_until_adopted_and_then_only_corrected(secretariat):
    closed = MeetingFactory(closed=True)
    AgendaItemFactory(meeting=closed)
    can = selectors.meeting_actions(meeting=closed, user=secretariat)
    assert can.edit_minutes and can.publish and not can.correct_minutes
    minutes = services.minutes_for(closed)
    minutes.status = "adopted"
    can = selectors.meeting_actions(meeting=closed, user=secretariat, minutes=minutes)
    assert not can.edit_minutes and can.correct_minutes
