"""The secretariat opens a portal account for a representative (or secretary) who has none:
made without a password, with the register's address, linked to the mandate; once."""

import pytest
from django.core.exceptions import ValidationError

from dimpact_portal.rules import RuleDenied
from members import services
from tests.accounts.factories import UserFactory
from tests.members.factories import MandateFactory

pytestmark = pytest.mark.django_db


def test_the_account_is_made_without_a_password_and_linked(secretariat):
    mandate = MandateFactory(
        representative=True, name="M. Out", email="portefeuillehouder@assen.example.org"
    )
    user = services.mandate_account_open(mandate=mandate, actor=secretariat)
    mandate.refresh_from_db()
    assert mandate.user == user and user.email == "portefeuillehouder@assen.example.org"
    assert not user.has_usable_password() and user.last_name == "Out"
    assert services.mandate_account_open(mandate=mandate, actor=secretariat) == user


def test_an_existing_account_with_the_address_is_linked(secretariat):
    existing = UserFactory(email="rep@example.org")
    mandate = MandateFactory(representative=True, email="REP@example.org")
    assert services.mandate_account_open(mandate=mandate, actor=secretariat) == existing


def test_only_the_secretariat_opens_an_account(secretary_a):
    mandate = MandateFactory(representative=True, email="rep@example.org")
    with pytest.raises(RuleDenied) as refused:
        services.mandate_account_open(mandate=mandate, actor=secretary_a)
    assert refused.value.code == "mandate-account-by-secretariat"


def test_a_person_without_an_address_gets_no_account(secretariat):
    mandate = MandateFactory(representative=True, email="")
    with pytest.raises(ValidationError) as refused:
        services.mandate_account_open(mandate=mandate, actor=secretariat)
    assert refused.value.code == "mandate-account-needs-address"
