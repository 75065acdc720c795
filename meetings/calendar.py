"""The iCalendar (.ics) invitation of a meeting, for the convocation e-mail and the page."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from icalendar import Calendar, Event

from meetings.models import Meeting


def meeting_ics(meeting: Meeting, *, agenda_text: str = "") -> bytes:
    zone = ZoneInfo(settings.TIME_ZONE)
    event = Event()
    host = settings.PORTAL_BASE_URL.split("://", 1)[-1].split("/", 1)[0]
    event.add("uid", f"meeting-{meeting.pk}@{host}")
    event.add("summary", meeting.title)
    event.add("dtstamp", meeting.convened_at or datetime.datetime.now(tz=datetime.UTC))
    if meeting.start_time:
        start = datetime.datetime.combine(meeting.date, meeting.start_time, tzinfo=zone)
        end_time = meeting.end_time or (start + datetime.timedelta(hours=2)).time()
        event.add("dtstart", start)
        event.add("dtend", datetime.datetime.combine(meeting.date, end_time, tzinfo=zone))
    else:
        event.add("dtstart", meeting.date)
        event.add("dtend", meeting.date + datetime.timedelta(days=1))
    location = meeting.location
    if meeting.video_url:
        location = f"{location} {meeting.video_url}".strip()
    if location:
        event.add("location", location)
    url = settings.PORTAL_BASE_URL + reverse("meetings:meeting-detail", args=[meeting.pk])
    event.add("url", url)
    event.add("description", f"{agenda_text}\n\n{url}".strip())
    # The sequence goes up when a convened meeting changes, so calendars update the event.
    event.add("sequence", meeting.history.count() if meeting.pk else 0)
    calendar = Calendar()
    calendar.add("prodid", "-//Dimpact portaal//NL")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add_component(event)
    return calendar.to_ical()
