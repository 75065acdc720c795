"""The voter's page with the rules combined: instructions on the buttons, the same vote for
all, the confirmation, a repeated submission, a database hiccup, and the home page."""

import uuid

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

from proxies.constants import Position
from voting import services
from voting.models import Ballot

pytestmark = pytest.mark.django_db

HX = {"HX-Request": "true"}


def test_the_instructed_choice_is_preselected_and_the_others_not_allowed(
    client_for, motion, item, member_a, give_proxy, holder
):
    give_proxy(member_a, instructions={item.pk: Position.FOR})
    page = client_for(holder).get(reverse("voting:vote", args=[motion.meeting_id]))
    assert 'name="choice" value="for" type="submit" aria-pressed="true"' in page.text
    assert 'name="choice" value="against"' not in page.text  # shown, but not a button to press
    assert page.text.count("niet toegestaan door de volmacht") == 2
    # The server refuses all the same.
    response = client_for(holder).post(
        reverse("voting:ballot", args=[motion.pk]),
        {"member": member_a.pk, "choice": "against", "token": str(uuid.uuid4())},
    )
    assert response.status_code == 302 and not Ballot.objects.exists()


def test_instructions_bind_every_poll_on_the_item(
    in_session, item, chair, member_a, give_proxy, holder
):
    give_proxy(member_a, instructions={item.pk: Position.AGAINST})
    for question in ("Eerste stemming", "Herstemming"):
        poll = services.poll_open(
            poll=services.poll_create(
                meeting=in_session, user=chair, question=question, agenda_item=item
            ),
            user=chair,
        )
        with pytest.raises(Exception) as excinfo:
            services.ballot_cast(poll=poll, member_id=member_a.pk, user=holder, choice="for")
        assert excinfo.value.code == "ballot-against-instruction"
        services.ballot_cast(poll=poll, member_id=member_a.pk, user=holder, choice="against")
        services.poll_close(poll=poll, user=chair)


def test_the_same_vote_for_all_lists_what_was_recorded_for_whom(
    client_for, motion, item, member_a, member_b, member_c, give_proxy, holder
):
    give_proxy(member_a, instructions={item.pk: Position.FOR})
    give_proxy(member_b, instructions={item.pk: Position.AGAINST})
    give_proxy(member_c)
    response = client_for(holder).post(
        reverse("voting:ballot", args=[motion.pk]),
        {"all": "1", "choice": "for", "token": str(uuid.uuid4())},
        headers=HX,
    )
    assert response.status_code == 200
    assert "Gemeente A: voor, vastgelegd om" in response.text
    assert "Gemeente C: voor, vastgelegd om" in response.text
    assert "De volmacht van Gemeente B" in response.text  # skipped, and named
    assert sorted(Ballot.objects.values_list("member__name", flat=True)) == [
        "Gemeente A",
        "Gemeente C",
    ]


def test_the_confirmation_names_the_choice_and_a_repeat_says_already_recorded(
    client_for, motion, rep_a, member_a
):
    client = client_for(rep_a)
    data = {"member": member_a.pk, "choice": "against", "token": str(uuid.uuid4())}
    first = client.post(reverse("voting:ballot", args=[motion.pk]), data, headers=HX)
    assert "Gemeente A: tegen, vastgelegd om" in first.text and "data-focus" in first.text
    again = client.post(reverse("voting:ballot", args=[motion.pk]), data, headers=HX)
    assert "Gemeente A: al vastgelegd: tegen" in again.text
    assert Ballot.objects.count() == 1


def test_a_database_hiccup_is_answered_for_the_page_to_retry_and_recorded_once(
    client_for, motion, rep_a, member_a
):
    client = client_for(rep_a)
    data = {"member": member_a.pk, "choice": "for", "token": str(uuid.uuid4())}
    failed = []

    def hiccup(execute, sql, params, many, context):
        if "voting_ballot" in sql and sql.lstrip().upper().startswith("INSERT") and not failed:
            failed.append(sql)
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(hiccup):
        first = client.post(reverse("voting:ballot", args=[motion.pk]), data, headers=HX)
    assert failed and first.status_code == 503
    assert "opnieuw verstuurd" in first.text and "Server Error" not in first.text
    assert not Ballot.objects.exists()
    retry = client.post(reverse("voting:ballot", args=[motion.pk]), data, headers=HX)
    assert retry.status_code == 200 and "voor, vastgelegd om" in retry.text
    assert Ballot.objects.count() == 1


def test_the_home_page_says_a_poll_is_open_to_who_votes(client_for, motion, rep_a, secretary_b):
    assert "Stemming open" in client_for(rep_a).get("/").text
    assert "Stemming open" not in client_for(secretary_b).get("/").text


def test_the_chair_is_told_before_opening_that_instructions_do_not_apply(
    client_for, chair, in_session
):
    services.poll_create(meeting=in_session, user=chair, question="Ordevoorstel")
    page = client_for(chair).get(reverse("voting:chair", args=[in_session.pk]))
    assert "steminstructies van de volmachten gelden er niet voor" in page.text
    assert "Open the poll" not in page.text and "Stemming openen" in page.text


def test_the_chair_sees_the_quorum_of_each_poll_and_its_rule(client_for, chair, in_session, rep_a):
    poll = services.poll_create(
        meeting=in_session, user=chair, question="Statutenwijziging", decision_kind="statutes"
    )
    page = client_for(chair).get(reverse("voting:chair", args=[in_session.pk]))
    assert 'data-quorum="not-met"' in page.text
    assert "ten minste 2/3 van de uitgebrachte stemmen" in page.text
    services.poll_open(poll=poll, user=chair)
    page = client_for(chair).get(reverse("voting:chair", args=[in_session.pk]))
    assert "niet aangenomen, geen quorum" in page.text
