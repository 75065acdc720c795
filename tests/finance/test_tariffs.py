"""Contributions from inhabitants and services, with the volume discount (staffelkorting)."""

import pytest

from finance import selectors
from finance.tariffs import contribution, discount_percent
from tests.finance.factories import DiscountTierFactory, ServiceTariffFactory, TariffYearFactory
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db

TIERS = [(3, 5), (4, 10)]


def test_the_highest_tier_reached_applies():
    assert [discount_percent(TIERS, n) for n in range(6)] == [0, 0, 0, 5, 10, 10]


def test_a_contribution_with_the_volume_discount():
    c = contribution(
        member="Gemeente Zwolle",
        inhabitants=129_840,
        prices=[("e-suite", "e-Suite", 185), ("bzm", "BZM", 60), ("wim", "WIM", 40)],
        surcharge_cents=45,
        tiers=TIERS,
    )
    # services: 2,85 x 129.840 = 370.044,00; 5% off = 18.502,20; surcharge 0,45 x 129.840 = 58.428
    assert c.services_cents == 37_004_400
    assert (c.discount_percent, c.discount_cents) == (5, 1_850_220)
    assert c.surcharge_cents == 5_842_800
    assert c.total_euros == 409_970


def test_two_services_get_no_discount():
    c = contribution(
        member="x",
        inhabitants=10_000,
        prices=[("a", "A", 100), ("b", "B", 50)],
        surcharge_cents=45,
        tiers=TIERS,
    )
    assert (c.discount_cents, c.total_euros) == (0, 19_500)


def test_without_inhabitants_no_contribution_is_computed():
    assert (
        contribution(
            member="x", inhabitants=None, prices=[], surcharge_cents=45, tiers=TIERS
        ).total_euros
        is None
    )


def test_contributions_from_the_register(db):
    from django.apps import apps

    Service = apps.get_model("members", "Service")
    services = [Service.objects.create(code=c, name=c.upper()) for c in ("aa", "bb", "cc")]
    tariff = TariffYearFactory(year=2021, surcharge_cents=50)
    for service in services:
        ServiceTariffFactory(tariff_year=tariff, service=service, price_cents=100)
    DiscountTierFactory(tariff_year=tariff, min_services=3, percent=10)
    member = MemberFactory(name="Gemeente Q", inhabitants=1_000)
    member.services.set(services)
    MemberFactory(name="Gemeente R", inhabitants=2_000)
    _tariff, rows = selectors.contributions(2021)
    by_name = {m.name: c for m, c in rows}
    assert by_name["Gemeente Q"].total_euros == 3_000 - 300 + 500
    assert by_name["Gemeente R"].total_euros == 1_000  # the surcharge only


def test_the_controller_enters_the_tariffs(db, controller, secretariat):
    from django.apps import apps
    from django.core.exceptions import ValidationError

    from finance import services

    apps.get_model("members", "Service").objects.create(code="wim", name="WIM")
    tariff = services.tariff_year_save(
        year=2022, user=controller, surcharge_cents=40, prices={"wim": 35}, tiers=[(3, 5)]
    )
    assert tariff.prices.get().price_cents == 35 and tariff.tiers.get().percent == 5
    with pytest.raises(ValidationError) as excinfo:
        services.tariff_year_save(
            year=2022, user=controller, surcharge_cents=40, prices={"nope": 1}, tiers=[]
        )
    assert excinfo.value.code == "tariff-unknown-service"
    with pytest.raises(ValidationError) as excinfo:
        services.tariff_year_save(
            year=2022, user=controller, surcharge_cents=40, prices={}, tiers=[(2, 150)]
        )
    assert excinfo.value.code == "tariff-tier-percent"
    with pytest.raises(Exception) as excinfo:
        services.tariff_year_save(
            year=2022, user=secretariat, surcharge_cents=40, prices={}, tiers=[]
        )
    assert excinfo.value.code == "finance-controller-only"
