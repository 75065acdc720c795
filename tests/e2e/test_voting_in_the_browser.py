"""In real browsers: a representative votes on a phone-sized screen, and the chair's page shows
the turnout change within a second or two (it polls)."""

import datetime

import pytest

from meetings.constants import ItemPurpose, MeetingFormat, MeetingStatus
from members.constants import MandateKind
from tests.accounts.factories import UserFactory, browser_log_in
from tests.meetings.factories import AgendaItemFactory, MeetingFactory
from tests.members.factories import MandateFactory, MemberFactory
from voting import services

PASSWORD = "Een-lang-wachtwoord-2026"


def _login(page, base, username):
    # With the authenticator app's code where the portal asks (the chair).
    browser_log_in(page, base, username, PASSWORD)


@pytest.mark.django_db(transaction=True)
def test_a_representative_votes_on_a_phone_and_the_chair_sees_it(
    browser_ready, chromium, live_server
):
    from accounts.constants import Role

    meeting = MeetingFactory(
        date=datetime.date.today(), status=MeetingStatus.IN_SESSION, format=MeetingFormat.DIGITAL
    )
    item = AgendaItemFactory(
        meeting=meeting, position=4, title="Jaarrekening 2019", purpose=ItemPurpose.DECISION
    )
    member = MemberFactory(name="Deventer")
    voter = UserFactory(username="portefeuillehouder", first_name="Ron", last_name="König")
    voter.set_password(PASSWORD)
    voter.save()
    MandateFactory(member=member, kind=MandateKind.REPRESENTATIVE, name="R. König", user=voter)
    chair = UserFactory(username="voorzitter", roles=[Role.CHAIR])
    chair.set_password(PASSWORD)
    chair.save()
    poll = services.poll_create(
        meeting=meeting, user=chair, question="Vaststellen jaarrekening 2019", agenda_item=item
    )
    services.poll_open(poll=poll, user=chair)

    browser = chromium  # the session's one browser (tests/e2e/conftest.py)
    chair_page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    _login(chair_page, live_server.url, "voorzitter")
    chair_page.goto(f"{live_server.url}/stemmen/vergadering/{meeting.pk}/voorzitter/")
    chair_page.wait_for_selector('[data-turnout="0"]')

    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    voter_page = phone.new_page()
    _login(voter_page, live_server.url, "portefeuillehouder")
    voter_page.goto(f"{live_server.url}/stemmen/vergadering/{meeting.pk}/")
    voter_page.click("button[name=choice][value=for]")
    voter_page.wait_for_selector("text=Deventer: voor, vastgelegd om")

    started = chair_page.evaluate("Date.now()")
    chair_page.wait_for_selector('[data-turnout="1"]', timeout=5000)
    waited_ms = chair_page.evaluate("Date.now()") - started
    assert "Voor 1" in chair_page.inner_text(".live")
    for context in browser.contexts:
        context.close()
    assert waited_ms < 3000
    assert poll.ballots.get().member == member
