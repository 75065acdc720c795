"""Lock-out behind a proxy keyed on the real client, a limit per address, unlock by the
secretariat, and every lock and unlock in the audit trail."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.constants import SecurityEventKind
from accounts.models import SecurityEvent
from accounts.throttling import client_ip
from tests.accounts.factories import PASSWORD

pytestmark = pytest.mark.django_db
PROXY = "10.0.0.2"


@pytest.fixture(autouse=True)
def behind_a_proxy(settings):
    settings.TRUSTED_PROXIES = [PROXY, "10.0.1.0/24"]


def log_in(client, username, password, client_address, via_proxy=True):
    meta = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": client_address}
    if not via_proxy:
        meta = {"REMOTE_ADDR": client_address}
    return client.post(reverse("login"), {"username": username, "password": password}, **meta)


def test_the_client_address_comes_from_the_proxy_header_only_behind_a_trusted_proxy(rf):
    assert client_ip(rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")) == (
        "198.51.100.7"
    )
    # A client's own header is not believed, nor an entry left of our proxy's.
    assert client_ip(rf.get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="1.2.3.4")) == (
        "198.51.100.7"
    )
    forged = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7, 10.0.1.9")
    assert client_ip(forged) == "198.51.100.7"
    assert client_ip(rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="junk")) == PROXY


def test_without_a_configured_proxy_the_header_is_ignored(rf, settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.2.3.4")) == PROXY


def test_an_attacker_behind_the_proxy_cannot_lock_the_chair_out(chair):
    for _ in range(6):
        log_in(Client(), "chair", "wrong", "203.0.113.66")
    assert log_in(Client(), "chair", PASSWORD, "203.0.113.66").status_code == 429
    # The chair's own address is not locked, although every request comes from the proxy.
    assert log_in(Client(), "chair", PASSWORD, "198.51.100.10").status_code == 302
    locked = SecurityEvent.objects.filter(kind=SecurityEventKind.LOCKED, username="chair")
    assert locked.count() == 1
    assert locked.get().ip_address == "203.0.113.66"


def test_the_locked_person_is_told_when_to_try_again(chair):
    for _ in range(5):
        log_in(Client(), "chair", "wrong", "203.0.113.66")
    response = log_in(Client(), "chair", PASSWORD, "203.0.113.66")
    assert response.status_code == 429
    until = response.context["until"]
    assert until.strftime("%H:%M") in response.text


def test_one_address_tries_a_limited_number_of_user_names(settings, secretary_a):
    settings.LOGIN_USERNAMES_PER_ADDRESS = 3
    for name in ("a", "b", "c"):
        assert log_in(Client(), name, "Welkom2020!", "203.0.113.50").status_code == 200
    # A fourth name from that address is refused before its password is checked, even right.
    assert log_in(Client(), "secretary-a", PASSWORD, "203.0.113.50").status_code == 429
    assert SecurityEvent.objects.filter(
        kind=SecurityEventKind.ADDRESS_LOCKED, ip_address="203.0.113.50"
    ).exists()
    # Another town hall is not affected.
    assert log_in(Client(), "secretary-a", PASSWORD, "198.51.100.20").status_code == 302


def test_the_secretariat_unlocks_from_the_locks_page(client_for, secretariat, chair):
    for _ in range(5):
        log_in(Client(), "chair", "wrong", "203.0.113.66")
    page = client_for(secretariat).get(reverse("account-locks"))
    assert page.status_code == 200
    assert "203.0.113.66" in page.text
    response = client_for(secretariat).post(
        reverse("account-locks"), {"ip_address": "203.0.113.66", "username": "chair"}
    )
    assert response.status_code == 302
    assert log_in(Client(), "chair", PASSWORD, "203.0.113.66").status_code == 302
    unlock = SecurityEvent.objects.get(kind=SecurityEventKind.UNLOCKED)
    assert (unlock.username, unlock.ip_address, unlock.actor) == (
        "chair",
        "203.0.113.66",
        secretariat,
    )


def test_others_cannot_see_or_use_the_locks_page(client_for, chair, secretary_a):
    for user in (chair, secretary_a):
        assert client_for(user).get(reverse("account-locks")).status_code == 403
        response = client_for(user).post(
            reverse("account-locks"), {"ip_address": "203.0.113.66", "username": "chair"}
        )
        assert response.status_code == 403
    assert Client().get(reverse("account-locks")).status_code == 302


def test_unlocking_is_for_the_secretariat_only_by_its_code(chair):
    from accounts.services import lock_release
    from dimpact_portal.rules import RuleDenied

    with pytest.raises(RuleDenied) as excinfo:
        lock_release(actor=chair, ip_address="203.0.113.66", username="chair")
    assert excinfo.value.code == "unlock-secretariat-only"


def test_a_misstated_proxy_setting_is_refused_at_start_up():
    from dimpact_portal.conf import ImproperlyConfiguredError, read_config

    with pytest.raises(ImproperlyConfiguredError):
        read_config(
            {"DEBUG": "1", "TRUSTED_PROXIES": "proxy.example.org"},
            base_dir=__import__("pathlib").Path("/tmp"),
        )
