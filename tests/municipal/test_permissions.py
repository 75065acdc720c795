"""Who sees a member's dossier: its own secretary and the secretariat; nobody else."""

import pytest
from django.urls import reverse

from tests.accounts.factories import UserFactory

PAGES = ("municipal:dossier", "municipal:decision", "municipal:note-docx", "municipal:publication")


@pytest.mark.parametrize("name", PAGES)
def test_the_members_secretary_and_the_secretariat_see_the_dossier(
    alv, member_a, secretary_a, secretariat, client_for, name
):
    url = reverse(name, args=[alv.pk, member_a.slug])
    assert client_for(secretary_a).get(url).status_code == 200
    assert client_for(secretariat).get(url).status_code == 200


@pytest.mark.parametrize("name", PAGES)
def test_others_are_refused(
    alv, member_a, secretary_b, representative_a, board_member, client_for, name
):
    url = reverse(name, args=[alv.pk, member_a.slug])
    for user in (secretary_b, representative_a, board_member):
        assert client_for(user).get(url).status_code == 403


def test_the_secretariats_overview_lists_every_members_decision(
    alv, member_a, secretariat, secretary_a, client_for
):
    url = reverse("municipal:overview", args=[alv.pk])
    assert client_for(secretary_a).get(url).status_code == 403
    response = client_for(secretariat).get(url)
    assert response.status_code == 200
    assert member_a.name in response.content.decode()


def test_the_meeting_panel_offers_the_pack_to_readers_and_the_note_to_the_secretary(
    alv, member_a, secretary_a, representative_a, client_for
):
    url = reverse("municipal:meeting-panel", args=[alv.pk])
    secretary = client_for(secretary_a).get(url).content.decode()
    assert reverse("municipal:pack", args=[alv.pk]) in secretary
    assert reverse("municipal:dossier", args=[alv.pk, member_a.slug]) in secretary
    representative = client_for(representative_a).get(url).content.decode()
    assert reverse("municipal:pack", args=[alv.pk]) in representative
    assert reverse("municipal:dossier", args=[alv.pk, member_a.slug]) not in representative
    assert client_for(UserFactory(username="nobody")).get(url).status_code == 403
