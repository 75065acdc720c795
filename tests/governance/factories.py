"""Factories for the supervisory board."""

import datetime

import factory

from governance.constants import CommissionerKind
from governance.models import Commissioner, Term


class CommissionerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commissioner

    slug = factory.Sequence(lambda n: f"commissaris-{n}")
    name = factory.Faker("name", locale="nl_NL")
    kind = CommissionerKind.UNBOUND
    portfolios = factory.LazyFunction(lambda: ["ict"])


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term

    commissioner = factory.SubFactory(CommissionerFactory)
    number = 1
    starts_on = datetime.date(2016, 6, 20)
    ends_on = factory.LazyAttribute(lambda o: o.starts_on.replace(year=o.starts_on.year + 4))
