"""Meetings and their records through the API: the pages' visibility and confidentiality."""

from django.test import Client

from tests.meetings.factories import MeetingFactory


def test_a_members_secretary_sees_the_assembly_but_not_confidential_text(
    client_for, secretary_a, published
):
    client = client_for(secretary_a)
    items = client.get(f"/api/v1/agenda-items?meeting={published.pk}").json()["results"]
    assert [i["title"] for i in items] == ["Jaarrekening", "Personele zaak"]
    # A member's secretary reads an assembly's confidential items only where the statutes say
    # so (`confidential_annexes_for_secretaries`, off by default), as on the page.
    assert items[1]["restricted"] is True
    annexes = client.get(f"/api/v1/annexes?meeting={published.pk}").json()["results"]
    assert {a["code"] for a in annexes} == {"1a"}  # 2a belongs to the confidential item
    assert annexes[0]["download_url"].endswith(
        f"/vergaderingen/{published.pk}/bijlagen/{annexes[0]['id']}/"
    )


def test_a_board_meeting_is_refused_to_a_members_secretary(client_for, secretary_a, board_member):
    board = MeetingFactory(kind="supervisory_board", convened=True)
    client = client_for(secretary_a)
    refused = client.get(f"/api/v1/meetings/{board.pk}")
    assert refused.status_code == 403
    assert refused["Content-Type"] == "application/problem+json"
    assert refused.json()["code"] == "meeting-not-visible"
    assert board.pk not in [m["id"] for m in client.get("/api/v1/meetings").json()["results"]]
    assert client_for(board_member).get(f"/api/v1/meetings/{board.pk}").status_code == 200


def test_a_draft_is_the_secretariats(client_for, secretary_a, secretariat):
    draft = MeetingFactory()
    assert client_for(secretary_a).get(f"/api/v1/meetings/{draft.pk}").status_code == 403
    assert client_for(secretariat).get(f"/api/v1/meetings/{draft.pk}").status_code == 200


def test_someone_without_a_role_or_member_sees_no_meeting(client_for, published, proxy_holder):
    client = client_for(proxy_holder)
    assert client.get("/api/v1/meetings").json()["count"] == 0
    assert client.get(f"/api/v1/decisions/{published.decisions.first().pk}").status_code == 403
    annex = published.items.first().annexes.first()
    assert client.get(f"/api/v1/annexes/{annex.pk}").status_code == 200  # public, published
    confidential = published.items.first().annexes.get(confidential=True)
    refused = client.get(f"/api/v1/annexes/{confidential.pk}")
    assert refused.json()["code"] == "annex-not-readable"


def test_decisions_filter_on_meeting_and_dates(client_for, secretariat, published):
    client = client_for(secretariat)
    assert (
        client.get("/api/v1/decisions?date_from=2020-03-10&date_to=2020-03-10").json()["count"] == 2
    )
    assert client.get("/api/v1/decisions?date_from=2020-03-11").json()["count"] == 0
    assert client.get(f"/api/v1/decisions?meeting={published.pk + 1}").json()["count"] == 0


def test_anonymous_gets_nothing_of_the_api(published):
    assert Client().get(f"/api/v1/meetings/{published.pk}").status_code == 401
