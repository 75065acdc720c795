"""Factories for meetings, with traits for the lifecycle states."""

import datetime

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from meetings.constants import MeetingFormat, MeetingKind, MeetingStatus
from meetings.models import AgendaItem, Annex, Meeting

# A one-page PDF that a PDF parser opens (uploads are parsed, not sniffed: documents/uploads.py).
PDF = (
    b"%PDF-1.3\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<\n/Producer (pypdf)\n>>\nendobj\n2 0 obj\n<<\n"
    b"/Type /Pages\n/Count 1\n/Kids [ 4 0 R ]\n>>\nendobj\n3 0 obj\n<<\n/Type /Catalog\n"
    b"/Pages 2 0 R\n>>\nendobj\n4 0 obj\n<<\n/Type /Page\n/Resources <<\n>>\n"
    b"/MediaBox [ 0.0 0.0 72 72 ]\n/Parent 2 0 R\n>>\nendobj\nxref\n0 5\n"
    b"0000000000 65535 f \n0000000015 00000 n \n0000000054 00000 n \n0000000113 00000 n \n"
    b"0000000162 00000 n \ntrailer\n<<\n/Size 5\n/Root 3 0 R\n/Info 1 0 R\n>>\nstartxref\n254\n"
    b"%%EOF\n"
)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    kind = MeetingKind.ALV
    title = "Algemene Ledenvergadering"
    date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    start_time = datetime.time(19, 0)
    end_time = datetime.time(21, 0)
    format = MeetingFormat.PHYSICAL
    location = "Park Plaza, Utrecht"
    status = MeetingStatus.DRAFT

    class Params:
        convened = factory.Trait(status=MeetingStatus.CONVENED)
        in_session = factory.Trait(status=MeetingStatus.IN_SESSION)
        closed = factory.Trait(status=MeetingStatus.CLOSED)
        published = factory.Trait(
            status=MeetingStatus.CLOSED, published_at=factory.LazyFunction(timezone.now)
        )


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Onderwerp {n}")


class AnnexFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Annex

    agenda_item = factory.SubFactory(AgendaItemFactory)
    code = factory.Sequence(lambda n: f"{n + 1}")
    title = factory.Sequence(lambda n: f"Bijlage {n}")
    file = factory.LazyFunction(lambda: ContentFile(PDF, name="bijlage.pdf"))
    confidential = False
