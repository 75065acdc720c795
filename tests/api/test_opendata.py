"""Open data: published decisions, public agenda items and documents as JSON and CSV, without
log-in; confidential items, annexes and decisions never appear, in any format or filter."""

import pytest
from django.test import Client

from tests.meetings.factories import AgendaItemFactory, AnnexFactory, MeetingFactory

SECRETS = [b"GEHEIM", b"GEHEIME-BIJLAGE", b"BIJLAGE-BIJ-GEHEIM-PUNT", b"Personele zaak"]


@pytest.fixture
def unpublished(db):
    meeting = MeetingFactory(convened=True, title="Nog niet gepubliceerd")
    item = AgendaItemFactory(meeting=meeting, title="ONGEPUBLICEERD-PUNT")
    AnnexFactory(agenda_item=item, title="ONGEPUBLICEERDE-BIJLAGE")
    return meeting


@pytest.mark.parametrize("dataset", ["decisions", "agenda-items", "documents"])
@pytest.mark.parametrize("extension", ["json", "csv"])
def test_nothing_confidential_or_unpublished_ever(published, unpublished, dataset, extension):
    for query in ["", f"?meeting={published.pk}", "?date_from=2020-01-01&date_to=2020-12-31"]:
        response = Client().get(f"/openbaar/data/{dataset}.{extension}{query}")
        assert response.status_code == 200
        for secret in [*SECRETS, b"ONGEPUBLICEERD"]:
            assert secret not in response.content, (dataset, extension, query)


def test_the_public_records_are_there(published):
    decisions = Client().get("/openbaar/data/decisions.json").json()["results"]
    assert [d["text"] for d in decisions] == ["Vastgesteld."]
    items = Client().get("/openbaar/data/agenda-items.json").json()["results"]
    assert [i["title"] for i in items] == ["Jaarrekening"]
    documents = Client().get("/openbaar/data/documents.json").json()["results"]
    assert [d["code"] for d in documents] == ["1a"]
    assert Client().get(documents[0]["download_url"]).status_code == 200


def test_csv_opens_in_a_spreadsheet(published):
    response = Client().get("/openbaar/data/decisions.csv")
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("id;meeting;")


def test_filters_on_date_and_meeting(published):
    assert Client().get("/openbaar/data/decisions.json?date_from=2020-03-11").json()["count"] == 0
    assert (
        Client().get(f"/openbaar/data/decisions.json?meeting={published.pk}").json()["count"] == 1
    )
    bad = Client().get("/openbaar/data/decisions.json?meeting=9223372036854775808")
    assert bad.status_code == 400 and bad["Content-Type"] == "application/problem+json"
    assert Client().get("/openbaar/data/decisions.json?date_to=morgen").status_code == 400


def test_the_atom_feed_stays(published):
    assert Client().get("/openbaar/besluiten.atom").status_code == 200
    assert Client().get("/openbaar/data/").json()["datasets"][0]["name"] == "decisions"
