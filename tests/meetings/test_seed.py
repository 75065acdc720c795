"""The demo meetings are loaded exactly as the seed documents have them."""

import datetime

import pytest

from meetings import selectors
from meetings.constants import MeetingStatus
from meetings.models import Meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def march(seeded):
    return Meeting.objects.get(date=datetime.date(2020, 3, 10))


@pytest.fixture
def june(seeded):
    return Meeting.objects.get(date=datetime.date(2020, 6, 17))


def test_alv_of_10_march_2020_as_held(march):
    assert march.location == "Park Plaza, Utrecht"
    # Held and closed; the re-enacted ALV of 17 June 2020 adopted its minutes since.
    assert march.status == MeetingStatus.MINUTES_ADOPTED
    assert march.items.count() == 10
    assert march.items.get(position=4).confidential
    assert march.minutes.entries.count() == 10
    assert "opent de vergadering" in march.minutes.entries.get(agenda_item__position=1).text
    assert "2021" in march.minutes.entries.get(agenda_item__position=3).text
    assert [a.text for a in selectors.action_list(march)] == [
        "Weergeven van proces e-Suite vervanging.",
        "Herbenoeming Carolien Besselink als commissaris.",
    ]
    assert list(march.decisions.values_list("number", flat=True)) == [1, 2, 3]
    assert march.decisions.get(number=2).text.startswith("Bedrijfsplan 2021")


def test_attendance_list_of_10_march_2020(march):
    rows = selectors.attendance_rows(march)
    assert len(rows["members"]) == 29
    assert sum(1 for row in rows["members"] if row.present) == 24
    deventer = next(row for row in rows["members"] if row.member.slug == "deventer")
    assert (deventer.person, deventer.remark) == (
        "De heer M. Kossen",
        "Volmacht Raalte en Olst-Wijhe",
    )
    assert sum(1 for row in rows["members"] if row.remark == "Volmacht") == 15
    assert [row.person for row in rows["present"]] == [
        "De heer H. ten Brinke",
        "De heer J. Boomgaardt",
        "De heer J. Dijkstra",
        "De heer K. Radstake",
        "Mevrouw J. Damink",
        "De heer R. Kamp",
    ]
    assert [row.person for row in rows["absent"]] == ["Mevrouw C. Besselink", "De heer H. Geraedts"]


def test_alv_of_17_june_2020_as_convened_with_its_agenda(june, march):
    # Convened by the seed, re-enacted by the demo's last loader (test_reenactment.py).
    assert (june.status, june.format) == (MeetingStatus.CLOSED, "digital")
    assert june.convened_at.date() == datetime.date(2020, 6, 3)
    assert (june.start_time, june.end_time) == (datetime.time(19), datetime.time(21))
    assert june.items.count() == 9
    codes = [
        a.code for item in june.items.order_by("position") for a in item.annexes.order_by("code")
    ]
    assert codes == ["1a", "1b", "2", "3", "4", "5a", "5b", "6", "7"]
    annexes = {a.code: a for item in june.items.all() for a in item.annexes.all()}
    assert annexes["1b"].confidential and not annexes["1a"].confidential
    assert annexes["6"].due_date == annexes["7"].due_date == datetime.date(2020, 6, 4)
    assert all(annex.file for annex in annexes.values())
    for number in (5, 6, 7):
        assert june.items.get(position=number).proposal
    assert "Gloudemans" in june.items.get(position=7).proposal
    assert june.items.get(position=3).minutes_of == march
