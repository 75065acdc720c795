"""Minutes: written per item, adopted in the next meeting (with textual corrections), then
frozen; a later change is a correction with its own decision, and the old text is kept."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings import services
from meetings.constants import MeetingStatus, MinutesStatus, StandardItem
from tests.meetings.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(secretariat):
    meeting = MeetingFactory(in_session=True, date=datetime.date(2020, 3, 10))
    AgendaItemFactory(meeting=meeting, position=1, title="Opening")
    AgendaItemFactory(meeting=meeting, position=2, title="Dilemma's begroting 2021")
    services.meeting_close(meeting=meeting, user=secretariat)
    return meeting


@pytest.fixture
def next_meeting(secretariat, held):
    meeting = MeetingFactory(in_session=True, date=datetime.date(2020, 6, 17))
    AgendaItemFactory(
        meeting=meeting,
        position=3,
        title="Notulen vorige vergadering",
        standard=StandardItem.PREVIOUS_MINUTES,
        minutes_of=held,
    )
    return meeting


def _entry(meeting, position):
    return meeting.minutes.entries.get(agenda_item__position=position)


def test_adopting_with_a_correction_freezes_the_minutes(secretariat, held, next_meeting):
    item = held.items.get(position=2)
    services.minutes_entry_save(item=item, user=secretariat, text="Tarieven voor 2022.")
    entry = _entry(held, 2)

    services.minutes_adopt(
        minutes=held.minutes,
        in_meeting=next_meeting,
        user=secretariat,
        corrections={entry.pk: "Tarieven voor 2021."},
    )

    held.refresh_from_db()
    held.minutes.refresh_from_db()
    assert held.status == MeetingStatus.MINUTES_ADOPTED
    assert held.minutes.status == MinutesStatus.ADOPTED
    assert held.minutes.get_approval_result_display() == "Goedgekeurd met correctie"
    assert _entry(held, 2).text == "Tarieven voor 2021."
    decision = next_meeting.decisions.get()
    assert "worden vastgesteld met correcties" in decision.text
    assert decision.agenda_item.standard == StandardItem.PREVIOUS_MINUTES

    with pytest.raises(ValidationError) as frozen:
        services.minutes_entry_save(item=item, user=secretariat, text="Nog iets anders")
    assert frozen.value.code == "minutes-frozen"
    assert _entry(held, 2).text == "Tarieven voor 2021."


def test_minutes_are_adopted_once_and_only_in_a_later_meeting(secretariat, held, next_meeting):
    with pytest.raises(ValidationError) as same_meeting:
        services.minutes_adopt(minutes=held.minutes, in_meeting=held, user=secretariat)
    assert same_meeting.value.code == "minutes-adopted-in-later-meeting"
    services.minutes_adopt(minutes=held.minutes, in_meeting=next_meeting, user=secretariat)
    with pytest.raises(ValidationError) as again:
        services.minutes_adopt(minutes=held.minutes, in_meeting=next_meeting, user=secretariat)
    assert again.value.code == "minutes-already-adopted"


def test_a_correction_of_adopted_minutes_needs_a_decision_and_keeps_the_old_text(
    secretariat, held, next_meeting
):
    services.minutes_entry_save(item=held.items.get(position=2), user=secretariat, text="Oud")
    services.minutes_adopt(minutes=held.minutes, in_meeting=next_meeting, user=secretariat)

    correction = services.minutes_correct(
        entry=_entry(held, 2),
        user=secretariat,
        text="Nieuw",
        reason="Verkeerd jaartal",
        in_meeting=next_meeting,
    )

    assert correction.text_before == "Oud"
    assert _entry(held, 2).text == "Nieuw"
    assert correction.decision.meeting == next_meeting
    assert "Verkeerd jaartal" in correction.decision.text
    history = list(_entry(held, 2).history.values_list("text", flat=True))
    assert "Oud" in history and "Nieuw" in history


def test_draft_minutes_are_not_corrected_but_edited(secretariat, held, next_meeting):
    with pytest.raises(ValidationError) as refused:
        services.minutes_correct(
            entry=_entry(held, 2), user=secretariat, text="x", reason="y", in_meeting=next_meeting
        )
    assert refused.value.code == "minutes-correction-of-draft"


def test_confidential_item_is_minuted_apart(client_for, secretariat, controller, held):
    item = AgendaItemFactory(
        meeting=held, position=3, title="Vertrouwelijk agendapunt", confidential=True
    )
    services.minutes_for(held)
    services.minutes_entry_save(item=item, user=secretariat, text="Geheim voorstel RvC")
    page = client_for(controller).get(reverse("meetings:minutes", args=[held.pk]))
    assert "Geheim voorstel RvC" not in page.text
    assert "apart vastgelegd" in page.text
    page = client_for(secretariat).get(reverse("meetings:minutes", args=[held.pk]))
    assert "Geheim voorstel RvC" in page.text


def test_adopt_page_records_the_changed_items_as_corrections(
    client_for, secretariat, held, next_meeting
):
    services.minutes_entry_save(item=held.items.get(position=2), user=secretariat, text="2022")
    entry = _entry(held, 2)
    opening = _entry(held, 1)
    response = client_for(secretariat).post(
        reverse("meetings:minutes-adopt", args=[next_meeting.pk]),
        {f"entry-{entry.pk}": "2021", f"entry-{opening.pk}": opening.text},
    )
    assert response.status_code == 302
    held.minutes.refresh_from_db()
    assert held.minutes.approval_result == "approved_with_correction"
    assert _entry(held, 2).text == "2021"
