"""Personal API tokens: made and named on the token page, shown once, stored hashed, used with
the owner's permissions, their last use recorded, refused once expired or revoked."""

import datetime

from django.test import Client
from django.utils import timezone
from knox.models import AuthToken

from dimpact_portal.api.models import ApiToken


def _make(client, name="Zaaksysteem", days="30"):
    response = client.post("/accounts/api-tokens/", {"name": name, "days": days})
    assert response.status_code == 200
    return response.context["plain"]


def test_a_user_makes_a_named_token_shown_once_and_stored_hashed(client_for, secretary_a):
    client = client_for(secretary_a)
    plain = _make(client)
    stored = AuthToken.objects.get(user=secretary_a)
    assert plain not in {stored.digest, stored.token_key}  # only a digest and a prefix
    assert stored.portal.name == "Zaaksysteem"
    assert stored.expiry - timezone.now() > datetime.timedelta(days=29)
    page = client.get("/accounts/api-tokens/")
    assert b"Zaaksysteem" in page.content and plain.encode() not in page.content


def test_a_token_is_used_with_its_owners_permissions_and_its_use_recorded(client_for, secretary_a):
    plain = _make(client_for(secretary_a))
    api = Client(HTTP_AUTHORIZATION=f"Bearer {plain}")
    assert api.get("/api/v1/meetings").status_code == 200
    assert ApiToken.objects.get(token__user=secretary_a).last_used_at is not None
    refused = api.get("/api/v1/documents")  # the secretariat's list
    assert refused.status_code == 403
    assert refused.json()["code"] == "documents-listed-to-secretariat"


def test_an_expired_token_is_refused(client_for, secretary_a):
    plain = _make(client_for(secretary_a))
    AuthToken.objects.filter(user=secretary_a).update(
        expiry=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = Client(HTTP_AUTHORIZATION=f"Bearer {plain}").get("/api/v1/meetings")
    assert response.status_code == 401
    assert response.json()["code"] == "authentication-failed"


def test_a_revoked_token_is_refused_and_only_its_owner_revokes_it(
    client_for, secretary_a, secretary_b
):
    plain = _make(client_for(secretary_a))
    digest = AuthToken.objects.get(user=secretary_a).digest
    other = client_for(secretary_b).post(f"/accounts/api-tokens/{digest}/intrekken/")
    assert other.status_code == 404
    client_for(secretary_a).post(f"/accounts/api-tokens/{digest}/intrekken/")
    assert not AuthToken.objects.filter(user=secretary_a).exists()
    response = Client(HTTP_AUTHORIZATION=f"Bearer {plain}").get("/api/v1/meetings")
    assert response.status_code == 401


def test_the_token_page_needs_a_log_in(db):
    assert Client().get("/accounts/api-tokens/").status_code == 302
