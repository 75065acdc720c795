"""Correcting an annex: replace its file (the old one kept), change it, withdraw it; public
pages and the feed follow at once; invitees are told once; frozen with the minutes."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from meetings import services, tasks
from meetings.constants import ApprovalResult, MinutesStatus
from meetings.models import AnnexChange, Minutes
from tests.meetings.factories import PDF, AgendaItemFactory, AnnexFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def pdf(name="bijlage.pdf", extra=b""):
    return SimpleUploadedFile(name, PDF + extra, content_type="application/pdf")


@pytest.fixture
def annex():
    meeting = MeetingFactory(convened=True, convened_at=timezone.now())
    return AnnexFactory(agenda_item=AgendaItemFactory(meeting=meeting, position=4), code="5a")


def test_replacing_keeps_the_old_file_for_those_entitled(
    annex, secretariat, secretary_a, representative_a, client_for, client
):
    old_name = annex.file.name
    services.annex_replace(annex=annex, user=secretariat, upload=pdf(extra=b"%v2"), reason="oud")
    annex.refresh_from_db()
    assert annex.version == 2 and annex.file.name != old_name
    change = AnnexChange.objects.get(annex=annex)
    assert (change.old_version, change.old_file.name) == (1, old_name)
    url = reverse("meetings:annex-version", args=[annex.agenda_item.meeting_id, change.pk])
    assert client_for(secretariat).get(url).status_code == 200
    assert client_for(representative_a).get(url).status_code == 200  # those of the ALV's files
    # A member's secretary reads confidential material only where the statutes say so.
    assert client_for(secretary_a).get(url).status_code == 403
    response = client.get(url)
    assert response.status_code in (302, 403)


def test_the_invitees_are_told_of_a_replacement_and_a_withdrawal_once(
    annex, secretariat, representative_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.annex_replace(annex=annex, user=secretariat, upload=pdf())
        services.annex_withdraw(annex=annex, user=secretariat, reason="verkeerd punt")
    assert len(callbacks) == 2
    changes = list(AnnexChange.objects.filter(annex=annex).order_by("pk"))
    assert tasks.notify_annex_changed(changes[0].pk) >= 1
    assert tasks.notify_annex_changed(changes[0].pk) == 0  # once
    assert tasks.notify_annex_changed(changes[1].pk) >= 1
    assert any("ingetrokken" in m.body or "withdrawn" in m.body for m in mail.outbox)


def test_an_edit_moves_renumbers_and_makes_confidential(annex, secretariat):
    meeting = annex.agenda_item.meeting
    other = AgendaItemFactory(meeting=meeting, position=5)
    services.annex_edit(annex=annex, user=secretariat, title="Profiel", code="6", agenda_item=other)
    annex.refresh_from_db()
    assert (annex.title, annex.code, annex.agenda_item) == ("Profiel", "6", other)
    assert "4 → 5" in AnnexChange.objects.get(annex=annex).summary


def test_the_rules_of_a_correction_have_codes(annex, secretariat, secretary_a):
    meeting = annex.agenda_item.meeting
    AnnexFactory(agenda_item=annex.agenda_item, code="5b")
    elsewhere = AgendaItemFactory(meeting=MeetingFactory(), position=1)
    cases = [
        (lambda: services.annex_edit(annex=annex, user=secretariat, code="5B"), "annex-code-taken"),
        (
            lambda: services.annex_edit(annex=annex, user=secretariat, agenda_item=elsewhere),
            "annex-item-other-meeting",
        ),
        (
            lambda: services.annex_withdraw(annex=annex, user=secretariat, reason=" "),
            "annex-withdrawal-reason",
        ),
    ]
    for call, code in cases:
        with pytest.raises(ValidationError) as excinfo:
            call()
        assert excinfo.value.code == code
    with pytest.raises(Exception) as excinfo:
        services.annex_withdraw(annex=annex, user=secretary_a, reason="x")
    assert excinfo.value.code == "meeting-secretariat-only"
    announced = AnnexFactory(agenda_item=annex.agenda_item, code="7", file=None)
    with pytest.raises(ValidationError) as excinfo:
        services.annex_replace(annex=announced, user=secretariat, upload=pdf())
    assert excinfo.value.code == "annex-not-arrived"
    services.annex_withdraw(annex=annex, user=secretariat, reason="verkeerd")
    with pytest.raises(ValidationError) as excinfo:
        services.annex_edit(annex=annex, user=secretariat, title="weer")
    assert excinfo.value.code == "annex-withdrawn"
    assert meeting.pk


def test_annexes_are_frozen_once_the_minutes_are_adopted(annex, secretariat):
    meeting = annex.agenda_item.meeting
    later = MeetingFactory(in_session=True, date=meeting.date + datetime.timedelta(days=90))
    Minutes.objects.create(
        meeting=meeting,
        status=MinutesStatus.ADOPTED,
        adopted_in=later,
        adopted_on=later.date,
        approval_result=ApprovalResult.APPROVED,
    )
    for call in (
        lambda: services.annex_replace(annex=annex, user=secretariat, upload=pdf()),
        lambda: services.annex_edit(annex=annex, user=secretariat, title="x"),
        lambda: services.annex_withdraw(annex=annex, user=secretariat, reason="x"),
    ):
        with pytest.raises(ValidationError) as excinfo:
            call()
        assert excinfo.value.code == "annex-frozen-after-minutes"


@pytest.mark.parametrize("correction", ["withdraw", "confidential"])
def test_a_withdrawn_or_confidential_annex_leaves_the_public_pages_at_once(
    correction, secretariat, representative_a, client, client_for
):
    meeting = MeetingFactory(published=True, date=datetime.date(2020, 3, 10))
    annex = AnnexFactory(
        agenda_item=AgendaItemFactory(meeting=meeting, position=4), code="3", title="Begroting"
    )
    public = reverse("public:meeting", args=[meeting.pk])
    download = reverse("meetings:annex-download", args=[meeting.pk, annex.pk])
    assert "Begroting" in client.get(public).content.decode()
    assert client.get(download).status_code == 200
    if correction == "withdraw":
        services.annex_withdraw(annex=annex, user=secretariat, reason="verkeerd bestand")
    else:
        services.annex_edit(annex=annex, user=secretariat, confidential=True)
    assert "Begroting" not in client.get(public).content.decode()
    assert "Begroting" not in client.get(reverse("public:feed")).content.decode()
    assert client.get(download).status_code in (302, 403)
    # A member's representative still reads a confidential annex; nobody a withdrawn one.
    detail = client_for(representative_a).get(reverse("meetings:meeting-detail", args=[meeting.pk]))
    page = detail.content.decode()
    assert (download in page) == (correction == "confidential")


def test_the_correction_page_is_the_secretariats(annex, secretariat, secretary_a, client_for):
    url = reverse("meetings:annex-correct", args=[annex.agenda_item.meeting_id, annex.pk])
    assert client_for(secretary_a).get(url).status_code == 403
    page = client_for(secretariat).get(url)
    assert page.status_code == 200
    response = client_for(secretariat).post(
        url, {"action": "withdraw", "reason": "verkeerd punt"}, follow=True
    )
    assert response.status_code == 200
    annex.refresh_from_db()
    assert annex.is_withdrawn and annex.withdrawn_reason == "verkeerd punt"
