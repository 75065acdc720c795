"""One moment "the meeting has started" for filing, changing and revoking; the pages offer an
action only when it may be taken, and a refusal shows its reason, not a bare 403."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.selectors import meeting_has_started
from proxies import selectors
from tests.members.factories import MandateFactory

pytestmark = pytest.mark.django_db


def _start_yesterday(meeting):
    # Regression: the date had passed, the status still said "convened".
    meeting.date = timezone.localdate() - datetime.timedelta(days=1)
    meeting.save()


def test_the_start_is_the_date_and_time_or_the_opening_whichever_comes_first(meeting):
    start = datetime.datetime.combine(
        meeting.date, meeting.start_time, tzinfo=timezone.get_current_timezone()
    )
    assert not meeting_has_started(meeting, at=start - datetime.timedelta(minutes=1))
    assert meeting_has_started(meeting, at=start)
    meeting.status = "in_session"
    assert meeting_has_started(meeting, at=start - datetime.timedelta(days=3))


def test_a_proxy_for_a_started_meeting_is_refused(file_proxy, member_a, secretary_a, meeting):
    _start_yesterday(meeting)
    with pytest.raises(Exception) as excinfo:
        file_proxy(member_a, secretary_a)
    assert excinfo.value.code == "proxy-meeting-started"


def test_the_secretariat_files_late_only_with_a_reason(file_proxy, member_a, secretariat, meeting):
    _start_yesterday(meeting)
    with pytest.raises(Exception) as excinfo:
        file_proxy(member_a, secretariat)
    assert excinfo.value.code == "proxy-late-reason-required"
    proxy = file_proxy(member_a, secretariat, reason="Brief kwam te laat binnen")
    assert proxy.history.first().revoke_reason == "Brief kwam te laat binnen"


def test_the_pages_offer_no_filing_or_change_after_the_start_and_say_why(
    client_for, file_proxy, member_a, secretary_a, meeting
):
    proxy = file_proxy(member_a, secretary_a)
    _start_yesterday(meeting)
    client = client_for(secretary_a)
    detail = client.get(reverse("proxies:proxy-detail", args=[proxy.pk]))
    assert reverse("proxies:proxy-edit", args=[proxy.pk]) not in detail.text
    assert "alleen het directiesecretariaat" in detail.text
    edit = client.get(reverse("proxies:proxy-edit", args=[proxy.pk]), follow=True)
    assert edit.status_code == 200 and "De vergadering is begonnen" in edit.text
    revoke = client.post(reverse("proxies:proxy-revoke", args=[proxy.pk]), follow=True)
    assert revoke.status_code == 200 and "De vergadering is begonnen" in revoke.text
    proxy.refresh_from_db()
    assert proxy.status == "active"


def test_filing_is_not_offered_after_the_start(client_for, member_b, secretary_b, meeting):
    _start_yesterday(meeting)
    assert not selectors.proxy_may_file(secretary_b, meeting, member_b)
    page = client_for(secretary_b).get(
        reverse("proxies:proxy-file", args=[meeting.pk, member_b.slug]), follow=True
    )
    assert page.status_code == 200 and "De vergadering is begonnen" in page.text


def test_only_holders_with_an_e_mail_address_are_offered(member_a, member_b, meeting):
    MandateFactory(member=member_b, representative=True, name="Zonder Adres", email="")
    with_address = MandateFactory(member=member_b, name="Met Adres", email="met@example.org")
    candidates = list(selectors.holder_candidates(meeting, member_a))
    assert candidates == [with_address]


def test_the_form_asks_the_address_of_a_holder_typed_in(client_for, secretary_a, member_a, meeting):
    response = client_for(secretary_a).post(
        reverse("proxies:proxy-file", args=[meeting.pk, member_a.slug]),
        {
            "holder_name": "Iemand Anders",
            "signatory_name": "Ron König",
            "signatory_function": "Burgemeester",
            "signed_on": "2020-06-16",
        },
    )
    assert response.status_code == 200
    assert "Geef het e-mailadres van Iemand Anders" in response.text
    assert "e-mailadres nodig" in response.text  # said before the submit
