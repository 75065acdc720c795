"""The supervisory board's and the finance records through the API, for the same roles as the
pages."""

import pytest


@pytest.mark.parametrize("resource", ["commissioners", "terms"])
def test_the_board_records_are_the_boards(client_for, board_member, secretary_a, resource):
    assert client_for(board_member).get(f"/api/v1/{resource}").status_code == 200
    refused = client_for(secretary_a).get(f"/api/v1/{resource}")
    assert refused.status_code == 403
    assert refused.json()["code"] == "governance-board-only"


def test_the_roster_is_also_the_members(client_for, secretary_a, controller):
    assert client_for(secretary_a).get("/api/v1/roster-entries?on=2019-12-31").status_code == 200
    assert client_for(controller).get("/api/v1/roster-entries").json()["code"] == (
        "governance-roster-members-only"
    )
    bad = client_for(secretary_a).get("/api/v1/roster-entries?on=31-12-2019")
    assert bad.status_code == 400 and bad.json()["invalid_params"][0]["name"] == "on"


def test_tariffs_are_for_the_readers(client_for, controller, secretary_a):
    assert client_for(controller).get("/api/v1/tariff-years").status_code == 200
    refused = client_for(secretary_a).get("/api/v1/tariff-years")
    assert refused.json()["code"] == "finance-readers-only"


def test_accounts_of_an_unknown_year_are_a_404(client_for, controller):
    response = client_for(controller).get("/api/v1/annual-accounts/1999")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
