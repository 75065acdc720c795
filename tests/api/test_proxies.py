"""Proxies through the API: a member's secretary files, reads, changes and revokes its own
member's, through `proxies.services`; another member's it can neither read nor write."""

import datetime
import json

import pytest

from proxies.models import Proxy


def _body(meeting, member, **extra):
    item = meeting.items.filter(purpose="decision").first()
    return {
        "meeting": meeting.pk,
        "member": member.slug,
        "holder": {"name": "Karin Cornelissen", "email": "karin@example.org"},
        "signatory_name": "A. Burgemeester",
        "signed_on": datetime.date.today().isoformat(),
        "instructions": [{"agenda_item": item.pk, "position": "for"}],
        **extra,
    }


def _post(client, path, body):
    return client.post(path, json.dumps(body), content_type="application/json")


@pytest.fixture
def filed(token_client, secretary_a, member_a, meeting, item):
    api = token_client(secretary_a)
    response = _post(api, "/api/v1/proxies", _body(meeting, member_a))
    assert response.status_code == 201, response.content
    return api, response.json()


def test_a_secretary_files_its_members_proxy_with_instructions(filed, member_a, item):
    api, proxy = filed
    assert proxy["member"] == member_a.slug
    assert proxy["instructions"] == [{"agenda_item": item.pk, "position": "for"}]
    assert api.get(f"/api/v1/proxies/{proxy['id']}").status_code == 200
    assert [p["id"] for p in api.get("/api/v1/proxies").json()["results"]] == [proxy["id"]]


def test_a_secretary_changes_and_revokes_its_members_proxy(filed, item):
    api, proxy = filed
    changed = api.patch(
        f"/api/v1/proxies/{proxy['id']}",
        json.dumps({"instructions": [{"agenda_item": item.pk, "position": "against"}]}),
        content_type="application/json",
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["instructions"][0]["position"] == "against"
    revoked = _post(api, f"/api/v1/proxies/{proxy['id']}/revocation", {})
    assert revoked.json()["status"] == "revoked"
    again = _post(api, f"/api/v1/proxies/{proxy['id']}/revocation", {})
    assert again.status_code == 422
    assert again["Content-Type"] == "application/problem+json"
    assert again.json()["code"] == "proxy-revoked"


def test_another_members_secretary_can_neither_read_nor_write_it(
    filed, token_client, secretary_b, member_a, meeting
):
    _, proxy = filed
    other = token_client(secretary_b)
    assert other.get("/api/v1/proxies").json()["count"] == 0
    read = other.get(f"/api/v1/proxies/{proxy['id']}")
    assert read.status_code == 403 and read.json()["code"] == "proxy-not-visible"
    change = other.patch(
        f"/api/v1/proxies/{proxy['id']}", json.dumps({"signatory_name": "X"}),
        content_type="application/json",
    )  # fmt: skip
    assert change.status_code == 403
    revoke = _post(other, f"/api/v1/proxies/{proxy['id']}/revocation", {})
    assert revoke.status_code == 403
    file = _post(other, "/api/v1/proxies", _body(meeting, member_a))
    assert file.status_code == 403 and file.json()["code"] == "proxy-own-secretary-only"
    assert Proxy.objects.get(pk=proxy["id"]).status == "active"


def test_a_service_refusal_is_a_422_with_its_code(filed, member_a, meeting):
    api, _ = filed
    twice = _post(api, "/api/v1/proxies", _body(meeting, member_a))
    assert twice.status_code == 422
    body = twice.json()
    assert body["code"] == "proxy-one-per-member"
    assert body["invalid_params"][0]["code"] == "proxy-one-per-member"


def test_invalid_input_is_a_400_naming_the_fields(
    token_client, secretary_a, member_a, meeting, item
):
    body = _body(meeting, member_a, holder={"name": "K"}, signed_on="gisteren")
    response = _post(token_client(secretary_a), "/api/v1/proxies", body)
    assert response.status_code == 400
    names = {p["name"] for p in response.json()["invalid_params"]}
    assert {"holder.email", "signed_on"} <= names
