"""In a real browser (Playwright driving Debian's Chromium, headless), the 17 June 2020 scenario
with the rules combined: Karin Cornelissen holds the proxies of Deventer (instructed "voor")
and of Olst-Wijhe (filed by this test) and votes for both with one "Allemaal voor"; Deventer's
representative sees that Deventer is represented and has no ballot; the chair sees who is there
and closes; the decision list shows the result.

The seeded meeting of 17 June 2020 lies in the past (it has started, so no proxy can be filed
for it): the test makes the assembly of that day again, through the services, for tomorrow.
"""

import datetime
import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

from accounts.selectors import user_by_username
from meetings import services as meeting_services
from meetings.constants import ItemPurpose, MeetingFormat
from members.selectors import member_by_slug
from proxies.constants import Position
from proxies.services import Holder, proxy_file
from tests.accounts.factories import browser_log_in
from tests.meetings.factories import AgendaItemFactory, MeetingFactory
from voting import services
from voting.models import Ballot

PASSWORD = "Een-lang-wachtwoord-2026"


def _login(browser, base, username, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    # With the demo authenticator's code where the portal asks (the chair).
    browser_log_in(page, base, username, PASSWORD)
    return page


def _assembly():
    """The assembly of 17 June 2020 again, convened for tomorrow, with its proxies, opened."""
    for username in ("secretaris.raalte", "portefeuillehouder.deventer", "voorzitter"):
        user = user_by_username(username)
        user.set_password(PASSWORD)
        user.save()
    chair, secretariat = user_by_username("voorzitter"), user_by_username("secretariaat")
    karin = user_by_username("secretaris.raalte")
    meeting = MeetingFactory(
        title="Extra Algemene Ledenvergadering",
        convened=True,
        format=MeetingFormat.DIGITAL,
        date=datetime.date.today() + datetime.timedelta(days=1),
    )
    item = AgendaItemFactory(
        meeting=meeting,
        position=4,
        title="Jaarrekening 2019",
        purpose=ItemPurpose.DECISION,
        proposal="De ALV stelt de jaarrekening 2019 vast.",
    )
    for slug, filed_by in (("deventer", "secretaris.deventer"), ("olst-wijhe", "secretariaat")):
        proxy_file(
            meeting=meeting,
            member=member_by_slug(slug),
            filed_by=user_by_username(filed_by),
            holder=Holder(name="Karin Cornelissen", email=karin.email),
            signatory_name="Burgemeester",
            signatory_function="Burgemeester",
            signed_on=datetime.date.today(),
            instructions={item.pk: Position.FOR},
        )
    meeting_services.meeting_open(meeting=meeting, user=chair)
    poll = services.poll_create(
        meeting=meeting,
        user=secretariat,
        question="Vaststellen jaarrekening 2019",
        agenda_item=item,
    )
    services.poll_open(poll=poll, user=chair)
    return meeting, poll


@pytest.mark.django_db(transaction=True)
def test_karin_votes_for_deventer_and_olst_wijhe_and_the_chair_closes(
    browser_ready,
    chromium,
    live_server,
    settings,
    tmp_path,
):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_seed", stdout=io.StringIO())
    meeting, poll = _assembly()
    base = live_server.url
    shots = Path(os.environ.get("E2E_SCREENSHOTS") or tmp_path)  # to look at the pages
    shots.mkdir(parents=True, exist_ok=True)

    browser = chromium  # the session's one browser (tests/e2e/conftest.py)
    karin = _login(browser, base, "secretaris.raalte", 390)  # on her phone
    assert "Stemming open" in karin.inner_text("main")
    karin.goto(f"{base}/stemmen/vergadering/{meeting.pk}/")
    assert karin.locator("form.ballot").count() == 2
    karin.click("button:has-text('Allemaal voor')")
    karin.wait_for_selector("text=Deventer: voor, vastgelegd om")
    assert "Olst-Wijhe: voor, vastgelegd om" in karin.inner_text("#ballots")
    karin.screenshot(path=str(shots / "karin-390.png"), full_page=True)

    ron = _login(browser, base, "portefeuillehouder.deventer", 1280)
    ron.goto(f"{base}/stemmen/vergadering/{meeting.pk}/")
    text = ron.inner_text("#ballots")
    assert "Deventer wordt vertegenwoordigd door Karin Cornelissen (volmacht)" in text
    assert ron.locator("form.ballot").count() == 0
    ron.screenshot(path=str(shots / "representative-1280.png"), full_page=True)

    chair = _login(browser, base, "voorzitter", 1280)
    chair.goto(f"{base}/stemmen/vergadering/{meeting.pk}/voorzitter/")
    assert "2 van " in chair.inner_text("main")  # present or represented
    chair.locator("summary", has_text="Wie er zijn").click()
    assert "Deventer: via volmacht: Karin Cornelissen" in chair.inner_text("main")
    assert chair.locator(f'[data-poll="{poll.pk}"] [data-quorum="met"]').count() == 1
    chair.screenshot(path=str(shots / "chair-1280.png"), full_page=True)
    chair.set_viewport_size({"width": 390, "height": 844})
    chair.screenshot(path=str(shots / "chair-390.png"), full_page=True)
    chair.click("text=Stemming sluiten")
    chair.wait_for_selector("text=Uitslag")
    chair.goto(f"{base}/vergaderingen/{meeting.pk}/besluiten/")
    assert "aangenomen met 2 voor, 0 tegen" in chair.inner_text("main")
    chair.goto(f"{base}/statuten/")  # the chair may not: told so
    assert "directiesecretariaat" in chair.inner_text("main")
    for context in browser.contexts:
        context.close()
    assert sorted(Ballot.objects.filter(poll=poll).values_list("member__slug", "via")) == [
        ("deventer", "proxy"),
        ("olst-wijhe", "proxy"),
    ]
