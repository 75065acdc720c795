"""Personas shared by every test: who is asking, and who must be refused."""

import io

import pytest
from django.core.management import call_command
from django.test import Client

from accounts.constants import Role
from members.constants import MandateKind
from tests.accounts.factories import UserFactory
from tests.members.factories import MandateFactory, MemberFactory


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The production hasher is slow on purpose; tests hash many passwords.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def member_a(db):
    return MemberFactory(name="Gemeente A")


@pytest.fixture
def member_b(db):
    return MemberFactory(name="Gemeente B")


def _secretary(member, username):
    user = UserFactory(username=username)
    MandateFactory(member=member, kind=MandateKind.SECRETARY, name=user.get_full_name(), user=user)
    return user


@pytest.fixture
def secretary_a(member_a):
    return _secretary(member_a, "secretary-a")


@pytest.fixture
def secretary_b(member_b):
    return _secretary(member_b, "secretary-b")


@pytest.fixture
def representative_a(member_a):
    user = UserFactory(username="representative-a")
    MandateFactory(
        member=member_a, kind=MandateKind.REPRESENTATIVE, name=user.get_full_name(), user=user
    )
    return user


@pytest.fixture
def secretariat(db):
    return UserFactory(username="secretariat", roles=[Role.SECRETARIAT])


@pytest.fixture
def chair(db):
    return UserFactory(username="chair", roles=[Role.CHAIR])


@pytest.fixture
def board_member(db):
    return UserFactory(username="board-member", roles=[Role.SUPERVISORY_BOARD])


@pytest.fixture
def controller(db):
    return UserFactory(username="controller", roles=[Role.CONTROLLER])


@pytest.fixture
def client_for():
    """A logged-in test client for a persona: `client_for(secretary_a)`."""

    def make(user) -> Client:
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return make


@pytest.fixture
def seeded(db):
    call_command("load_seed", stdout=io.StringIO())
