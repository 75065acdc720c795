import datetime

import pytest

from finance import services
from meetings.constants import ItemPurpose, MeetingFormat
from members.constants import MandateKind
from tests.accounts.factories import UserFactory
from tests.finance.factories import accounts_2019_data
from tests.meetings.factories import AgendaItemFactory, MeetingFactory
from tests.members.factories import MandateFactory, MemberFactory


@pytest.fixture(autouse=True)
def finance_urls(settings):
    settings.ROOT_URLCONF = "tests.finance.urls"


@pytest.fixture
def accounts_2019(db):
    return services.accounts_store(data=accounts_2019_data())


@pytest.fixture
def assembly(db):
    return MeetingFactory(convened=True, format=MeetingFormat.DIGITAL, title="ALV 17 juni 2020")


@pytest.fixture
def accounts_item(assembly):
    return AgendaItemFactory(
        meeting=assembly,
        position=4,
        title="Jaarverslag Dimpact 2019",
        purpose=ItemPurpose.DECISION,
        proposal="De ALV stelt de jaarrekening 2019 vast.",
    )


@pytest.fixture
def voters(db):
    """Three members, each with a representative who votes."""
    people = []
    for name in ("Assen", "Deventer", "Zwolle"):
        member = MemberFactory(name=f"Gemeente {name}")
        user = UserFactory(username=f"rep-{name.lower()}")
        MandateFactory(
            member=member, kind=MandateKind.REPRESENTATIVE, name=user.get_full_name(), user=user
        )
        people.append((member, user))
    return people


@pytest.fixture
def signed(accounts_2019, controller):
    for signature in accounts_2019.signatures.all():
        services.signature_record(
            signature=signature, user=controller, signed_on=datetime.date(2020, 6, 17)
        )
    return accounts_2019
