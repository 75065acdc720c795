"""The demo loader never overwrites what users changed; `--reset` restores, after saying what
it replaces (a meeting held, as the re-enacted ALV of 17 June 2020, stays held); the playground
ALV lies a few weeks ahead of the day the loader runs."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from meetings.constants import MeetingStatus
from meetings.models import Meeting
from members.models import Member
from proxies.models import Proxy

pytestmark = pytest.mark.django_db

JUNE = datetime.date(2020, 6, 17)


def load(*args, **kwargs) -> str:
    out = io.StringIO()
    call_command("load_seed", *args, stdout=out, **kwargs)
    return out.getvalue()


def _change_demo_records():
    # The playground ALV: the 17 June 2020 ALV is held (re-enacted) and stays as it was held.
    playground = Meeting.objects.get(seed_key="demo-next-alv")
    playground.status = MeetingStatus.IN_SESSION
    playground.title = "ALV (door ons verplaatst)"
    playground.save()
    deventer = Member.objects.get(name="Deventer")
    deventer.inhabitants = 101_000
    deventer.save()
    proxy = Proxy.objects.filter(meeting__date=JUNE).order_by("pk").first()
    proxy.signatory_name = "Mw. Burgemeester"
    proxy.save()
    return playground, deventer, proxy


def test_load_seed_after_users_changed_records_leaves_them_changed(seeded):
    playground, deventer, proxy = _change_demo_records()
    out = load()
    playground.refresh_from_db(), deventer.refresh_from_db(), proxy.refresh_from_db()
    assert (
        playground.status == MeetingStatus.IN_SESSION
        and playground.title == "ALV (door ons verplaatst)"
    )
    assert deventer.inhabitants == 101_000
    assert proxy.signatory_name == "Mw. Burgemeester"
    assert "kept 3 records changed in the portal" in out
    assert Meeting.objects.filter(date=JUNE).count() == 1
    assert Meeting.objects.get(date=JUNE).status == MeetingStatus.CLOSED  # held, not replayed


def test_reset_says_what_it_replaces_asks_and_restores(seeded):
    playground, deventer, proxy = _change_demo_records()
    with pytest.raises(CommandError):
        load("--reset")  # not a terminal and no --yes: nothing replaced
    playground.refresh_from_db()
    assert playground.status == MeetingStatus.IN_SESSION
    out = load("--reset", "--yes")
    assert "--reset will replace 3 records" in out and "Deventer" in out
    playground.refresh_from_db(), deventer.refresh_from_db(), proxy.refresh_from_db()
    assert playground.status == MeetingStatus.CONVENED and playground.opened_at is None
    assert Meeting.objects.get(date=JUNE).status == MeetingStatus.CLOSED  # held: not reset
    assert deventer.inhabitants == 100913
    assert proxy.signatory_name != "Mw. Burgemeester"
    assert "nothing to change" in load()


def test_the_playground_alv_lies_weeks_after_the_run_and_is_made_once(seeded):
    playground = Meeting.objects.get(seed_key="demo-next-alv")
    ahead = (playground.date - timezone.localdate()).days
    assert 28 <= ahead < 35 and playground.date.weekday() == 1
    assert playground.status == MeetingStatus.CONVENED and playground.is_demo_playground
    titles = list(playground.items.order_by("position").values_list("title", flat=True))
    assert "Implementatieplan Strategie 2020-2025" in titles
    assert any("Begroting" in t for t in titles) and any("directeur" in t for t in titles)
    assert playground.items.get(position=3).minutes_of.date == JUNE
    load()
    assert Meeting.objects.filter(seed_key="demo-next-alv").count() == 1
    assert Meeting.objects.filter(title__contains="(demo)").count() == 1


def test_every_demo_person_has_an_example_org_address(seeded):
    from members.models import Mandate

    addresses = list(Mandate.objects.values_list("email", flat=True))
    assert addresses and all(a.endswith(".example.org") for a in addresses if a)
    assert not Mandate.objects.filter(email="", user__isnull=True).exists()
