import datetime

import pytest

from meetings.constants import ItemPurpose
from members.constants import MandateKind
from proxies.services import Holder
from tests.accounts.factories import UserFactory
from tests.meetings.factories import AgendaItemFactory, MeetingFactory
from tests.members.factories import MandateFactory, MemberFactory


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def meeting(db):
    meeting = MeetingFactory(convened=True)
    AgendaItemFactory(meeting=meeting, position=1, title="Opening")
    AgendaItemFactory(
        meeting=meeting,
        position=3,
        title="Jaarrekening 2019",
        purpose=ItemPurpose.DECISION,
        proposal="De ALV stelt de jaarrekening 2019 vast.",
    )
    AgendaItemFactory(
        meeting=meeting,
        position=4,
        title="Strategienota",
        purpose=ItemPurpose.DECISION,
        proposal="De ALV stemt in met de strategische richting.",
    )
    return meeting


@pytest.fixture
def member_c(db):
    return MemberFactory(name="Gemeente C")


def holder(name="Karin Cornelissen", email="k.cornelissen@raalte.example", member=None):
    return Holder(
        name=name,
        email=email,
        function="gemeentesecretaris",
        organisation="de gemeente Raalte",
        member=member,
    )


@pytest.fixture
def file_proxy(meeting):
    def file(member, user, *, who=None, meeting=meeting, **extra):
        from proxies import services

        values = {
            "meeting": meeting,
            "member": member,
            "filed_by": user,
            "holder": who or holder(),
            "signatory_name": "Ron König",
            "signatory_function": "Burgemeester",
            "signed_on": datetime.date(2020, 6, 16),
            "decision_reference": "nota 2020-001138",
            "decision_date": datetime.date(2020, 6, 16),
        }
        return services.proxy_file(**{**values, **extra})

    return file


@pytest.fixture
def representative_of_a(member_a):
    user = UserFactory(username="rep-a", email="rep-a@example.org")
    MandateFactory(
        member=member_a,
        kind=MandateKind.REPRESENTATIVE,
        name="R. Vertegenwoordiger",
        user=user,
        email="rep-a@example.org",
    )
    return user
