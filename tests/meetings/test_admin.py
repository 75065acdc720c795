"""The admin cannot bypass the minutes' rules: minutes, their entries and corrections are
there to read, not to add, change or delete."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from meetings import services
from tests.accounts.factories import verified_login
from tests.meetings.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def test_a_superuser_cannot_change_or_delete_minutes_in_the_admin(client, secretariat):
    held = MeetingFactory(in_session=True, date=datetime.date(2020, 3, 10))
    AgendaItemFactory(meeting=held, position=1, title="Opening")
    services.meeting_close(meeting=held, user=secretariat)
    services.minutes_entry_save(item=held.items.get(), user=secretariat, text="Zo gezegd.")
    entry = held.minutes.entries.get()
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    verified_login(client, admin)  # the admin asks staff for a confirmed log-in

    change = reverse("admin:meetings_minutesentry_change", args=[entry.pk])
    assert client.get(change).status_code == 200  # to read
    assert client.post(change, {"text": "Herschreven."}).status_code == 403
    delete = reverse("admin:meetings_minutes_delete", args=[held.minutes.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:meetings_minutesentry_add")).status_code == 403
    entry.refresh_from_db()
    assert entry.text == "Zo gezegd."
