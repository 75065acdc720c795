"""Public pages and the decision feed: published decisions and public annexes, nothing else."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings import services
from tests.meetings.factories import AgendaItemFactory, AnnexFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(secretariat):
    meeting = MeetingFactory(closed=True, title="Algemene Ledenvergadering")
    item = AgendaItemFactory(meeting=meeting)
    AnnexFactory(agenda_item=item, code="2", title="Jaarrekening 2019")
    AnnexFactory(agenda_item=item, code="1b", title="Geheime notulen", confidential=True)
    services.decision_add(meeting=meeting, user=secretariat, text="Bedrijfsplan 2021 goedgekeurd.")
    services.decision_add(
        meeting=meeting, user=secretariat, text="Geheim besluit.", confidential=True
    )
    services.meeting_publish(meeting=meeting, user=secretariat)
    return meeting


def test_public_meeting_page_shows_public_decisions_and_annexes(client, published):
    page = client.get(reverse("public:meeting", args=[published.pk]))
    assert page.status_code == 200
    assert "Bedrijfsplan 2021 goedgekeurd." in page.text
    assert "Jaarrekening 2019" in page.text
    assert "Geheim besluit." not in page.text
    assert "Geheime notulen" not in page.text


def test_unpublished_meetings_are_not_public(client, secretariat):
    meeting = MeetingFactory(closed=True)
    services.decision_add(meeting=meeting, user=secretariat, text="Nog niet openbaar.")
    assert client.get(reverse("public:meeting", args=[meeting.pk])).status_code == 404
    assert "Nog niet openbaar." not in client.get(reverse("public:feed")).text


def test_feed_lists_published_decisions(client, published):
    feed = client.get(reverse("public:feed"))
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert "Bedrijfsplan 2021 goedgekeurd." in feed.text
    assert "Geheim besluit." not in feed.text


def test_decisions_are_published_only_after_the_meeting(secretariat):
    meeting = MeetingFactory(convened=True)
    with pytest.raises(ValidationError) as refused:
        services.meeting_publish(meeting=meeting, user=secretariat)
    assert refused.value.code == "meeting-publish-before-close"
