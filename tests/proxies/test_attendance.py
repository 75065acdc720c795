"""The attendance list derived from the register and the proxies, as on 10 March 2020."""

import datetime

import pytest
import yaml
from django.conf import settings

from meetings.models import Meeting
from proxies import services
from proxies.tasks import remind_missing_proxies

pytestmark = pytest.mark.django_db


def test_remarks_derived_for_10_march_2020_match_the_seed(seeded, secretariat):
    meeting = Meeting.objects.get(date=datetime.date(2020, 3, 10))
    seed = yaml.safe_load((settings.BASE_DIR / "seed" / "meetings.yaml").read_text())
    expected = {
        row["member"]: (row["attendee"] or "", row["remark"])
        for row in seed["meetings"][0]["attendance"]["members"]
    }
    # Forget what the seed typed for every member with a proxy; the proxies must give it back.
    meeting.attendance.filter(member__proxies__meeting=meeting).update(
        person="", remark="", present=False
    )

    changed = services.attendance_derive(meeting=meeting, user=secretariat)

    assert changed == 18
    derived = {
        row.member.slug: (row.person if row.present else "", row.remark)
        for row in meeting.attendance.exclude(member=None).select_related("member")
    }
    assert derived == expected
    assert derived["deventer"] == ("De heer M. Kossen", "Volmacht Raalte en Olst-Wijhe")
    assert derived["raalte"] == ("De heer M. Kossen", "")


def test_the_derived_list_can_still_be_corrected(seeded, secretariat):
    from meetings import services as meeting_services

    meeting = Meeting.objects.get(date=datetime.date(2020, 3, 10))
    row = meeting.attendance.get(member__slug="coevorden")
    meeting_services.attendance_save(
        meeting=meeting,
        user=secretariat,
        role="member",
        member=row.member,
        person="Mw. B. de Vries",
        remark="Volmacht (ook Borger-Odoorn)",
        row=row,
    )
    row.refresh_from_db()
    assert row.remark == "Volmacht (ook Borger-Odoorn)"


def test_a_representative_registers_and_then_no_proxy_is_needed(
    file_proxy, meeting, member_a, secretary_a, representative_of_a
):
    services.attendance_register_representative(
        meeting=meeting, member=member_a, user=representative_of_a
    )
    row = meeting.attendance.get(member=member_a)
    assert (row.person, row.present) == ("R. Vertegenwoordiger", True)


def test_reminders_go_to_secretaries_without_representative_or_proxy(
    file_proxy, meeting, member_a, member_b, secretary_a, secretary_b, mailoutbox
):
    from statutes.selectors import association_current

    secretary_a.email, secretary_b.email = "a@example.org", "b@example.org"
    secretary_a.save()
    secretary_b.save()
    file_proxy(member_a, secretary_a)
    days = association_current().proxy_reminder_days
    today = meeting.date - datetime.timedelta(days=days)

    sent = remind_missing_proxies(today.isoformat())

    assert sent == 1
    assert mailoutbox[0].to == ["b@example.org"]
    assert "Gemeente B" in mailoutbox[0].subject
    assert remind_missing_proxies((today - datetime.timedelta(days=1)).isoformat()) == 0
