"""Secret polls: ballots stored encrypted, the tally decrypted by k of n tellers, never a
single ballot; the result waits for the tellers and says for whom."""

import pytest

from tests.members.factories import MemberFactory
from tests.voting.conftest import representative
from tests.voting.secret import tellers_confirm
from voting import crypto, selectors, services
from voting.constants import Outcome
from voting.models import Ballot

pytestmark = pytest.mark.django_db


@pytest.fixture
def voters(db):
    members = [MemberFactory(name=f"Gemeente {letter}") for letter in "PQRST"]
    return [(member, representative(member, f"rep-{member.pk}")) for member in members]


def _vote(poll, voters, choices):
    return [
        services.ballot_cast(poll=poll, member_id=member.pk, user=user, choice=choice)
        for (member, user), choice in zip(voters, choices, strict=False)
    ]


def test_a_secret_ballot_is_stored_as_an_encryption_with_its_tracker(secret_motion, voters):
    (ballot,) = _vote(secret_motion, voters, ["for"])
    stored = Ballot.objects.get(pk=ballot.pk)
    assert stored.choice == "" and stored.candidate_id is None
    assert len(stored.ciphertext) == 3  # for, against, abstain: one ciphertext each
    assert stored.tracker == crypto.tracker(
        secret_motion.pk, [(int(a, 16), int(b, 16)) for a, b in stored.ciphertext]
    )
    assert len(stored.tracker) == 19


def test_the_result_waits_for_k_tellers_and_two_of_three_suffice(
    secret_motion, chair, voters, secretary_a, secretary_b, teller_files
):
    _vote(secret_motion, voters, ["for", "against", "for", "abstain", "for"])
    poll = services.poll_close(poll=secret_motion, user=chair)
    assert poll.status == "closed" and poll.outcome == "" and poll.decision is None
    assert not selectors.result_available(poll) and selectors.tally_shown(poll) is None
    waiting = selectors.tellers_waiting(poll)
    assert waiting.needed == 2 and waiting.still_needed == 2 and len(waiting.missing) == 3

    poll = tellers_confirm(poll, teller_files, [secretary_b])
    waiting = selectors.tellers_waiting(poll)
    assert waiting.still_needed == 1 and poll.outcome == ""
    poll = tellers_confirm(poll, teller_files, [secretary_a])  # the chair's share is not needed
    assert selectors.tellers_waiting(poll) is None
    assert poll.counts == {"for": 3, "against": 1, "abstain": 1, "candidates": {}}
    assert poll.outcome == Outcome.ADOPTED and poll.decision is not None
    assert "aangenomen met 3 voor, 1 tegen en 1 onthoudingen" in poll.result_text


def test_a_wrong_key_file_is_refused(secret_motion, chair, secretary_a, teller_files):
    from django.core.exceptions import ValidationError

    services.poll_close(poll=secret_motion, user=chair)
    with pytest.raises(ValidationError) as excinfo:
        services.poll_teller_confirm(
            poll=secret_motion, user=secretary_a, key_file=teller_files[chair.pk]
        )
    assert excinfo.value.code == "teller-key-wrong"
    with pytest.raises(ValidationError) as excinfo:
        services.poll_teller_confirm(poll=secret_motion, user=secretary_a, key_file="{}")
    assert excinfo.value.code == "teller-key-invalid"


def test_an_election_is_decrypted_per_candidate(in_session, chair, voters, tellers, teller_files):
    poll = services.poll_create(
        meeting=in_session,
        user=chair,
        question="Benoeming commissaris",
        kind="election",
        decision_kind="persons",
        candidates=["A. Kandidaat", "B. Kandidaat"],
        tellers=tellers,
    )
    services.poll_open(poll=poll, user=chair)
    a, b = list(poll.candidates.order_by("position"))
    for (member, user), candidate in zip(voters, [a, a, b, a], strict=False):
        services.ballot_cast(
            poll=poll, member_id=member.pk, user=user, choice="candidate", candidate_id=candidate.pk
        )
    services.poll_close(poll=poll, user=chair)
    poll = tellers_confirm(poll, teller_files, tellers[:2])
    assert poll.outcome == Outcome.ELECTED
    assert poll.counts["candidates"] == {"A. Kandidaat": 3, "B. Kandidaat": 1}


def test_without_javascript_a_secret_choice_goes_into_no_message_store(
    client_for, secret_motion, rep_a, member_a
):
    import uuid

    from django.urls import reverse

    from accounts.models import Session

    answer = client_for(rep_a).post(
        reverse("voting:ballot", args=[secret_motion.pk]),
        {"member": member_a.pk, "choice": "against", "token": str(uuid.uuid4())},
    )
    assert answer.status_code == 200 and "Gemeente A: tegen, vastgelegd om" in answer.text
    assert "messages" not in answer.cookies
    sessions = [str(session.get_decoded()) for session in Session.objects.all()]
    assert sessions and not any("tegen" in session for session in sessions)


def test_a_teller_is_asked_on_the_home_page_until_confirmed(
    secret_motion, chair, secretary_a, teller_files
):
    from django.urls import reverse

    from tests.voting.secret import tellers_confirm
    from voting.selectors import home_panels

    page = reverse("voting:poll-teller", args=[secret_motion.pk])

    def asked():
        return any(url == page for panel in home_panels(secretary_a) for _t, url in panel.items)

    assert not asked()  # open: nothing to confirm yet
    services.poll_close(poll=secret_motion, user=chair)
    assert asked()
    tellers_confirm(secret_motion, teller_files, [secretary_a])
    assert not asked()


def test_a_secret_poll_without_ballots_is_counted_and_recounted(
    secret_motion, chair, tellers, teller_files
):
    from tests.voting.secret import tellers_confirm
    from voting.recount import recount

    services.poll_close(poll=secret_motion, user=chair)
    poll = tellers_confirm(secret_motion, teller_files, tellers)  # all three: k suffice, n too
    assert poll.counts == {"for": 0, "against": 0, "abstain": 0, "candidates": {}}
    report = recount(selectors.poll_published(poll))
    assert report.ok and report.ballots == 0, report.problems
