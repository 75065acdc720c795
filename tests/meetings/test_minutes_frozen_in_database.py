"""The database itself keeps adopted minutes frozen: an update outside `minutes_correct` is
refused (PostgreSQL and SQLite), and so is a delete (PostgreSQL)."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction

from meetings import services
from meetings.models import MinutesEntry
from tests.meetings.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def adopted(secretariat):
    held = MeetingFactory(in_session=True, date=datetime.date(2020, 3, 10))
    AgendaItemFactory(meeting=held, position=1, title="Opening")
    services.meeting_close(meeting=held, user=secretariat)
    services.minutes_entry_save(item=held.items.get(), user=secretariat, text="Vastgesteld.")
    later = MeetingFactory(in_session=True, date=datetime.date(2020, 6, 17))
    services.minutes_adopt(minutes=held.minutes, in_meeting=later, user=secretariat)
    return held.minutes.entries.get(), later


def test_adopted_minutes_cannot_be_rewritten_past_the_services(adopted):
    entry, _later = adopted
    with pytest.raises(IntegrityError, match="minutes-frozen"), transaction.atomic():
        MinutesEntry.objects.filter(pk=entry.pk).update(text="Herschreven.")
    entry.refresh_from_db()
    assert entry.text == "Vastgesteld."


def test_a_recorded_correction_still_changes_adopted_minutes(secretariat, adopted):
    entry, later = adopted
    services.minutes_correct(
        entry=entry, user=secretariat, text="Gecorrigeerd.", reason="Typfout", in_meeting=later
    )
    entry.refresh_from_db()
    assert entry.text == "Gecorrigeerd."


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the delete trigger is PostgreSQL's")
def test_entries_of_adopted_minutes_cannot_be_deleted(adopted):
    entry, _later = adopted
    with pytest.raises(IntegrityError, match="minutes-frozen"), transaction.atomic():
        MinutesEntry.objects.filter(pk=entry.pk).delete()
    assert MinutesEntry.objects.filter(pk=entry.pk).exists()
