"""Factories for the member register."""

import factory
from django.utils.text import slugify

from members.constants import MandateKind, Region, SizeClass
from members.models import Mandate, Member


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Gemeente {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    region = Region.EAST
    size_class = SizeClass.SMALL


class MandateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mandate

    member = factory.SubFactory(MemberFactory)
    kind = MandateKind.SECRETARY
    name = factory.Faker("name", locale="nl_NL")
    starts_on = None

    class Params:
        representative = factory.Trait(kind=MandateKind.REPRESENTATIVE)
