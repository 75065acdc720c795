"""The design rules every resource follows: problem+json, API-Version, bounded pagination,
no trailing slash, 401 without credentials, the OpenAPI document at its fixed place."""

import pytest
from django.test import Client

RESOURCES = [
    "members", "meetings", "agenda-items", "annexes", "minutes", "decisions", "action-items",
    "attendances", "proxies", "polls", "written-resolutions", "documents", "commissioners",
    "terms", "roster-entries", "annual-accounts", "tariff-years",
]  # fmt: skip


@pytest.mark.parametrize("resource", RESOURCES)
def test_every_resource_refuses_the_anonymous_with_a_problem(db, resource):
    response = Client().get(f"/api/v1/{resource}")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["API-Version"] == "1.0.0"
    assert response["WWW-Authenticate"] == "Bearer"
    body = response.json()
    assert body["status"] == 401 and body["code"] == "not-authenticated"
    assert {"type", "title", "detail"} <= set(body)


@pytest.mark.parametrize("resource", RESOURCES)
def test_the_secretariat_lists_every_resource_with_links(client_for, secretariat, resource):
    response = client_for(secretariat).get(f"/api/v1/{resource}?limit=5")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["API-Version"] == "1.0.0"
    assert set(response.json()) == {"count", "links", "results"}


@pytest.mark.parametrize(
    "query", ["limit=9223372036854775808", "limit=0", "limit=101", "limit=x", "offset=-1",
              "offset=9223372036854775808"],
)  # fmt: skip
def test_bounded_integers_out_of_range_are_a_400(client_for, secretary_a, query):
    response = client_for(secretary_a).get(f"/api/v1/meetings?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["invalid_params"][0]["name"] in {"limit", "offset"}
    assert body["invalid_params"][0]["code"] == "out-of-range"


def test_a_filter_out_of_range_is_a_400_with_the_field(client_for, secretary_a):
    response = client_for(secretary_a).get("/api/v1/agenda-items?meeting=9223372036854775808")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["invalid_params"][0]["name"] == "meeting"
    bad_date = client_for(secretary_a).get("/api/v1/meetings?date_from=gisteren")
    assert bad_date.json()["invalid_params"][0]["name"] == "date_from"


def test_an_id_too_long_for_the_database_is_a_404_not_a_500(client_for, secretary_a):
    response = client_for(secretary_a).get("/api/v1/meetings/9223372036854775808")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response["API-Version"] == "1.0.0"


def test_one_trailing_slash_rule_none(client_for, secretary_a):
    response = client_for(secretary_a).get("/api/v1/members/?on=2019-12-31")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/members?on=2019-12-31"


def test_the_openapi_document_is_public_at_its_fixed_place(db):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["API-Version"] == "1.0.0"
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert "/api/v1/proxies/{id}/revocation" in document["paths"]
    assert Client().get("/api/schema/")["Location"] == "/api/v1/openapi.json"


def test_every_operation_documents_its_problems(db):
    document = Client().get("/api/v1/openapi.json").json()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            statuses = set(operation["responses"])
            assert {"400", "401", "403", "404"} <= statuses, (method, path)
            if method in {"post", "patch"}:
                assert "422" in statuses, (method, path)
            problem = operation["responses"]["403"]["content"]
            assert "application/problem+json" in problem
