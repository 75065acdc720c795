"""Personas shared by every test: who is asking, and who must be refused."""

import io
import os
import tempfile

import pytest
from django.core.management import call_command
from django.test import Client

from accounts.constants import Role
from members.constants import MandateKind
from tests.accounts.factories import UserFactory, log_in_as
from tests.members.factories import MandateFactory, MemberFactory
from tests.seed_memo import seed_memoized

# Before the settings are read (pytest-django reads them after the first conftest): MEDIA_ROOT
# of this run, and of the workers and servers its tests start, is a temporary folder.
os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="portal-test-media-")


def pytest_configure(config):
    # The workers and servers a test starts run on the portal's own settings (tests/settings.py
    # gave them their REDIS_URL already); not so in xdist's controller, whose test processes
    # must read tests/settings.py.
    if hasattr(config, "workerinput") or not config.getoption("numprocesses", default=None):
        os.environ["DJANGO_SETTINGS_MODULE"] = "dimpact_portal.settings"


def pytest_collection_modifyitems(config, items):
    # Under xdist (make test), the tests that start a worker, the web server or beat run one after
    # another in one process: side by side they would slow each other past their deadlines.
    if not config.pluginmanager.hasplugin("xdist"):
        return
    for item in items:
        if item.get_closest_marker("worker"):
            item.add_marker(pytest.mark.xdist_group("processes"))


@pytest.fixture(autouse=True)
def media_outside_the_checkout(settings, tmp_path):
    # Uploads and rendered PDFs of a test go to its own folder, never to the checkout's media/
    # (processes a test starts get MEDIA_ROOT from the environment, set above).
    settings.MEDIA_ROOT = tmp_path / "media"


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
        # The key holders' log-ins are confirmed with a second factor, as they must be.
        return log_in_as(Client(), user)

    return make


@pytest.fixture
def seeded(db):
    # A real run for the first test, a copy of its rows for the others (tests/seed_memo.py).
    seed_memoized("load_seed", lambda: call_command("load_seed", stdout=io.StringIO()))


@pytest.fixture
def proxy_holder(db):
    """Holds proxies (in the walk: of three members); represents no member itself."""
    return UserFactory(
        username="proxy-holder",
        email="proxy-holder@example.org",
        first_name="Karin",
        last_name="Cornelissen",
    )
