"""Test data for the finance app: the seed's accounts 2019 as exchange data, and tariffs."""

from __future__ import annotations

import copy
import functools
from pathlib import Path

import factory
import yaml

from finance import exchange
from finance.models import DiscountTier, ServiceTariff, TariffYear

SEED = Path(__file__).resolve().parents[2] / "seed" / "finance.yaml"


@functools.cache
def _seed() -> dict:
    return yaml.safe_load(SEED.read_text())


def seed_file() -> dict:
    return copy.deepcopy(_seed())


def accounts_2019_data() -> dict:
    """The 2019 accounts exactly as in the seed (with its findings)."""
    return exchange._plain(seed_file()["annual_accounts"][0]["data"])


def line(data: dict, code: str) -> dict:
    return next(item for _statement, item in exchange.all_lines(data) if item["code"] == code)


def table(data: dict, code: str) -> dict:
    return next(item for item in data["notes"] if item["code"] == code)


def consistent_2019_data() -> dict:
    """The 2019 accounts with the seed's differences removed: every check agrees."""
    data = accounts_2019_data()
    table(data, "n3-cash")["rows"][-1]["values"][0] = 3207731
    table(data, "n3-cash")["rows"][0]["values"][0] = 2156842
    operating = line(data, "operating")
    operating["amount"], operating["prior"] = 1140083, 1007202
    return data


class TariffYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TariffYear

    year = 2021
    surcharge_cents = 45
    example = True


class ServiceTariffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceTariff

    tariff_year = factory.SubFactory(TariffYearFactory)
    price_cents = 100


class DiscountTierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DiscountTier

    tariff_year = factory.SubFactory(TariffYearFactory)
    min_services = 3
    percent = 5
