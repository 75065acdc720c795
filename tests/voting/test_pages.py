"""The voter's page, the chair's page, the live view and the status the pages poll."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from voting import services

pytestmark = pytest.mark.django_db


def test_the_voter_sees_one_ballot_per_member_it_votes_for(
    client_for, motion, rep_a, member_a, member_b, give_proxy
):
    give_proxy(member_b, to=rep_a)
    page = client_for(rep_a).get(reverse("voting:vote", args=[motion.meeting_id]))
    assert page.status_code == 200
    assert page.text.count('name="member"') == 2
    assert "als vertegenwoordiger" in page.text and "via volmacht" in page.text
    assert "Allemaal voor" in page.text


def test_voting_through_the_page(client_for, motion, rep_a, member_a):
    client = client_for(rep_a)
    response = client.post(
        reverse("voting:ballot", args=[motion.pk]),
        {"member": member_a.pk, "choice": "for", "token": "3f2b9c1e-0000-4000-8000-000000000001"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "Gemeente A: voor, vastgelegd om" in response.text


def test_the_status_the_pages_poll_needs_no_database(client, motion):
    url = reverse("voting:status", args=[motion.meeting_id])
    # The first answer after a change reads the database once (the cache may be away: issue
    # 12); every page polling after it is answered from the cache alone.
    first = client.get(url, {"v": "-1"})
    assert first.status_code == 200 and first["HX-Trigger"] == "voting-changed"
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url, {"v": "-1"})
    assert again.status_code == 200 and again["HX-Trigger"] == "voting-changed"
    assert len(queries) == 0
    from voting.selectors import voting_version

    assert client.get(url, {"v": voting_version(motion.meeting_id)}).status_code == 204


def test_the_chair_sees_turnout_and_a_named_tally_live(client_for, chair, motion, rep_a, member_a):
    services.ballot_cast(poll=motion, member_id=member_a.pk, user=rep_a, choice="for")
    live = client_for(chair).get(reverse("voting:live", args=[motion.pk]))
    assert 'data-turnout="1"' in live.text
    assert "Voor 1" in live.text


def test_a_secret_tally_stays_hidden_until_the_close_and_the_tellers(
    client_for, chair, secret_motion, rep_a, member_a, tellers, teller_files
):
    from tests.voting.secret import tellers_confirm

    services.ballot_cast(poll=secret_motion, member_id=member_a.pk, user=rep_a, choice="for")
    live = client_for(chair).get(reverse("voting:live", args=[secret_motion.pk]))
    assert 'data-turnout="1"' in live.text and "Voor 1" not in live.text
    services.poll_close(poll=secret_motion, user=chair)
    live = client_for(chair).get(reverse("voting:live", args=[secret_motion.pk]))
    assert "Voor 1" not in live.text and live.context["waiting"].still_needed == 2
    tellers_confirm(secret_motion, teller_files, tellers[:2])
    live = client_for(chair).get(reverse("voting:live", args=[secret_motion.pk]))
    assert "Voor 1" in live.text


def test_the_chairs_page_is_for_the_chair_and_the_secretariat(
    client_for, chair, secretariat, secretary_a, in_session
):
    url = reverse("voting:chair", args=[in_session.pk])
    assert client_for(secretary_a).get(url).status_code == 403
    assert client_for(chair).get(url).status_code == 200
    page = client_for(secretariat).get(url)
    assert "Aanwezig of vertegenwoordigd" in page.text


def test_result_exports(client_for, chair, motion, rep_a, member_a):
    services.ballot_cast(poll=motion, member_id=member_a.pk, user=rep_a, choice="for")
    services.poll_close(poll=motion, user=chair)
    csv = (
        client_for(chair)
        .get(reverse("voting:poll-csv", args=[motion.pk]))
        .content.decode("utf-8-sig")
    )
    # Labels in the interface's language, not stored values ("representative", "for").
    assert "Gemeente A;ja;ja;Portefeuillehouder;" in csv and csv.count(";Voor") == 1
    response = client_for(chair).post(reverse("voting:poll-pdf", args=[motion.pk]))
    assert response.status_code == 302 and response["Location"].startswith("/documenten/")


def test_two_factors_when_the_association_requires_them(client_for, motion, rep_a, member_a):
    from statutes.selectors import association_current

    association = association_current()
    association.voting_requires_two_factor = True
    association.save()
    client_for(rep_a).post(
        reverse("voting:ballot", args=[motion.pk]), {"member": member_a.pk, "choice": "for"}
    )
    assert motion.ballots.count() == 0


def test_a_log_in_confirmed_with_an_authenticator_app_votes(client_for, motion, rep_a, member_a):
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from statutes.selectors import association_current

    association = association_current()
    association.voting_requires_two_factor = True
    association.save()
    client = client_for(rep_a)
    ballot_url = reverse("voting:ballot", args=[motion.pk])
    page = client.post(
        ballot_url, {"member": member_a.pk, "choice": "for"}, headers={"HX-Request": "true"}
    )
    assert (
        "authenticator" in page.text.lower() or "tweede" in page.text.lower() or "app" in page.text
    )
    assert motion.ballots.count() == 0

    assert client.get(reverse("two-factor-setup")).status_code == 200
    device = TOTPDevice.objects.get(user=rep_a)
    token = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
    confirmed = client.post(reverse("two-factor-setup"), {"token": f"{token:06d}"})
    assert confirmed.status_code == 302

    client.post(
        ballot_url, {"member": member_a.pk, "choice": "for"}, headers={"HX-Request": "true"}
    )
    assert motion.ballots.count() == 1


def test_the_chair_sees_who_is_there_and_the_polls_history(
    client_for, chair, motion, rep_a, member_a, member_b, give_proxy
):
    give_proxy(member_b)
    services.ballot_cast(poll=motion, member_id=member_a.pk, user=rep_a, choice="for")
    page = client_for(chair).get(reverse("voting:chair", args=[motion.meeting_id]))
    assert "Gemeente B: via volmacht: Karin Cornelissen" in page.text or "Gemeente B:" in page.text
    services.poll_close(poll=motion, user=chair)
    detail = client_for(chair).get(reverse("voting:poll-detail", args=[motion.pk]))
    history = detail.text.split("Historie")[-1]
    assert history.count("<li>") >= 3  # prepared, opened, closed


def test_online_meetings_only_where_the_statutes_allow(secretariat):
    import datetime

    from django.core.exceptions import ValidationError

    from meetings import services as meeting_services
    from statutes.selectors import association_current

    association = association_current()
    association.remote_meetings_allowed = False
    association.save()
    with pytest.raises(ValidationError, match=r"fysiek|in person|persoon"):
        meeting_services.meeting_create(
            created_by=secretariat,
            kind="alv",
            title="ALV",
            date=datetime.date.today(),
            format="digital",
        )


def test_all_for_through_the_page(client_for, motion, member_a, member_b, give_proxy, holder):
    # Regression: the page passed `two_factor_verified` to `ballots_cast_all`, which crashed.
    give_proxy(member_a)
    give_proxy(member_b)
    response = client_for(holder).post(
        reverse("voting:ballot", args=[motion.pk]),
        {"all": "1", "choice": "for", "token": "3f2b9c1e-0000-4000-8000-000000000002"},
    )
    assert response.status_code == 302
    assert motion.ballots.count() == 2


def test_the_tally_is_shown_as_the_selector_says(motion):
    from voting import selectors
    from voting.models import Poll

    assert selectors.tally_visible(motion) and selectors.tally_shown(motion)["for"] == 0
    secret_open = Poll(secret=True, status="open")
    assert not selectors.tally_visible(secret_open) and selectors.tally_shown(secret_open) is None
    assert selectors.tally_visible(Poll(secret=True, status="closed"))
