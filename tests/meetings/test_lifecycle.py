"""A meeting from draft to closed: the standard agenda, the editor, convening with e-mail and
.ics, and the refusals when a step comes at the wrong time."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from icalendar import Calendar

from meetings import services, tasks
from meetings.constants import MeetingKind, MeetingStatus, StandardItem
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def _create(user, **fields):
    values = {
        "kind": MeetingKind.ALV,
        "title": "Algemene Ledenvergadering",
        "date": datetime.date.today() + datetime.timedelta(days=30),
        "start_time": datetime.time(19, 0),
        "end_time": datetime.time(21, 0),
        "location": "Video-call",
        "format": "digital",
    }
    return services.meeting_create(created_by=user, **{**values, **fields})


def test_a_new_meeting_has_the_standard_agenda(secretariat):
    meeting = _create(secretariat)
    titles = list(meeting.items.order_by("position").values_list("title", flat=True))
    assert titles == [
        "Opening en vaststelling agenda",
        "Mededelingen",
        "Notulen vorige vergadering",
        "WVTTK",
        "Sluiting",
    ]


def test_minutes_item_points_at_the_previous_meeting_of_the_body(secretariat):
    earlier = MeetingFactory(kind=MeetingKind.EXTRA_ALV, date=datetime.date(2020, 6, 17))
    MeetingFactory(kind=MeetingKind.SUPERVISORY_BOARD, date=datetime.date(2020, 7, 1))
    meeting = _create(secretariat)
    item = meeting.items.get(standard=StandardItem.PREVIOUS_MINUTES)
    assert item.minutes_of == earlier


def test_only_the_secretariat_creates_meetings(secretary_a):
    with pytest.raises(PermissionDenied) as refused:
        _create(secretary_a)
    assert refused.value.code == "meeting-secretariat-only"


def test_subject_items_go_before_any_other_business_and_can_be_reordered(secretariat):
    meeting = _create(secretariat)
    first = services.agenda_item_add(meeting=meeting, user=secretariat, title="Jaarverslag 2019")
    second = services.agenda_item_add(meeting=meeting, user=secretariat, title="Strategienota")
    assert (first.position, second.position) == (4, 5)
    assert meeting.items.get(standard=StandardItem.ANY_OTHER_BUSINESS).position == 6

    services.agenda_item_move(item=second, user=secretariat, up=True)

    order = list(meeting.items.order_by("position").values_list("title", flat=True))
    assert order[3:5] == ["Strategienota", "Jaarverslag 2019"]


def test_convening_needs_a_subject(secretariat):
    meeting = _create(secretariat)
    with pytest.raises(ValidationError) as refused:
        services.meeting_convene(meeting=meeting, user=secretariat)
    assert refused.value.code == "agenda-without-subject"
    assert meeting.status == MeetingStatus.DRAFT


def test_a_meeting_in_the_past_cannot_be_convened(secretariat):
    meeting = _create(secretariat, date=datetime.date(2020, 1, 1))
    services.agenda_item_add(meeting=meeting, user=secretariat, title="Jaarverslag")
    with pytest.raises(ValidationError) as refused:
        services.meeting_convene(meeting=meeting, user=secretariat)
    assert refused.value.code == "meeting-in-the-past"


def test_convening_mails_every_invitee_the_agenda_with_an_ics(
    secretariat,
    secretary_a,
    representative_a,
    secretary_b,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    for user in (secretary_a, representative_a, secretary_b, secretariat):
        user.email = f"{user.username}@example.org"
        user.save()
    meeting = _create(secretariat, video_url="https://meet.example.org/alv")
    services.agenda_item_add(meeting=meeting, user=secretariat, title="Strategienota 2020-2025")

    with django_capture_on_commit_callbacks() as callbacks:
        services.meeting_convene(meeting=meeting, user=secretariat)
    assert len(callbacks) == 1
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CONVENED

    sent = tasks.send_convocation(meeting.pk)

    recipients = sorted(address for mail in mailoutbox for address in mail.to)
    assert recipients == sorted(
        f"{u.username}@example.org"
        for u in (secretary_a, representative_a, secretary_b, secretariat)
    )
    assert sent == 4
    mail = mailoutbox[0]
    assert "4. Strategienota 2020-2025" in mail.body
    assert reverse("meetings:meeting-detail", args=[meeting.pk]) in mail.body
    name, content, mimetype = mail.attachments[0]
    assert (name, mimetype) == ("uitnodiging.ics", "text/calendar")
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert event.decoded("dtstart").hour == 19
    assert str(event["summary"]) == "Algemene Ledenvergadering"
    assert "https://meet.example.org/alv" in str(event["location"])

    # A second delivery of the task sends nothing.
    assert tasks.send_convocation(meeting.pk) == 0
    assert len(mailoutbox) == 4


def test_meeting_page_offers_the_ics(client_for, secretary_a):
    meeting = MeetingFactory(convened=True)
    response = client_for(secretary_a).get(reverse("meetings:meeting-ics", args=[meeting.pk]))
    assert response["Content-Type"] == "text/calendar"
    assert b"BEGIN:VEVENT" in response.content


def test_open_and_close_follow_the_lifecycle(secretariat, chair):
    meeting = MeetingFactory(convened=True)
    with pytest.raises(ValidationError) as not_open:
        services.meeting_close(meeting=meeting, user=chair)
    assert not_open.value.code == "meeting-close-not-in-session"
    services.meeting_open(meeting=meeting, user=chair)
    with pytest.raises(ValidationError) as started:
        services.agenda_item_add(meeting=meeting, user=secretariat, title="Te laat")
    assert started.value.code == "agenda-frozen-after-start"
    services.meeting_close(meeting=meeting, user=chair)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CLOSED
    assert meeting.minutes.entries.count() == meeting.items.count()


def test_a_member_secretary_cannot_open_a_meeting(secretary_a):
    meeting = MeetingFactory(convened=True)
    with pytest.raises(PermissionDenied) as refused:
        services.meeting_open(meeting=meeting, user=secretary_a)
    assert refused.value.code == "meeting-chair-or-secretariat-only"


def test_announced_annex_arrival_is_told_once(secretariat, secretary_a, mailoutbox):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.meetings.factories import PDF

    secretary_a.email = "a@example.org"
    secretary_a.save()
    meeting = _create(secretariat)
    item = services.agenda_item_add(meeting=meeting, user=secretariat, title="Strategienota")
    annex = services.annex_add(
        item=item,
        user=secretariat,
        code="6",
        title="Strategiedocument",
        due_date=datetime.date.today() + datetime.timedelta(days=7),
    )
    services.meeting_convene(meeting=meeting, user=secretariat)
    assert not annex.file

    services.annex_upload(
        annex=annex, user=secretariat, upload=SimpleUploadedFile("s.pdf", PDF, "application/pdf")
    )
    assert tasks.notify_annex_arrived(annex.pk) >= 1
    assert any("Bijlage 6" in mail.subject for mail in mailoutbox)
    assert tasks.notify_annex_arrived(annex.pk) == 0
