"""Closing a poll: the rule, the quorum, the frozen list, the decision; elections; secrecy."""

import pytest
from django.apps import apps
from django.db import connection

from statutes.selectors import decision_rule
from tests.members.factories import MemberFactory
from tests.voting.conftest import representative
from tests.voting.secret import tellers_confirm
from voting import selectors, services
from voting.constants import Outcome
from voting.models import Ballot

pytestmark = pytest.mark.django_db


@pytest.fixture
def voters(db):
    members = [MemberFactory(name=f"Gemeente {letter}") for letter in "PQRST"]
    return [(member, representative(member, f"rep-{member.pk}")) for member in members]


def _vote(poll, voters, choices):
    for (member, user), choice in zip(voters, choices, strict=False):
        if choice:
            services.ballot_cast(poll=poll, member_id=member.pk, user=user, choice=choice)


def test_simple_majority_of_votes_cast_adopts_and_enters_the_decision_list(motion, chair, voters):
    _vote(motion, voters, ["for", "for", "against", "abstain", None])
    poll = services.poll_close(poll=motion, user=chair)

    assert poll.outcome == Outcome.ADOPTED
    assert poll.counts == {"for": 2, "against": 1, "abstain": 1, "candidates": {}}
    assert "aangenomen met 2 voor, 1 tegen en 1 onthoudingen" in poll.result_text
    assert "gewone meerderheid" in poll.result_text
    decision = poll.decision
    assert decision.meeting == poll.meeting and decision.agenda_item == poll.agenda_item
    assert decision.text.startswith("Vaststellen jaarrekening 2019: aangenomen")
    entitled = {entry["name"]: entry for entry in poll.entitled}
    assert entitled["Gemeente P"]["choice"] == "for" and entitled["Gemeente P"]["voted"]
    assert len(entitled) == 4  # those present (here: who voted) when it closed


def test_a_tie_is_rejected(motion, chair, voters):
    _vote(motion, voters, ["for", "against"])
    assert services.poll_close(poll=motion, user=chair).outcome == Outcome.REJECTED


def test_two_thirds_for_the_statutes(in_session, item, chair, voters):
    rule = decision_rule("statutes")
    rule.quorum_percent = 0
    rule.save()
    poll = services.poll_open(
        poll=services.poll_create(
            meeting=in_session, user=chair, question="Statutenwijziging", decision_kind="statutes"
        ),
        user=chair,
    )
    _vote(poll, voters, ["for", "for", "against"])
    poll = services.poll_close(poll=poll, user=chair)
    assert poll.outcome == Outcome.ADOPTED  # 2 of 3: at least two thirds
    assert "ten minste 2/3" in poll.result_text


def test_no_quorum_no_decision_taken(in_session, item, chair, voters):
    rule = decision_rule("statutes")  # 67% of the members present or represented
    poll = services.poll_open(
        poll=services.poll_create(
            meeting=in_session, user=chair, question="Statutenwijziging", decision_kind="statutes"
        ),
        user=chair,
    )
    _vote(poll, voters, ["for"])
    poll = services.poll_close(poll=poll, user=chair)
    assert rule.quorum_percent == 67
    assert poll.outcome == Outcome.NO_QUORUM
    # Never a silent pass: the result and the decision list say it was not adopted.
    assert poll.result_text.startswith("niet aangenomen: geen quorum")
    assert "niet aangenomen: geen quorum" in poll.decision.text


def test_an_election_among_candidates(in_session, chair, voters, tellers, teller_files):
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
    assert poll.secret
    assert poll.outcome == Outcome.ELECTED
    assert poll.counts["candidates"] == {"A. Kandidaat": 3, "B. Kandidaat": 1}
    assert "A. Kandidaat gekozen met 3 van 4 stemmen" in poll.result_text


def test_a_secret_poll_links_no_member_to_a_choice(
    secret_motion, chair, voters, caplog, tellers, teller_files
):
    caplog.set_level("DEBUG")
    _vote(secret_motion, voters, ["for", "against", "for", "abstain", "for"])
    services.poll_close(poll=secret_motion, user=chair)
    poll = tellers_confirm(secret_motion, teller_files, tellers[:2])
    assert poll.counts == {"for": 3, "against": 1, "abstain": 1, "candidates": {}}

    # What is stored per member: that it voted, never how.
    assert set(Ballot.objects.filter(poll=poll).values_list("choice", flat=True)) == {""}
    assert not Ballot.objects.filter(poll=poll, candidate__isnull=False).exists()
    assert all(entry["choice"] == "" for entry in poll.entitled)
    # What is stored instead: an encryption per ballot, which only the tellers' total opens.
    assert all(
        len(c) == 3 for c in Ballot.objects.filter(poll=poll).values_list("ciphertext", flat=True)
    )
    # No table of the project holds a member (or voter) next to a choice of this poll.
    choices = {"for", "against", "abstain"}
    member_ids = {str(member.pk) for member, _user in voters}
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        with connection.cursor() as cursor:
            columns = [
                c.name for c in connection.introspection.get_table_description(cursor, table)
            ]
            refers_to_poll = "poll_id" in columns or any("poll" in c for c in columns)
            has_person = any(
                c in columns for c in ("member_id", "cast_by_id", "history_user_id", "user_id")
            )
            has_choice = any(c in columns for c in ("choice", "position", "answer"))
            if not (refers_to_poll and has_person and has_choice):
                continue
            cursor.execute(f"SELECT * FROM {table}")
            for row in cursor.fetchall():
                record = dict(zip(columns, row, strict=True))
                if str(record.get("poll_id")) != str(poll.pk):
                    continue
                person = str(record.get("member_id")) in member_ids
                assert not (person and record.get("choice") in choices), (
                    f"{table} links a member to a choice"
                )
    # Nor do the logs.
    for message in caplog.messages:
        assert not any(f"'{c}'" in message for c in choices)
    # And a closed secret poll shows the tally, not the choices.
    assert selectors.turnout(poll) == 5


def test_a_secret_ballot_cannot_hold_its_choice(secret_motion, voters):
    from django.db import IntegrityError

    member, user = voters[0]
    with pytest.raises(IntegrityError):
        Ballot.objects.create(
            poll=secret_motion,
            member=member,
            cast_by=user,
            via="representative",
            secret=True,
            choice="for",
        )


@pytest.mark.parametrize(
    ("question", "line"),
    [
        ("De ALV stelt de jaarrekening vast.", "De ALV stelt de jaarrekening vast: aangenomen"),
        ("Stemt de ALV in met de begroting?", "Stemt de ALV in met de begroting? Aangenomen"),
        ("Vaststellen jaarrekening 2019", "Vaststellen jaarrekening 2019: aangenomen"),
    ],
)  # fmt: skip
def test_the_decision_line_reads_as_one_sentence_whatever_the_question_ends_with(
    in_session, item, chair, voters, question, line
):
    # Broke: "… vast.: aangenomen …", a full stop before the colon (issue 20).
    poll = services.poll_open(
        poll=services.poll_create(
            meeting=in_session, user=chair, question=question, agenda_item=item
        ),
        user=chair,
    )
    _vote(poll, voters, ["for", "for"])
    text = services.poll_close(poll=poll, user=chair).decision.text
    assert text.startswith(line + " met 2 voor")
    assert text.lower().count("aangenomen") == 1


def test_the_chair_names_the_tellers_of_a_prepared_secret_poll_before_it_opens(
    in_session, item, chair, tellers, teller_files
):
    from django.core.exceptions import ValidationError

    poll = services.poll_create(
        meeting=in_session, user=chair, question="Herbenoeming", decision_kind="persons"
    )
    assert poll.secret and not poll.tellers.exists()  # the persons' rule: secret
    services.poll_tellers_choose(poll=poll, user=chair, tellers=tellers[1:])
    services.poll_tellers_choose(poll=poll, user=chair, tellers=tellers[:2])  # replaced
    assert list(poll.tellers.order_by("position").values_list("user", flat=True)) == [
        user.pk for user in tellers[:2]
    ]
    services.poll_open(poll=poll, user=chair)
    with pytest.raises(ValidationError) as refused:
        services.poll_tellers_choose(poll=poll, user=chair, tellers=tellers)
    assert refused.value.code == "poll-tellers-not-draft"


def test_a_discarded_teller_key_is_no_longer_offered_and_its_polls_still_count(
    secret_motion, chair, voters, tellers, teller_files
):
    _vote(secret_motion, voters, ["for", "against", "for"])
    services.poll_close(poll=secret_motion, user=chair)
    for user in tellers:
        services.teller_key_discard(user=user)
    assert not selectors.teller_candidates().exists()
    poll = tellers_confirm(secret_motion, teller_files, tellers[:2])
    assert poll.counts["for"] == 2 and poll.outcome == Outcome.ADOPTED
