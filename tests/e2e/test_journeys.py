"""The three journeys of issue 17 in a real browser against the portal as it runs in production
(the web server, PostgreSQL, Redis, a Celery worker; see conftest.py), with the mouse and then with
the keyboard only, at desktop and phone size. Every page they visit is checked with axe-core
(WCAG 2.0/2.1 A and AA) at both widths and at 200% text size, and photographed.

1. A municipal secretary logs in, finds the next ALV, files a proxy with voting instructions
   (after a first try with errors) and downloads the letter the worker renders.
2. The secretariat drafts an agenda with two annexes (one confidential), convenes, holds the
   meeting, records decisions (one confidential), writes the minutes, publishes the decision
   list; the public page shows it without the confidential items.
3. During an ALV the chair prepares and opens a poll; a representative and the holder of two
   proxies vote on phone-sized screens; the chair sees the turnout and closes; the decision is
   on the public decision list.
4. Journeys 1 to 3 again by keyboard only.
"""

from __future__ import annotations

import io
import itertools

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.accounts.factories import _browser_device, _in_a_thread, totp_code
from tests.documents.helpers import pdf_text
from tests.e2e.actors import Keyboard, Mouse
from tests.e2e.conftest import DESKTOP, PHONE
from tests.meetings.factories import PDF

USERS = (
    "secretaris.deventer",
    "secretaris.raalte",
    "portefeuillehouder.deventer",
    "secretariaat",
    "voorzitter",
)
RUN = itertools.count(1)


@pytest.fixture(scope="module")
def demo_portal(portal, django_db_blocker):
    """The demo association (the seed), its people's passwords hashed as the server hashes."""
    from django.conf import settings
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    from accounts.selectors import user_by_username

    with django_db_blocker.unblock():
        call_command("load_seed", stdout=io.StringIO())
        hasher = PBKDF2PasswordHasher()
        for username in USERS:
            user = user_by_username(username)
            user.password = hasher.encode(settings.DEMO_PASSWORD, hasher.salt())
            user.save(update_fields=["password"])
    return portal


@pytest.fixture(autouse=True)
def own_findings(auditor):
    """Each test answers for the pages it visited (a page checked before is not checked
    again, so its findings stay with the test that found them)."""
    auditor.found.clear()


@pytest.fixture
def db(django_db_blocker):
    """Replaces pytest-django's `db` here: the test's reads and writes go straight to the test
    database the server reads, with no transaction around the test (the server must see them).
    Its name still tells pytest-django to create the test database."""
    with django_db_blocker.unblock():
        yield


def _submit(act, css: str, text: str | None = None) -> None:
    """Press a button or link that loads a new page, and wait for that page."""
    with act.page.expect_navigation():
        act.press(css, text)


def _log_in(act, base: str, username: str, auditor) -> None:
    """The log-in page, once with a wrong password (the error summary takes the focus and the
    title says so), then right; the authenticator code where the portal asks for one."""
    from django.conf import settings

    page = act.page
    user = _in_a_thread(_browser_device, username)
    page.goto(f"{base}/accounts/login/")
    auditor.check(page, "login")
    act.fill("#id_username", username)
    act.fill("#id_password", "not-the-password")
    _submit(act, "main form button[type=submit]", "Inloggen")
    page.wait_for_selector("[data-error-summary]")
    _assert_error_page(page)
    auditor.check(page, "login-error")
    act.fill("#id_password", settings.DEMO_PASSWORD)
    _submit(act, "main form button[type=submit]", "Inloggen")
    if "/tweestaps/bevestigen/" in page.url:
        auditor.check(page, "two-factor")
        act.fill("input[name=token]", _in_a_thread(totp_code, user))
        _submit(act, "main form button[type=submit]")
    page.wait_for_url(f"{base}/")


def _assert_error_page(page, errors: int = 1) -> None:
    """After a form error: the title says so, the summary has the focus and lists them all."""
    assert page.title().split(":")[0] in {"Fout", "Error"}, page.title()
    assert page.evaluate("() => document.activeElement.hasAttribute('data-error-summary')")
    assert page.locator("[data-error-summary] li").count() >= errors


def _actor(page, keyboard: bool):
    return Keyboard(page) if keyboard else Mouse(page)


def _assert_focus_shown(*actors) -> None:
    unseen = [where for act in actors if act.keyboard for where in act.unseen_focus]
    assert not unseen, f"the focus did not show on: {unseen}"


# 1. A municipal secretary files a proxy and downloads the letter.


def _next_alv_without_deventer_proxy():
    """The demo's next ALV, with Deventer's proxy (the demo's, or an earlier run's) revoked by
    the secretariat, so that the secretary files it again (proxies are kept, not deleted)."""
    from accounts.selectors import user_by_username
    from meetings.models import Meeting
    from proxies.models import Proxy
    from proxies.services import proxy_revoke

    meeting = Meeting.objects.get(title="Algemene Ledenvergadering (demo)")
    secretariat = user_by_username("secretariaat")
    for proxy in Proxy.objects.filter(meeting=meeting, member__slug="deventer", status="active"):
        proxy_revoke(proxy=proxy, user=secretariat, reason="De route van de test begint opnieuw.")
    return meeting


def journey_proxy(new_page, portal, auditor, tmp_path, *, keyboard: bool, viewport):
    from proxies.models import Proxy

    meeting = _next_alv_without_deventer_proxy()
    items = [item.pk for item in meeting.items.filter(purpose="decision").order_by("position")]
    page = new_page(viewport, phone=viewport == PHONE)
    act = _actor(page, keyboard)
    _log_in(act, portal.base, "secretaris.deventer", auditor)
    auditor.check(page, "home-secretary")
    _submit(act, "main a", "Algemene Ledenvergadering (demo)")  # "Meetings coming up"
    page.wait_for_selector("text=Volmacht verlenen")  # the panel the page loads with htmx
    auditor.check(page, "meeting-secretary")
    _submit(act, "main a", "Volmacht verlenen")
    page.wait_for_selector("select[name=known_holder]")
    auditor.check(page, "proxy-form")
    act.fill("input[name=signatory_name]", "")  # the form may come filled in (municipal)
    act.fill("input[name=signatory_function]", "")
    _submit(act, "main form button[type=submit]", "Volmacht indienen")
    page.wait_for_selector("[data-error-summary]")
    _assert_error_page(page, errors=2)
    auditor.check(page, "proxy-form-errors")

    act.select("select[name=known_holder]", _holder_value(page, "Karin Cornelissen"))
    act.fill("input[name=signatory_name]", "Ron König")
    act.fill("input[name=signatory_function]", "Burgemeester")
    act.date("input[name=signed_on]", timezone.localdate())
    act.fill("input[name=decision_reference]", "nota 2020-001138")
    act.date("input[name=decision_date]", timezone.localdate())
    for pk in items:
        act.radio(f"item_{pk}", "for")
    _submit(act, "main form button[type=submit]", "Volmacht indienen")
    page.wait_for_selector("text=Volmachtbrief (PDF)")
    auditor.check(page, "proxy-detail")
    _submit(act, "main :is(a, button)", "Volmachtbrief (PDF)")
    page.wait_for_selector("text=PDF downloaden", timeout=90_000)  # rendered by the worker
    auditor.check(page, "letter")
    with page.expect_download() as download:
        act.press("main a", "PDF downloaden")
    path = tmp_path / f"volmacht-{next(RUN)}.pdf"
    download.value.save_as(path)
    _assert_focus_shown(act)

    text = " ".join(pdf_text(path.read_bytes()).split())
    assert "Karin Cornelissen" in text
    assert "namens de gemeente Deventer" in text
    proxy = Proxy.objects.get(meeting=meeting, member__slug="deventer", status="active")
    assert set(proxy.instructions.values_list("position", flat=True)) == {"for"}
    assert proxy.instructions.count() == len(items)


def _holder_value(page, name: str) -> str:
    return page.evaluate(
        """name => [...document.querySelectorAll('select[name=known_holder] option')]
             .find(o => o.textContent.includes(name)).value""",
        name,
    )


def test_a_secretary_files_a_proxy_and_downloads_the_letter(
    demo_portal, new_page, auditor, tmp_path, db
):
    journey_proxy(new_page, demo_portal, auditor, tmp_path, keyboard=False, viewport=DESKTOP)
    auditor.assert_clean()


# 2. The secretariat drafts, convenes, minutes and publishes.


def journey_secretariat(new_page, portal, auditor, tmp_path, *, keyboard: bool, viewport):
    from meetings.models import Meeting

    run = next(RUN)
    title = f"Algemene Ledenvergadering (route {run})"
    annex = tmp_path / "bijlage.pdf"
    annex.write_bytes(PDF)
    page = new_page(viewport, phone=viewport == PHONE)
    act = _actor(page, keyboard)
    _log_in(act, portal.base, "secretariaat", auditor)
    auditor.check(page, "home-secretariat")
    _submit(act, "main a", "Alle vergaderingen")
    auditor.check(page, "meeting-list")
    _submit(act, "main a", "Nieuwe vergadering")
    page.wait_for_selector("#id_title")
    auditor.check(page, "meeting-form")
    _submit(act, "main form button[type=submit]", "Opslaan")
    page.wait_for_selector("[data-error-summary]")
    _assert_error_page(page, errors=2)
    auditor.check(page, "meeting-form-errors")
    act.select("#id_kind", "alv")
    act.fill("#id_title", title)
    act.date("#id_date", timezone.localdate())
    act.select("#id_format", "physical")
    act.fill("#id_location", "Stadhuis Deventer")
    _submit(act, "main form button[type=submit]", "Opslaan")
    page.wait_for_selector("text=Agendapunt toevoegen")
    made = list(Meeting.objects.filter(title=title).values_list("pk", "kind", "date", "status"))
    assert len(made) == 1, made  # one meeting, not one per press
    meeting = Meeting.objects.get(title=title)
    auditor.check(page, "meeting-draft")

    _submit(act, "main a", "Agendapunt toevoegen")
    page.wait_for_selector("#id_title")
    auditor.check(page, "item-form")
    act.fill("#id_title", "Jaarrekening 2025")
    act.select("#id_purpose", "decision")
    act.fill("#id_proposal", "De ALV stelt de jaarrekening 2025 vast.")
    _submit(act, "main form button[type=submit]", "Opslaan")
    item = meeting.items.get(title="Jaarrekening 2025")
    for code, name, confidential in (("4a", "Jaarrekening", False), ("4b", "Salarissen", True)):
        page.goto(f"{portal.base}/vergaderingen/{meeting.pk}/")
        _submit(act, "main a", f"Bijlage: {item.position}. {item.title}")
        page.wait_for_selector("#id_code")
        auditor.check(page, "annex-form")
        act.fill("#id_code", code)
        act.fill("#id_title", name)
        if confidential:
            act.check("#id_confidential")
        act.upload("#id_upload", annex)
        _submit(act, "main form button[type=submit]", "Opslaan")
        page.wait_for_selector(f"text=Bijlage {code}")
    auditor.check(page, "meeting-with-annexes", again=True)

    _submit(act, "main form button", "Agenda versturen (bijeenroepen)")
    page.wait_for_selector("text=Vergadering openen")
    auditor.check(page, "meeting-convened")
    _submit(act, "main form button", "Vergadering openen")
    page.wait_for_selector("text=Vergadering sluiten")

    _submit(act, "main nav a", "Besluiten")
    page.wait_for_selector("#id_text")
    auditor.check(page, "decisions")
    decisions = (
        ("De ALV stelt de jaarrekening 2025 vast.", False),
        ("De ALV stemt in met de salarissen van de directie.", True),
    )
    for text, confidential in decisions:
        act.fill("#id_text", text)
        act.select("#id_agenda_item", str(item.pk))
        if confidential:
            act.check("#id_confidential")
        _submit(act, "main form button[type=submit]", "Toevoegen")
        page.wait_for_selector(f"text={text}")
    auditor.check(page, "decisions-recorded", again=True)
    _submit(act, "main form button", "Vergadering sluiten")
    page.wait_for_selector("text=Besluiten publiceren")

    _submit(act, "main nav a", "Notulen")
    page.wait_for_selector(f"#entry-{item.pk}")
    auditor.check(page, "minutes")
    act.fill(f"#entry-{item.pk}", "De voorzitter licht de jaarrekening toe. Geen vragen.")
    _submit(act, "main form button[type=submit]", "Notulen opslaan")
    _submit(act, "main nav a", "Agenda")
    _submit(act, "main form button", "Besluiten publiceren")
    assert page.locator("text=Besluiten publiceren").count() == 0
    auditor.check(page, "meeting-published")
    _assert_focus_shown(act)

    visitor = new_page(viewport, phone=viewport == PHONE)
    public = _actor(visitor, keyboard)
    visitor.goto(f"{portal.base}/openbaar/")
    auditor.check(visitor, "public-index")
    _submit(public, "main a", title)
    visitor.wait_for_selector("text=De ALV stelt de jaarrekening 2025 vast.")
    auditor.check(visitor, "public-meeting")
    shown = visitor.inner_text("main")
    assert "salarissen" not in shown.lower()  # the confidential decision and annex
    assert "Bijlage 4a: Jaarrekening" in shown
    assert timezone.localdate().strftime("%d-%m-%Y") in shown  # the one short date format
    _assert_focus_shown(public)


def test_the_secretariat_convenes_minutes_and_publishes(
    demo_portal, new_page, auditor, tmp_path, db
):
    journey_secretariat(new_page, demo_portal, auditor, tmp_path, keyboard=False, viewport=DESKTOP)
    auditor.assert_clean()


# 3. The chair runs a poll; two voters on phones; the decision is published.


def _assembly_in_session(question_prefix: str):
    """An ALV of today, in session, with an item for decision; Karin Cornelissen (Raalte's
    secretary) holds the proxies of Olst-Wijhe and Kampen, Deventer's representative attends."""
    from accounts.selectors import user_by_username
    from meetings import services as meeting_services
    from meetings.constants import ItemPurpose, MeetingFormat
    from members.selectors import member_by_slug
    from proxies.services import Holder, proxy_file
    from tests.meetings.factories import AgendaItemFactory, MeetingFactory

    karin, chair = user_by_username("secretaris.raalte"), user_by_username("voorzitter")
    meeting = MeetingFactory(
        title=f"Algemene Ledenvergadering ({question_prefix})",
        convened=True,
        format=MeetingFormat.HYBRID,
        date=timezone.localdate(),
    )
    item = AgendaItemFactory(
        meeting=meeting,
        position=4,
        title="Strategie 2026-2030",
        purpose=ItemPurpose.DECISION,
        proposal="De ALV stemt in met de strategie 2026-2030.",
    )
    for slug in ("olst-wijhe", "kampen"):
        proxy_file(
            meeting=meeting,
            member=member_by_slug(slug),
            filed_by=user_by_username("secretariaat"),
            holder=Holder(name="Karin Cornelissen", email=karin.email),
            signatory_name="Burgemeester",
            signatory_function="Burgemeester",
            signed_on=timezone.localdate(),
        )
    meeting_services.meeting_open(meeting=meeting, user=chair)
    return meeting, item


def journey_poll(new_page, portal, auditor, *, keyboard: bool):
    from accounts.selectors import user_by_username
    from meetings import services as meeting_services
    from voting.models import Ballot, Poll

    run = next(RUN)
    meeting, item = _assembly_in_session(f"stemming {run}")
    question = f"Instemmen met de strategie 2026-2030 (ronde {run})"
    chair_page = new_page(DESKTOP)
    chair = _actor(chair_page, keyboard)
    _log_in(chair, portal.base, "voorzitter", auditor)
    chair_page.goto(f"{portal.base}/vergaderingen/{meeting.pk}/")
    auditor.check(chair_page, "meeting-in-session")
    _submit(chair, "main a", "Voorzitterspagina")
    chair_page.wait_for_selector("#id_question")
    auditor.check(chair_page, "chair")
    chair.select("#id_agenda_item", str(item.pk))
    chair.fill("#id_question", question)
    _submit(chair, "main form button[type=submit]", "Voorbereiden")
    _submit(chair, "main form button", "Stemming openen")
    chair_page.wait_for_selector('[data-turnout="0"]')
    auditor.check(chair_page, "chair-poll-open")
    poll = Poll.objects.get(question=question)

    ron_page = new_page(PHONE, phone=True)
    ron = _actor(ron_page, keyboard)
    _log_in(ron, portal.base, "portefeuillehouder.deventer", auditor)
    ron_page.goto(f"{portal.base}/vergaderingen/{meeting.pk}/")
    _submit(ron, "main a", "Stemmen")
    ron_page.wait_for_selector("form.ballot")
    auditor.check(ron_page, "vote")
    ron.press("form.ballot button[name=choice][value=for]", "Voor")
    ron_page.wait_for_selector("text=Deventer: voor, vastgelegd om")
    # The confirmation takes the focus (a screen reader reads it).
    ron_page.wait_for_function("() => document.activeElement.hasAttribute('data-focus')")
    auditor.check(ron_page, "vote-recorded")

    karin_page = new_page(PHONE, phone=True)
    karin = _actor(karin_page, keyboard)
    _log_in(karin, portal.base, "secretaris.raalte", auditor)
    karin_page.goto(f"{portal.base}/stemmen/vergadering/{meeting.pk}/")
    assert karin_page.locator("form.ballot").count() == 2
    auditor.check(karin_page, "vote-two-proxies")
    karin.press("button[name=choice][value=for]", "Allemaal voor")
    karin_page.wait_for_selector("text=Olst-Wijhe: voor, vastgelegd om")
    assert "Kampen: voor, vastgelegd om" in karin_page.inner_text("#ballots")
    karin_page.wait_for_function("() => document.activeElement.hasAttribute('data-focus')")
    auditor.check(karin_page, "vote-all-recorded")

    chair_page.wait_for_selector('[data-turnout="3"]', timeout=5_000)
    # The turnout is said in the live region outside the refreshed box.
    chair_page.wait_for_function(
        f"""() => document.querySelector('[data-live-for="live-{poll.pk}"]')
                 .textContent.includes('3')""",
        timeout=5_000,
    )
    auditor.check(chair_page, "chair-turnout", again=True)
    _submit(chair, "main form button", "Stemming sluiten")
    chair_page.wait_for_selector("text=Uitslag")
    auditor.check(chair_page, "chair-closed")
    # The voter is told the poll closed (a live region outside the refreshed area).
    ron_page.wait_for_function(
        "q => document.getElementById('poll-news').textContent.includes(q)", arg=question
    )
    assert "aangenomen: aangenomen" not in chair_page.inner_text("main").lower()
    _assert_focus_shown(chair, ron, karin)

    meeting_services.meeting_close(meeting=meeting, user=user_by_username("voorzitter"))
    meeting_services.meeting_publish(meeting=meeting, user=user_by_username("secretariaat"))
    visitor = new_page(PHONE, phone=True)
    visitor.goto(f"{portal.base}/openbaar/vergaderingen/{meeting.pk}/")
    auditor.check(visitor, "public-meeting-poll")
    assert f"{question}: aangenomen met 3 voor, 0 tegen" in visitor.inner_text("main")
    assert sorted(Ballot.objects.filter(poll=poll).values_list("member__slug", "via")) == [
        ("deventer", "representative"),
        ("kampen", "proxy"),
        ("olst-wijhe", "proxy"),
    ]


def test_the_chair_runs_a_poll_two_voters_on_phones(demo_portal, new_page, auditor, db):
    journey_poll(new_page, demo_portal, auditor, keyboard=False)
    auditor.assert_clean()


# 4. The same three by keyboard only (at phone size where a person would carry a phone).


def test_the_three_journeys_by_keyboard_only(demo_portal, new_page, auditor, tmp_path, db):
    journey_proxy(new_page, demo_portal, auditor, tmp_path, keyboard=True, viewport=PHONE)
    journey_secretariat(new_page, demo_portal, auditor, tmp_path, keyboard=True, viewport=DESKTOP)
    journey_poll(new_page, demo_portal, auditor, keyboard=True)
    auditor.assert_clean()
