"""The demo data: the 2019 accounts (2018 comparatives) exactly as in the seed, on the agenda of
the ALV of 17 June 2020, the budget 2021, the example tariffs; loading twice changes nothing."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command

from dimpact_portal.seeding import SeedReport
from finance import selectors
from finance.models import AnnualAccounts, AssemblyProposal, Budget, TariffYear
from finance.seed import finance_seed_load
from tests.finance.factories import accounts_2019_data, seed_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(seeded):
    if not any(path == "finance.seed.finance_seed_load" for _f, path in settings.SEED_LOADERS):
        finance_seed_load(seed_file(), SeedReport())
    return AnnualAccounts.objects.get(year=2019)


def test_the_seed_holds_the_accounts_exactly(loaded):
    data = selectors.accounts_data(loaded)
    # Signed by all on the day they were drawn up, as the re-enactment of 17 June 2020 records
    # before the vote; otherwise exactly the seed's.
    assert {signature.pop("signed_on") for signature in data["signatures"]} == {"2020-06-17"}
    assert data == accounts_2019_data()
    assert loaded.auditor_firm == "SMK Audit B.V." and str(loaded.auditor_date) == "2020-04-08"
    assert loaded.opinion_kind == "unqualified"


def test_the_accounts_are_on_the_agenda_of_the_assembly_of_17_june_2020(loaded):
    # Put to that assembly by the seed, adopted by its re-enactment (the demo's last loader).
    assert loaded.status == "adopted" and str(loaded.adopted_on) == "2020-06-17"
    assert str(loaded.agenda_item.meeting.date) == "2020-06-17" and loaded.agenda_item.position == 4
    kinds = set(AssemblyProposal.objects.filter(accounts=loaded).values_list("kind", flat=True))
    assert kinds == {"adopt-accounts", "discharge-board", "discharge-supervisory"}


def test_the_budget_2021_was_approved_on_10_march_2020(loaded):
    budget = Budget.objects.get(year=2021)
    assert budget.status == "approved" and budget.approval_decision.number == 2
    assert str(budget.approved_on) == "2020-03-10"


def test_the_tariffs_are_labelled_examples(loaded):
    tariff = TariffYear.objects.get(year=2021)
    assert tariff.example and "VOORBEELD" in tariff.note
    assert tariff.prices.count() == 5 and tariff.tiers.count() == 2


def test_loading_again_changes_nothing(loaded):
    report = SeedReport()
    finance_seed_load(seed_file(), report)
    assert not report.changed_anything, (report.created, report.updated)
    call_command("load_seed", stdout=io.StringIO())
    assert AnnualAccounts.objects.count() == 1
