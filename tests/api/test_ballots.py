"""Casting a ballot through the API and through the page: the same service
(`voting.services.ballot_cast`), so the same refusals with the same codes."""

import json

import pytest
from django.urls import reverse

from statutes.selectors import association_current
from voting import services


@pytest.fixture
def spy(monkeypatch):
    """Every call of `voting.services.ballot_cast` (the page's and the API's) and its refusal."""
    calls = []
    real = services.ballot_cast

    def recording(**kwargs):
        try:
            ballot = real(**kwargs)
        except Exception as error:
            calls.append(getattr(error, "code", None) or error.error_list[0].code)
            raise
        calls.append("cast")
        return ballot

    monkeypatch.setattr(services, "ballot_cast", recording)
    return calls


def _page(client, poll, member, choice):
    return client.post(
        reverse("voting:ballot", args=[poll.pk]), {"member": member.pk, "choice": choice}
    )


def _api(client, poll, member, choice):
    body = {"poll": poll.pk, "member": member.slug, "choice": choice}
    return client.post("/api/v1/ballots", json.dumps(body), content_type="application/json")


def _both(spy, page_client, api_client, poll, member, choice):
    _page(page_client, poll, member, choice)
    page_code = spy[-1]
    response = _api(api_client, poll, member, choice)
    assert spy[-1] == page_code
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == page_code
    return page_code, response.status_code


def test_a_ballot_through_the_api_is_the_members_one_ballot(
    spy, motion, rep_a, member_a, token_client, client_for
):
    response = _api(token_client(rep_a), motion, member_a, "for")
    assert response.status_code == 201, response.content
    assert response.json()["member"] == member_a.slug
    code, status = _both(spy, client_for(rep_a), token_client(rep_a), motion, member_a, "against")
    assert (code, status) == ("ballot-one-per-member", 422)


def test_a_closed_poll_is_refused_alike(
    spy, motion, chair, rep_a, member_a, token_client, client_for
):
    services.poll_close(poll=motion, user=chair)
    code, status = _both(spy, client_for(rep_a), token_client(rep_a), motion, member_a, "for")
    assert (code, status) == ("ballot-poll-closed", 422)


def test_a_vote_against_the_instruction_is_refused_alike(
    spy, motion, item, member_b, give_proxy, holder, token_client, client_for
):
    give_proxy(member_b, instructions={item.pk: "for"})
    code, _ = _both(spy, client_for(holder), token_client(holder), motion, member_b, "against")
    assert code.startswith("ballot-") and "instruction" in code


def test_someone_else_is_refused_alike(spy, motion, rep_b, member_a, token_client, client_for):
    code, status = _both(spy, client_for(rep_b), token_client(rep_b), motion, member_a, "for")
    assert (code, status) == ("ballot-not-entitled", 403)


def test_the_second_factor_is_required_and_a_token_never_carries_it(
    spy, motion, rep_a, member_a, token_client, client_for
):
    association = association_current()
    association.voting_requires_two_factor = True
    association.save()
    # The page sends an unconfirmed log-in to the second factor before the service is asked.
    page = _page(client_for(rep_a), motion, member_a, "for")
    assert page.status_code in (302, 403)
    response = _api(token_client(rep_a), motion, member_a, "for")
    assert spy == ["ballot-two-factor-required"]
    assert response.status_code == 403
    assert response.json()["code"] == "ballot-two-factor-required"
