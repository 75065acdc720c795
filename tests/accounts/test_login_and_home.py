"""Log-in, throttling, password reset, the home page per role and the language switch."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.accounts.factories import PASSWORD


def log_in(client, username, password):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR="10.1.2.3"
    )


def test_log_in_and_out(secretary_a):
    client = Client()
    response = log_in(client, "secretary-a", PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.get(reverse("home")).context["user"] == secretary_a
    client.post(reverse("logout"))
    assert not client.get(reverse("home")).context["user"].is_authenticated


def test_five_failures_lock_the_account_even_with_the_right_password(secretary_a):
    client = Client()
    for _ in range(5):
        assert log_in(client, "secretary-a", "wrong").status_code in (200, 429)
    response = log_in(client, "secretary-a", PASSWORD)
    assert response.status_code == 429
    assert not client.get(reverse("home")).context["user"].is_authenticated


def test_password_reset_by_email(secretary_a):
    response = Client().post(reverse("password_reset"), {"email": secretary_a.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [secretary_a.email]
    assert "/accounts/reset/" in mail.outbox[0].body


def test_password_reset_for_unknown_address_says_the_same_and_sends_nothing(db):
    response = Client().post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_home_of_the_secretariat_lists_pending_proposals(
    client_for, secretariat, secretary_a, member_a
):
    from members import services

    services.change_proposal_submit(
        member=member_a, proposed_by=secretary_a, changes={"member": {"inhabitants": 9}}
    )
    page = client_for(secretariat).get(reverse("home")).content.decode()
    assert "Gemeente A" in page
    assert reverse("members:proposal-list") in page


def test_home_of_a_secretary_offers_to_report_a_change_for_own_member_only(
    client_for, secretary_a, member_a, member_b
):
    page = client_for(secretary_a).get(reverse("home")).content.decode()
    assert reverse("members:proposal-create", args=[member_a.slug]) in page
    assert reverse("members:proposal-create", args=[member_b.slug]) not in page


def test_public_home_shows_the_association_and_no_private_data(seeded):
    page = Client().get(reverse("home")).content.decode()
    assert "Dimpact" in page
    assert "29" in page
    assert "Karin Cornelissen" not in page


def test_dutch_by_default_english_on_request(db):
    client = Client()
    # An English-language browser still sees Dutch until its user picks English.
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Inloggen" in page
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Log in" in client.get(reverse("login")).content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/static/vendor/bootstrap/css/bootstrap.min.css",
        "/static/vendor/bootstrap/js/bootstrap.bundle.min.js",
        "/static/django_htmx/htmx-2.min.js",
    ],
)
def test_assets_are_served_locally(client, path):
    response = client.get(path)
    assert response.status_code == 200


def test_pages_load_nothing_from_other_hosts(client_for, secretariat, seeded):
    page = client_for(secretariat).get(reverse("members:member-list")).content.decode()
    assert "http://" not in page.replace("http://testserver", "")
    assert "https://" not in page
    response = client_for(secretariat).get(reverse("home"))
    assert "default-src 'self'" in response["Content-Security-Policy"]
