"""Factories for meetings, with traits for the lifecycle states."""

import datetime

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from meetings.constants import MeetingFormat, MeetingKind, MeetingStatus
from meetings.models import AgendaItem, Annex, Meeting

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


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
