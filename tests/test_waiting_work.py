"""Background work that waits is seen: the secretariat's home page lists documents queued for
more than a minute; the voting status answers from the database when the cache misses."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from documents.constants import DocumentStatus
from documents.models import RenderedDocument
from documents.selectors import home_panels
from tests.documents.helpers import request_letter

pytestmark = pytest.mark.django_db


def test_the_secretariat_sees_documents_queued_for_over_a_minute(
    member_a, secretariat, secretary_a, client_for
):
    document = request_letter(member_a)  # queued on commit: never, inside this test
    assert home_panels(secretariat) == []  # queued just now: not waiting yet
    RenderedDocument.objects.filter(pk=document.pk).update(
        status=DocumentStatus.QUEUED, queued_at=timezone.now() - datetime.timedelta(minutes=3)
    )
    [panel] = home_panels(secretariat)
    assert document.title in panel.items[0][0]
    assert home_panels(secretary_a) == []
    page = client_for(secretariat).get(reverse("home")).content.decode()
    assert panel.title in page


def test_the_voting_status_falls_back_to_the_database(chair):
    from django.core.cache import cache

    from tests.meetings.factories import AgendaItemFactory, MeetingFactory
    from voting import services, status

    meeting = MeetingFactory(in_session=True)
    item = AgendaItemFactory(meeting=meeting, position=1)
    poll = services.poll_create(meeting=meeting, user=chair, question="Akkoord?", agenda_item=item)
    seen = status.voting_version(meeting.pk)
    # The poll opens while the cache is away: the bump that would tell the pages is lost.
    services.poll_open(poll=poll, user=chair)
    cache.delete(status.version_key(meeting.pk))  # a miss: Redis down, restarted or expired
    code, _headers = status.status_answer(meeting.pk, str(seen))
    assert code == 200  # the database answers: the page reloads and shows the ballot
    assert status.voting_version(meeting.pk) == status.database_version(meeting.pk)
