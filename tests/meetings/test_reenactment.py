"""The extra ALV of 17 June 2020 re-enacted from its script (seed/reenactment/alv-2020-06-17.yaml)
through the services: the decision list, what it set in motion in governance and finance, the
adopted minutes of 10 March, the public page, and that a second run changes nothing.

The demo data with the re-enactment (`load_seed`, whose last loader plays the script) is made
once for the module, inside a transaction that is rolled back at its end; each test runs in a
savepoint of its own."""

import datetime
import io
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse

from dimpact_portal.seeding import SeedReport
from documents import services as document_services
from documents.constants import DocumentKind
from governance.models import Term
from meetings.constants import MeetingStatus
from meetings.documents import meeting_document_request
from meetings.models import Meeting
from meetings.reenactment import SCRIPT, reenactment_seed_load, script_assumptions, script_read
from voting.models import Ballot, Poll

pytestmark = pytest.mark.django_db

JUNE, MARCH = datetime.date(2020, 6, 17), datetime.date(2020, 3, 10)


@dataclass
class Runs:
    first: str
    second: SeedReport
    again: str
    counts_after_first: dict


def _counts() -> dict:
    june = Meeting.objects.get(date=JUNE)
    return {
        "decisions": june.decisions.count(),
        "polls": Poll.objects.filter(meeting=june).count(),
        "ballots": Ballot.objects.filter(poll__meeting=june).count(),
        "terms": Term.objects.count(),
        "attendance": june.attendance.count(),
    }


@pytest.fixture(scope="module")
def runs(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        first = io.StringIO()
        call_command("load_seed", stdout=first)
        counts = _counts()
        # Again: the demo's loader (a second `load_seed` as a whole is
        # tests/members/test_seed.py::test_second_load_changes_nothing) and the command.
        report = SeedReport()
        reenactment_seed_load(script_read(SCRIPT), report)
        again = io.StringIO()
        call_command("reenact_assembly", stdout=again)
        yield Runs(first.getvalue(), report, again.getvalue(), counts)
        transaction.set_rollback(True)


@pytest.fixture
def june(runs):
    return Meeting.objects.get(date=JUNE)


def test_the_meeting_is_held_closed_and_its_decisions_published(june):
    assert june.status == MeetingStatus.CLOSED
    assert june.opened_at and june.closed_at and june.published_at
    assert june.current_item is None


def test_the_decision_list_has_an_entry_per_decision_in_agenda_order(june):
    rows = [(d.number, d.agenda_item.position, d.text) for d in june.decisions.order_by("number")]
    assert [(number, item) for number, item, _text in rows] == [
        (1, 3), (2, 4), (3, 4), (4, 4), (5, 5), (6, 5), (7, 5), (8, 6), (9, 7)
    ]  # fmt: skip
    texts = [text for _n, _i, text in rows]
    assert (
        texts[0]
        == "De notulen van de Algemene Ledenvergadering van 10 maart 2020 worden vastgesteld."
    )
    assert "jaarrekening 2019" in texts[1] and "€ 499.953" in texts[1]
    assert "bestuur decharge" in texts[2] and "raad van commissarissen decharge" in texts[3]
    assert "bekrachtigt de herbenoeming van Carolien Besselink" in texts[4]
    assert texts[5].startswith("Herbenoeming van Johan Boomgaardt")
    assert "aftreden van commissaris Henk ten Brinke" in texts[6]
    assert "Strategiedocument 2020-2025" in texts[7] and "Migiel Gloudemans" in texts[8]
    for number in (2, 3, 4, 5, 6, 8, 9):  # the polls: all adopted, every member present voting
        assert "aangenomen met 24 voor, 0 tegen en 0 onthoudingen" in texts[number - 1]
    assert all(d.date == JUNE for d in june.decisions.all())
    assert not any(".:" in text or "aangenomen: aangenomen" in text.lower() for text in texts)


def test_proxy_holders_and_representatives_cast_the_ballots(june):
    polls = Poll.objects.filter(meeting=june)
    assert polls.count() == 7
    ballots = Ballot.objects.filter(poll__meeting=june)
    assert ballots.count() == 7 * 24
    by_proxy = ballots.filter(via="proxy")
    assert sorted(set(by_proxy.values_list("member__slug", "cast_by__email"))) == [
        ("deventer", "secretaris.raalte@demo.example.org"),
        ("horst-aan-de-maas", "h.van.de.noordt@horst-aan-de-maas.example.org"),
        ("olst-wijhe", "secretaris.raalte@demo.example.org"),
        ("raalte", "secretaris.raalte@demo.example.org"),
    ]
    assert ballots.filter(via="representative").count() == 7 * 20
    # Named polls keep each choice; secret ones only its encryption (docs/secret-ballots.md).
    assert not ballots.filter(poll__secret=False).exclude(choice="for").exists()
    assert not ballots.filter(poll__secret=True).exclude(choice="").exists()


def test_the_votes_on_persons_are_secret_and_counted_by_the_scripts_tellers(june):
    from voting import selectors as voting_selectors
    from voting.models import TellerKey
    from voting.recount import recount

    secret = Poll.objects.filter(meeting=june, secret=True).order_by("pk")
    assert [p.agenda_item.position for p in secret] == [5, 5, 7]
    named = Poll.objects.filter(meeting=june, secret=False)
    assert set(named.values_list("decision_kind", flat=True)) == {"ordinary"}
    for poll in secret:
        assert poll.decision_kind == "persons" and poll.tellers_needed == 2
        tellers = poll.tellers.order_by("position")
        assert [t.user.username for t in tellers] == [
            "voorzitter", "secretaris.deventer", "secretaris.raalte"
        ]  # fmt: skip
        assert all(t.confirmed_at for t in tellers)
        assert poll.counts["for"] == 24 and poll.decision is not None
        assert all(b.ciphertext and b.tracker for b in Ballot.objects.filter(poll=poll))
        # Anyone can recount it from the published data.
        again = recount(voting_selectors.poll_published(poll))
        assert again.ok and again.totals["for"] == 24
    # The keys made for the play are gone: nobody is offered as a teller with a lost key file.
    assert not TellerKey.objects.exists()


def test_the_attendance_list_says_who_held_which_proxy(june):
    rows = {row.member.slug: row for row in june.attendance.exclude(member=None)}
    assert sum(row.present for row in rows.values()) == 24
    assert (rows["raalte"].person, rows["raalte"].remark) == (
        "Karin Cornelissen",
        "Volmacht Deventer en Olst-Wijhe",
    )
    assert not rows["landerd"].present and rows["assen"].person == "de heer M. Out"


def test_the_re_appointments_create_and_ratify_terms_and_ten_brinke_steps_down(june):
    decisions = {d.number: d for d in june.decisions.all()}
    besselink = Term.objects.get(commissioner__slug="carolien-besselink", number=2)
    assert besselink.resolution is not None  # the members' written consent of 2020
    assert besselink.ratified_by == decisions[5]
    boomgaardt = Term.objects.get(commissioner__slug="johan-boomgaardt", number=2)
    assert boomgaardt.decision == decisions[6] and boomgaardt.decided_on == JUNE
    assert (boomgaardt.starts_on, boomgaardt.ends_on) == (
        datetime.date(2020, 6, 21),
        datetime.date(2020, 12, 31),
    )
    ten_brinke = Term.objects.get(commissioner__slug="henk-ten-brinke", number=1)
    assert (ten_brinke.ended_on, ten_brinke.end_reason) == (JUNE, "stepped_down")


def test_the_accounts_2019_are_adopted_with_the_appropriation_and_both_discharges(june):
    from finance.models import AnnualAccounts

    accounts = AnnualAccounts.objects.get(year=2019)
    assert (accounts.status, accounts.frozen, accounts.adopted_on) == ("adopted", True, JUNE)
    assert accounts.appropriation_amount == 499953
    assert accounts.adoption_decision.number == 2
    assert not accounts.signatures.filter(signed_on=None).exists()
    decided = dict(accounts.proposals.values_list("kind", "decision__number"))
    assert decided == {"adopt-accounts": 2, "discharge-board": 3, "discharge-supervisory": 4}
    assert set(accounts.proposals.values_list("status", flat=True)) == {"adopted"}


def test_the_minutes_of_10_march_are_adopted_in_17_june(june):
    march = Meeting.objects.get(date=MARCH)
    assert march.status == MeetingStatus.MINUTES_ADOPTED
    assert march.minutes.is_adopted and march.minutes.adopted_in == june
    # June's own minutes are written, to be adopted by the next ALV (the demo's playground).
    assert not june.minutes.is_adopted
    assert "Henk ten Brinke treedt af" in june.minutes.entries.get(agenda_item__position=5).text


def test_the_public_page_shows_the_decisions(june):
    page = Client().get(reverse("public:meeting", args=[june.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Herbenoeming van Johan Boomgaardt" in html
    assert "stelt de jaarrekening 2019 vast" in html


def test_the_decision_list_pdf_is_rendered(june, runs, settings, tmp_path):
    from accounts.selectors import user_by_username

    settings.MEDIA_ROOT = tmp_path
    document = meeting_document_request(
        meeting=june, kind=DocumentKind.DECISION_LIST, user=user_by_username("secretariaat")
    )
    document_services.document_render(document_id=document.pk)
    document.refresh_from_db()
    assert document.file and document.page_count >= 1


def test_the_playground_alv_stays_open_for_visitors(runs):
    playground = Meeting.objects.get(seed_key="demo-next-alv")
    assert playground.status == MeetingStatus.CONVENED
    assert not Poll.objects.filter(meeting=playground).exists()
    assert playground.items.get(position=3).minutes_of.date == JUNE


def test_running_it_again_changes_nothing(runs):
    assert "updated 1 vergaderingen" in runs.first  # the loader played it
    assert not runs.second.changed_anything and not runs.second.warnings
    assert "al gehouden of nagespeeld; niets gewijzigd" in runs.again
    assert _counts() == runs.counts_after_first


def test_the_command_prints_what_the_script_assumes(runs):
    assumptions = list(script_assumptions(script_read(SCRIPT)))
    assert len(assumptions) >= 10
    for text in assumptions:
        assert " ".join(text.split()) in runs.again
    assert "Raalte gaf Karin Cornelissen een volmacht" in runs.again


def test_deventers_executive_decision_is_recorded_by_its_secretary(runs):
    from django.apps import apps

    if not apps.is_installed("municipal"):
        pytest.skip("the municipal app is not installed")
    from municipal.models import ExecutiveDecision

    decision = ExecutiveDecision.objects.get(
        dossier__member__slug="deventer", dossier__meeting__date=JUNE
    )
    assert (decision.note_number, decision.date) == ("2020-001138", datetime.date(2020, 6, 16))
    assert decision.holder_email == "secretaris.raalte@demo.example.org"
    assert decision.recorded_by.username == "secretaris.deventer"
