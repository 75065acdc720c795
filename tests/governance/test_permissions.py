"""Who sees the board's pages: the board, the secretariat and the chair; the members' people
see the public roster only; the others are refused."""

import pytest
from django.urls import reverse

BOARD_PAGES = [
    ("governance:board", []),
    ("governance:attendance", [2019]),
    ("governance:wnt", [2019]),
    ("governance:evaluation", [2019]),
    ("governance:commissioner", ["carolien-besselink"]),
]


@pytest.mark.parametrize("persona", ["secretariat", "chair", "board_member"])
def test_the_board_secretariat_and_chair_see_every_page(
    persona, request, client_for, governance_seeded
):
    client = client_for(request.getfixturevalue(persona))
    for name, args in [*BOARD_PAGES, ("governance:roster", [])]:
        assert client.get(reverse(name, args=args)).status_code == 200, name


@pytest.mark.parametrize("persona", ["secretary_a", "representative_a"])
def test_members_people_see_the_roster_only(persona, request, client_for, governance_seeded):
    client = client_for(request.getfixturevalue(persona))
    response = client.get(reverse("governance:roster") + "?on=2020-01-15")
    assert response.status_code == 200
    assert "Carolien Besselink" in response.content.decode()
    for name, args in BOARD_PAGES:
        assert client.get(reverse(name, args=args)).status_code == 403, name


def test_the_controller_is_refused(controller, client_for, governance_seeded):
    client = client_for(controller)
    assert client.get(reverse("governance:roster")).status_code == 403
    assert client.get(reverse("governance:board")).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, governance_seeded):
    response = client.get(reverse("governance:roster"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_roster_pdf_goes_through_the_document_service(
    secretary_a, client_for, governance_seeded
):
    client = client_for(secretary_a)
    response = client.post(reverse("governance:roster-pdf") + "?on=2020-01-15")
    assert response.status_code == 302 and "/documenten/" in response["Location"]
    assert client.get(response["Location"]).status_code == 200  # a member's secretary reads it
