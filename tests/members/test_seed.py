"""The demo association loaded from the seed: the register as the documents have it."""

import datetime
import io

import pytest
from django.core.management import call_command

from accounts.models import User
from members import selectors
from members.constants import MandateKind
from members.models import Mandate, Member, Service
from statutes.models import Association
from statutes.selectors import association_current

END_2019 = datetime.date(2019, 12, 31)


def representative(name: str, on=END_2019) -> str:
    member = Member.objects.get(name=name)
    return member.mandates.current(on).get(kind=MandateKind.REPRESENTATIVE).display_name


def test_register_of_31_december_2019_has_the_27_members_of_the_seed(seeded):
    register = selectors.member_register(on=END_2019)
    assert register.count() == 27
    assert "Horst aan de Maas" not in {m.name for m in register}


def test_representatives_are_spelled_as_in_the_register(seeded):
    assert representative("Deventer") == "de heer R. König"
    assert representative("Zwolle") == "de heer M. van Willigen"
    assert representative("Hellevoetsluis") == "mevrouw M. den Brok-Swakhoven"
    assert representative("Brielle") == "de heer R. van der Kooi"


def test_members_that_joined_in_2020_are_on_the_register_of_the_march_assembly(seeded):
    names = {m.name for m in selectors.member_register(on=datetime.date(2020, 3, 10))}
    assert {"Horst aan de Maas", "Venray"} <= names
    assert len(names) == 29


def test_secretaries_named_in_the_seed(seeded):
    secretary = Mandate.objects.get(member__name="Raalte", kind=MandateKind.SECRETARY)
    assert secretary.name == "Karin Cornelissen"
    assert secretary.user.username == "secretaris.raalte"
    assert Mandate.objects.get(member__name="Velsen", kind=MandateKind.SECRETARY).name == (
        "Koen Radstake"
    )


def test_region_size_class_and_inhabitants(seeded):
    deventer = Member.objects.get(name="Deventer")
    assert (deventer.region, deventer.size_class) == ("east", "100k_plus")
    assert deventer.inhabitants == 100913
    assert Member.objects.get(name="Landerd").inhabitants is None


def test_association_settings_are_dimpacts(seeded):
    association = association_current()
    assert association.short_name == "Dimpact"
    assert association.max_proxies_per_holder == 3
    assert association.member_vote_weight == 1


def test_one_demo_account_per_role(seeded):
    assert set(
        User.objects.filter(groups__name="secretariat").values_list("username", flat=True)
    ) == {"secretariaat"}
    assert User.objects.get(username="secretaris.deventer").mandates.get().member.name == (
        "Deventer"
    )
    assert User.objects.get(username="portefeuillehouder.deventer").mandates.get().kind == (
        MandateKind.REPRESENTATIVE
    )


def test_second_load_changes_nothing(seeded):
    models = [
        Member,
        Mandate,
        Service,
        Association,
        User,
        Member.history.model,
        Mandate.history.model,
    ]
    before = {m: m.objects.count() for m in models}
    out = io.StringIO()
    call_command("load_seed", stdout=out)
    assert {m: m.objects.count() for m in models} == before
    assert "nothing to change" in out.getvalue()


@pytest.mark.django_db
def test_no_demo_accounts_exist_without_load_seed():
    assert not User.objects.filter(username="secretariaat").exists()
