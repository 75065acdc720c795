"""The read-only register API."""

import pytest
from django.test import Client

from accounts.models import User


@pytest.fixture
def raalte(seeded):
    return User.objects.get(username="secretaris.raalte")


def test_register_api_on_a_date(client_for, raalte):
    response = client_for(raalte).get("/api/v1/members?on=2019-12-31")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 27
    deventer = next(m for m in body["results"] if m["name"] == "Deventer")
    assert deventer["representative"]["name"] == "R. König"


def test_register_api_refuses_a_bad_date(client_for, raalte):
    response = client_for(raalte).get("/api/v1/members?on=31-12-2019")
    assert response.status_code == 400


def test_register_api_needs_a_log_in(seeded):
    assert Client().get("/api/v1/members").status_code == 401  # a problem, with WWW-Authenticate


def test_openapi_schema_is_served(client_for, secretary_a):
    response = client_for(secretary_a).get("/api/schema/", follow=True)
    assert response.status_code == 200
    assert b"/api/v1/members" in response.content
