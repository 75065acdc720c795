"""Sessions end for good at log-out-everywhere, deactivation and a change of second factor."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.services import user_set_active
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def _logged_in(user) -> Client:
    client = Client()
    client.force_login(user, backend="accounts.backends.PortalModelBackend")
    return client


def _is_logged_in(client) -> bool:
    return client.get(reverse("account-security")).status_code == 200


def test_a_reactivated_accounts_old_session_is_refused():
    user = UserFactory()
    old = _logged_in(user)
    assert _is_logged_in(old)
    user_set_active(user=user, active=False)
    assert not _is_logged_in(old)
    user_set_active(user=user, active=True)
    assert not _is_logged_in(old)  # what broke: the old session worked again
    assert _is_logged_in(_logged_in(user))


def test_deactivating_in_the_admin_ends_the_sessions_for_good(rf, secretariat):
    from types import SimpleNamespace

    from django.contrib import admin

    from accounts.admin import UserAdmin
    from accounts.models import User

    user = UserFactory()
    old = _logged_in(user)
    request = rf.post("/")
    request.user = secretariat
    user.is_active = False
    form = SimpleNamespace(changed_data=["is_active"])
    UserAdmin(User, admin.site).save_model(request, user, form, change=True)
    user.is_active = True
    UserAdmin(User, admin.site).save_model(
        request, user, SimpleNamespace(changed_data=["is_active"]), change=True
    )
    assert not _is_logged_in(old)


def test_log_out_everywhere_ends_every_session():
    user = UserFactory()
    laptop, phone = _logged_in(user), _logged_in(user)
    response = laptop.post(reverse("logout-everywhere"))
    assert response.status_code == 302
    assert not _is_logged_in(laptop)
    assert not _is_logged_in(phone)
    user.refresh_from_db()
    assert _is_logged_in(_logged_in(user))


def test_a_password_change_ends_the_other_sessions():
    user = UserFactory()
    other, this = _logged_in(user), _logged_in(user)
    user.set_password("een-heel-nieuw-wachtwoord")
    user.save()
    assert not _is_logged_in(other)
    assert not _is_logged_in(this)


def test_the_log_in_rotates_the_session(client):
    user = UserFactory()
    user.set_password("Dimpact-demo-2020")
    user.save()
    client.get(reverse("login"))
    before = client.session.session_key
    client.post(reverse("login"), {"username": user.username, "password": "Dimpact-demo-2020"})
    assert client.session.session_key != before
