"""Individually verifiable: the voter's tracker on the confirmation and on the published list;
universally verifiable: the recount from the published data alone (script and command)."""

import copy
import json
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.members.factories import MemberFactory
from tests.voting.conftest import representative
from tests.voting.secret import tellers_confirm
from voting import selectors, services
from voting.recount import recount

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def counted(secret_motion, chair, tellers, teller_files):
    """A secret motion with five ballots, closed, and counted by two of its three tellers."""
    for n, choice in enumerate(["for", "against", "for", "abstain", "for"]):
        member = MemberFactory(name=f"Gemeente R{n}")
        user = representative(member, f"rep-r{n}")
        services.ballot_cast(poll=secret_motion, member_id=member.pk, user=user, choice=choice)
    services.poll_close(poll=secret_motion, user=chair)
    return tellers_confirm(secret_motion, teller_files, tellers[1:])


def test_the_recount_from_published_data_agrees(counted):
    data = json.loads(json.dumps(selectors.poll_published(counted)))  # as downloaded
    report = recount(data)
    assert report.ok, report.problems
    assert report.ballots == data["ballot_count"] == 5
    assert report.totals == {"for": 3, "against": 1, "abstain": 1}


def test_the_recount_finds_a_dropped_ballot_a_forged_total_and_a_forged_partial(counted):
    data = json.loads(json.dumps(selectors.poll_published(counted)))
    dropped = copy.deepcopy(data)
    dropped["ballots"].pop()
    assert any("product" in p or "number" in p for p in recount(dropped).problems)
    forged = copy.deepcopy(data)
    forged["totals"]["for"] = 4
    assert any("differ" in p for p in recount(forged).problems)
    partial = copy.deepcopy(data)
    teller = next(t for t in partial["tellers"] if t["partial"])
    teller["partial"][0][0] = format(int(teller["partial"][0][0], 16) * 4 % (2**2048), "x")
    assert any("proof" in p for p in recount(partial).problems)


def test_the_standalone_script_needs_only_the_published_json(counted, tmp_path):
    path = tmp_path / "poll.json"
    path.write_text(json.dumps(selectors.poll_published(counted)))
    script = subprocess.run(
        [sys.executable, "-I", str(ROOT / "scripts" / "recount.py"), str(path)],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert script.returncode == 0, script.stdout + script.stderr
    assert "for: 3" in script.stdout and "recount agrees" in script.stdout


def test_the_management_command_recounts(counted, capsys):
    call_command("poll_recount", counted.pk)
    assert "recount agrees with the published result" in capsys.readouterr().out


def test_the_voter_checks_the_tracker_of_the_confirmation(
    client_for, secret_motion, chair, rep_a, member_a, tellers, teller_files, member_b
):
    client = client_for(rep_a)
    answer = client.post(
        reverse("voting:ballot", args=[secret_motion.pk]),
        {"member": member_a.pk, "choice": "for", "token": str(uuid.uuid4())},
        headers={"HX-Request": "true"},
    )
    tracker = re.search(r"[A-Z2-7]{4}(?:-[A-Z2-7]{4}){3}", answer.text).group(0)
    page = reverse("voting:tracker-check", args=[secret_motion.pk])
    assert client.get(page).context["closed"] is False  # the list comes with the close
    services.poll_close(poll=secret_motion, user=chair)
    found = client.get(page, {"tracker": tracker.lower().replace("-", "")})
    assert found.context["found"] is True
    assert client.get(page, {"tracker": "AAAA-BBBB-CCCC-DDDD"}).context["found"] is False
    published = client.get(reverse("voting:poll-published", args=[secret_motion.pk]))
    data = json.loads(published.content)
    assert [b["tracker"] for b in data["ballots"]] == [tracker]
    assert member_a.name not in published.text and "member" not in published.text


def test_only_a_teller_of_the_poll_opens_the_teller_page(client_for, secret_motion, rep_a, chair):
    page = reverse("voting:poll-teller", args=[secret_motion.pk])
    assert client_for(rep_a).get(page).status_code == 403
    assert client_for(chair).get(page).status_code == 200


def test_a_teller_confirms_with_the_key_file_on_the_teller_page(
    client_for, secret_motion, chair, secretary_a, secretary_b, teller_files
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    services.poll_close(poll=secret_motion, user=chair)
    page = reverse("voting:poll-teller", args=[secret_motion.pk])
    client = client_for(secretary_a)
    waiting = client.get(page)
    assert waiting.context["waiting"].still_needed == 2
    key = SimpleUploadedFile("key.json", teller_files[secretary_a.pk].encode())
    assert client.post(page, {"key_file": key}).status_code == 302
    live = client.get(reverse("voting:live", args=[secret_motion.pk]))
    assert live.context["waiting"].still_needed == 1
    other = client_for(secretary_b)
    other.post(page, {"key_text": teller_files[secretary_b.pk]})
    secret_motion.refresh_from_db()
    assert secret_motion.outcome and selectors.result_available(secret_motion)


def test_a_teller_key_is_downloaded_once_and_only_its_public_half_kept(client_for, secretary_a):
    client = client_for(secretary_a)
    download = client.post(reverse("voting:teller-key"))
    data = json.loads(download.content)
    assert download["Content-Disposition"].startswith("attachment")
    secretary_a.refresh_from_db()
    assert secretary_a.teller_key.public_key == data["public"]
    stored = list(type(secretary_a.teller_key).objects.values_list("public_key", flat=True))
    assert data["secret"] not in json.dumps(stored)
