"""Every rule of a proxy, refused with its code and with nothing stored."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from documents.constants import DocumentKind
from documents.models import RenderedDocument
from meetings.constants import MeetingStatus
from proxies import services
from proxies.constants import Position, ProxyStatus
from proxies.models import Proxy
from tests.meetings.factories import PDF, MeetingFactory
from tests.members.factories import MemberFactory
from tests.proxies.conftest import holder

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_a_secretary_files_a_proxy_with_instructions_and_a_letter(
    file_proxy, member_a, secretary_a, meeting, django_capture_on_commit_callbacks
):
    items = {item.title: item.pk for item in meeting.items.all()}
    with django_capture_on_commit_callbacks() as callbacks:
        proxy = file_proxy(
            member_a,
            secretary_a,
            instructions={
                items["Jaarrekening 2019"]: Position.FOR,
                items["Strategienota"]: Position.AGAINST,
            },
        )

    assert proxy.status == ProxyStatus.ACTIVE
    positions = {i.agenda_item.title: i.position for i in proxy.instructions.all()}
    assert positions == {"Jaarrekening 2019": "for", "Strategienota": "against"}
    letter = RenderedDocument.objects.for_source(proxy).get(kind=DocumentKind.PROXY_LETTER)
    assert letter.context["letter"]["holder_name"] == "Karin Cornelissen"
    assert letter.context["letter"]["instructions"][1]["position"] == "Tegen"
    assert len(callbacks) == 2  # the letter's render, and the new holder's invitation
    assert proxy.holder_user.email == "k.cornelissen@raalte.example"
    assert not proxy.holder_user.has_usable_password()


def test_instructions_default_to_free(file_proxy, member_a, secretary_a):
    proxy = file_proxy(member_a, secretary_a)
    assert set(proxy.instructions.values_list("position", flat=True)) == {Position.FREE}
    assert proxy.instructions.count() == 2  # the decision items only


def test_one_active_proxy_per_member_and_meeting(file_proxy, member_a, secretary_a):
    file_proxy(member_a, secretary_a)
    with pytest.raises(ValidationError) as excinfo:
        file_proxy(member_a, secretary_a, who=holder("Johan Dijkstra", "j.dijkstra@example.org"))
    assert excinfo.value.code == "proxy-one-per-member"
    assert Proxy.objects.count() == 1


def test_no_proxy_to_the_members_own_representative(
    file_proxy, member_a, secretary_a, representative_of_a
):
    with pytest.raises(ValidationError) as excinfo:
        file_proxy(member_a, secretary_a, who=holder("R. Vertegenwoordiger", "REP-A@example.org"))
    assert excinfo.value.code == "proxy-not-own-representative"
    assert Proxy.objects.count() == 0


def test_a_holder_holds_no_more_proxies_than_the_statutes_allow(file_proxy, secretariat, meeting):
    from statutes.selectors import association_current

    association = association_current()
    association.max_proxies_per_holder = 3
    association.save()
    members = [MemberFactory(name=f"Gemeente {n}") for n in "PQRS"]
    for member in members[:3]:
        file_proxy(member, secretariat)
    with pytest.raises(ValidationError) as excinfo:
        file_proxy(members[3], secretariat)
    assert excinfo.value.code == "proxy-holder-limit"
    assert Proxy.objects.count() == 3


def test_a_holder_cannot_pass_a_proxy_on(file_proxy, member_a, secretary_a, secretary_b):
    secretary_b.email = "holder-b@example.org"
    secretary_b.save()
    file_proxy(member_a, secretary_a, who=holder("Secretaris B", "holder-b@example.org"))
    with pytest.raises(PermissionDenied) as excinfo:
        file_proxy(member_a, secretary_b, who=holder("Iemand Anders", "anders@example.org"))
    assert excinfo.value.code == "proxy-no-passing-on"


def test_a_member_that_has_left_cannot_grant_a_proxy(file_proxy, secretariat, meeting):
    gone = MemberFactory(name="Gemeente Weg", left_on=meeting.date - datetime.timedelta(days=1))
    with pytest.raises(ValidationError) as excinfo:
        file_proxy(gone, secretariat)
    assert excinfo.value.code == "proxy-member-not-on-register"


@pytest.mark.parametrize(
    "status", [MeetingStatus.DRAFT, MeetingStatus.CLOSED, MeetingStatus.MINUTES_ADOPTED]
)
def test_only_for_convened_meetings_not_yet_closed(file_proxy, member_a, secretary_a, status):
    meeting = MeetingFactory(status=status)
    with pytest.raises(ValidationError) as excinfo:
        file_proxy(member_a, secretary_a, meeting=meeting)
    assert excinfo.value.code == "proxy-meeting-not-open"


def test_not_for_a_board_meeting(file_proxy, member_a, secretary_a):
    meeting = MeetingFactory(kind="supervisory_board", convened=True)
    with pytest.raises(ValidationError) as excinfo:
        file_proxy(member_a, secretary_a, meeting=meeting)
    assert excinfo.value.code == "proxy-meeting-not-open"


def test_the_secretary_revokes_until_the_meeting_starts(file_proxy, member_a, secretary_a):
    proxy = file_proxy(member_a, secretary_a)
    services.proxy_revoke(proxy=proxy, user=secretary_a)
    proxy.refresh_from_db()
    assert proxy.status == ProxyStatus.REVOKED and proxy.revoked_by == secretary_a


def test_after_the_start_only_the_secretariat_changes_with_a_reason(
    file_proxy, member_a, secretary_a, secretariat, meeting
):
    proxy = file_proxy(member_a, secretary_a)
    meeting.date = timezone.localdate()
    meeting.start_time = (timezone.localtime() - datetime.timedelta(minutes=5)).time()
    meeting.end_time = None
    meeting.save()

    with pytest.raises(PermissionDenied) as denied:
        services.proxy_revoke(proxy=proxy, user=secretary_a)
    assert denied.value.code == "proxy-late-secretariat-only"
    with pytest.raises(ValidationError) as refused:
        services.proxy_revoke(proxy=proxy, user=secretariat)
    assert refused.value.code == "proxy-late-reason-required"
    services.proxy_revoke(proxy=proxy, user=secretariat, reason="Burgemeester belde: houder ziek")

    proxy.refresh_from_db()
    assert proxy.revoke_reason == "Burgemeester belde: houder ziek"
    latest = proxy.history.first()
    assert (latest.status, latest.revoke_reason) == (ProxyStatus.REVOKED, proxy.revoke_reason)


def test_the_deadline_is_a_setting(file_proxy, member_a, secretary_a, meeting):
    from statutes.selectors import association_current

    proxy = file_proxy(member_a, secretary_a)
    association = association_current()
    association.proxy_change_minutes_before_start = 60 * 24 * 60  # sixty days before the start
    association.save()
    with pytest.raises(PermissionDenied) as excinfo:
        services.proxy_change(proxy=proxy, user=secretary_a, signatory_name="Iemand")
    assert excinfo.value.code == "proxy-late-secretariat-only"


def test_a_change_keeps_the_history_and_makes_a_new_letter(file_proxy, member_a, secretary_a):
    proxy = file_proxy(member_a, secretary_a)
    services.proxy_change(
        proxy=proxy,
        user=secretary_a,
        holder=holder("Johan Dijkstra", "j.dijkstra@oldenzaal.example"),
    )
    proxy.refresh_from_db()
    assert proxy.holder_name == "Johan Dijkstra"
    assert list(proxy.history.values_list("holder_name", flat=True)) == [
        "Johan Dijkstra",
        "Karin Cornelissen",
    ]
    letters = RenderedDocument.objects.for_source(proxy).order_by("version")
    assert [d.context["letter"]["holder_name"] for d in letters] == [
        "Karin Cornelissen",
        "Johan Dijkstra",
    ]


def test_a_signed_letter_must_be_a_pdf(file_proxy, member_a, secretary_a):
    scan = SimpleUploadedFile("volmacht.pdf", PNG, content_type="application/pdf")
    with pytest.raises(ValidationError) as excinfo:
        file_proxy(member_a, secretary_a, scan=scan)
    assert excinfo.value.code == "upload-not-pdf"
    assert Proxy.objects.count() == 0


def test_a_signed_letter_has_a_size_limit(file_proxy, member_a, secretary_a, settings):
    settings.UPLOAD_MAX_BYTES = 50
    scan = SimpleUploadedFile("volmacht.pdf", PDF + b"0" * 100)
    with pytest.raises(ValidationError) as excinfo:
        file_proxy(member_a, secretary_a, scan=scan)
    assert excinfo.value.code == "upload-too-large"


def test_the_signed_letter_is_stored_privately(file_proxy, member_a, secretary_a):
    proxy = file_proxy(member_a, secretary_a, scan=SimpleUploadedFile("volmacht.pdf", PDF))
    assert proxy.scan.name.startswith(f"proxies/{proxy.meeting_id}/")
    assert "volmacht" not in proxy.scan.name


def test_the_proxy_state_says_who_may_still_change_it(
    file_proxy, member_a, secretary_a, secretary_b, secretariat, meeting
):
    from proxies import selectors

    proxy = file_proxy(member_a, secretary_a)
    assert selectors.proxy_state(proxy, secretary_a).may_change
    assert not selectors.proxy_state(proxy, secretary_b).may_change
    meeting.date = timezone.localdate()
    meeting.start_time = (timezone.localtime() - datetime.timedelta(minutes=5)).time()
    meeting.end_time = None
    meeting.save()
    proxy.refresh_from_db()
    late = selectors.proxy_state(proxy, secretary_a)
    assert late.late and not late.may_change
    assert selectors.proxy_state(proxy, secretariat).may_change


def test_instructions_only_for_the_meetings_decision_items(file_proxy, member_a, secretary_a):
    opening = MeetingFactory(convened=True)
    with pytest.raises(ValidationError) as excinfo:
        file_proxy(member_a, secretary_a, instructions={opening.pk * 1000: Position.FOR})
    assert excinfo.value.code == "proxy-instruction-not-a-decision-item"
