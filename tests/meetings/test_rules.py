"""Each refusal of the meetings app by its code (docs/rules.md): the rules not already shown
by the lifecycle, minutes and annex tests."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from documents.constants import DocumentKind
from meetings import documents, selectors, services
from tests.meetings.factories import AgendaItemFactory, AnnexFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def _code(call, *, error=ValidationError) -> str:
    with pytest.raises(error) as refused:
        call()
    return refused.value.code


def test_a_meeting_by_video_needs_statutes_that_allow_it(secretariat):
    from statutes.selectors import association_current

    association = association_current()
    association.remote_meetings_allowed = False
    association.save()
    assert (
        _code(
            lambda: services.meeting_create(
                created_by=secretariat,
                kind="alv",
                title="ALV",
                date=datetime.date.today(),
                format="digital",
            )
        )
        == "meeting-remote-not-allowed"
    )


def test_a_closed_meeting_does_not_change(secretariat):
    meeting = MeetingFactory(closed=True)
    update = lambda: services.meeting_update(meeting=meeting, user=secretariat, title="Anders")  # noqa: E731
    assert _code(update) == "meeting-closed"


def test_a_meeting_is_convened_once_and_opened_only_when_convened(secretariat):
    draft = MeetingFactory()
    assert (
        _code(lambda: services.meeting_open(meeting=draft, user=secretariat))
        == "meeting-open-not-convened"
    )
    convened = MeetingFactory(convened=True)
    assert (
        _code(lambda: services.meeting_convene(meeting=convened, user=secretariat))
        == "meeting-already-convened"
    )


def test_items_of_a_sent_agenda_are_changed_not_removed(secretariat):
    item = AgendaItemFactory(meeting=MeetingFactory(convened=True))
    assert (
        _code(lambda: services.agenda_item_delete(item=item, user=secretariat))
        == "agenda-item-sent"
    )


def test_an_annex_needs_its_file_or_a_date_and_an_open_meeting(secretariat):
    item = AgendaItemFactory(meeting=MeetingFactory(convened=True))
    add = lambda item, **extra: services.annex_add(  # noqa: E731
        item=item, user=secretariat, code="9", title="Bijlage", **extra
    )
    assert _code(lambda: add(item)) == "annex-file-or-due-date"
    closed = AgendaItemFactory(meeting=MeetingFactory(closed=True))
    due = datetime.date(2030, 1, 1)
    assert _code(lambda: add(closed, due_date=due)) == "annex-meeting-closed"


def test_minutes_wait_for_convening_and_are_adopted_after_closing(secretariat):
    draft_item = AgendaItemFactory(meeting=MeetingFactory())
    save = lambda: services.minutes_entry_save(item=draft_item, user=secretariat, text="x")  # noqa: E731
    assert _code(save) == "minutes-before-convening"

    in_session = MeetingFactory(in_session=True, date=datetime.date(2020, 3, 10))
    AgendaItemFactory(meeting=in_session)
    minutes = services.minutes_for(in_session)
    later = MeetingFactory(in_session=True, date=datetime.date(2020, 6, 17))
    adopt = lambda: services.minutes_adopt(minutes=minutes, in_meeting=later, user=secretariat)  # noqa: E731
    assert _code(adopt) == "minutes-meeting-not-closed"


def test_a_correction_says_why(secretariat):
    meeting = MeetingFactory(closed=True)
    AgendaItemFactory(meeting=meeting)
    entry = services.minutes_for(meeting).entries.get()
    correct = lambda: services.minutes_correct(  # noqa: E731
        entry=entry, user=secretariat, text="x", reason="  ", in_meeting=meeting
    )
    assert _code(correct) == "minutes-correction-reason"


def test_action_numbers_are_not_given_twice(secretariat):
    meeting = MeetingFactory(convened=True)
    services.action_add(meeting=meeting, user=secretariat, text="Eén", owner="Bestuur", number=7)
    again = lambda: services.action_add(  # noqa: E731
        meeting=meeting, user=secretariat, text="Twee", owner="Bestuur", number=7
    )
    assert _code(again) == "action-number-taken"


def test_decisions_need_a_convened_meeting_and_a_text(secretariat):
    draft = MeetingFactory()
    record = lambda meeting, text: services.decision_add(  # noqa: E731
        meeting=meeting, user=secretariat, text=text
    )
    assert _code(lambda: record(draft, "Besloten.")) == "decision-before-convening"
    assert _code(lambda: record(MeetingFactory(convened=True), " ")) == "decision-text-required"


def test_who_may_see_a_meeting_its_annexes_and_its_confidential_minutes(
    secretary_a, controller, secretariat
):
    draft = MeetingFactory()
    see = lambda: selectors.meeting_for_user(secretary_a, draft.pk)  # noqa: E731
    assert _code(see, error=PermissionDenied) == "meeting-not-visible"
    prepare = lambda: selectors.meeting_for_secretariat(secretary_a, draft.pk)  # noqa: E731
    assert _code(prepare, error=PermissionDenied) == "meeting-secretariat-only"

    annex = AnnexFactory(agenda_item=AgendaItemFactory(meeting=MeetingFactory(convened=True)))
    meeting_pk = annex.agenda_item.meeting_id
    download = lambda user: selectors.annex_for_download(user, meeting_pk, annex.pk)  # noqa: E731
    assert _code(lambda: download(AnonymousUser()), error=PermissionDenied) == (
        "annex-login-required"
    )
    secret = AnnexFactory(agenda_item=AgendaItemFactory(meeting=draft), confidential=True)
    assert (
        _code(
            lambda: selectors.annex_for_download(secretary_a, draft.pk, secret.pk),
            error=PermissionDenied,
        )
        == "annex-not-readable"
    )

    held = MeetingFactory(closed=True)
    request = lambda user, kind: documents.meeting_document_request(  # noqa: E731
        meeting=held, kind=kind, user=user
    )
    assert (
        _code(
            lambda: request(controller, DocumentKind.MINUTES_CONFIDENTIAL), error=PermissionDenied
        )
        == "minutes-confidential-not-readable"
    )
    assert (
        _code(
            lambda: request(secretariat, DocumentKind.MINUTES_CONFIDENTIAL), error=PermissionDenied
        )
        == "minutes-missing"
    )
