"""Who may see and change which member's records; every case with the one who is refused."""

import pytest
from django.test import Client
from django.urls import reverse

from members import services
from members.models import ChangeProposal


def test_secretary_of_b_is_refused_the_change_form_of_a(client_for, secretary_b, member_a):
    url = reverse("members:proposal-create", args=[member_a.slug])
    client = client_for(secretary_b)
    assert client.get(url).status_code == 403
    assert client.post(url, {"inhabitants": "1"}).status_code == 403
    assert ChangeProposal.objects.count() == 0


def test_secretary_of_a_gets_the_change_form_of_a(client_for, secretary_a, member_a):
    response = client_for(secretary_a).get(reverse("members:proposal-create", args=[member_a.slug]))
    assert response.status_code == 200


def test_unknown_member_is_404(client_for, secretary_a):
    response = client_for(secretary_a).get(
        reverse("members:proposal-create", args=["does-not-exist"])
    )
    assert response.status_code == 404


@pytest.mark.parametrize("persona", ["representative_a", "chair", "board_member", "controller"])
def test_other_roles_cannot_propose(request, client_for, member_a, persona):
    user = request.getfixturevalue(persona)
    url = reverse("members:proposal-create", args=[member_a.slug])
    assert client_for(user).get(url).status_code == 403


def test_anonymous_visitor_is_sent_to_log_in(member_a):
    url = reverse("members:proposal-create", args=[member_a.slug])
    response = Client().get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert Client().get(reverse("members:member-list")).status_code == 302


def test_secretary_of_b_cannot_see_or_decide_a_proposal_of_a(
    client_for, secretary_a, secretary_b, member_a, secretariat
):
    proposal = services.change_proposal_submit(
        member=member_a, proposed_by=secretary_a, changes={"member": {"inhabitants": 7}}
    )
    client = client_for(secretary_b)
    assert client.get(reverse("members:proposal-detail", args=[proposal.pk])).status_code == 403
    response = client.post(reverse("members:proposal-decide", args=[proposal.pk]), {"confirm": "1"})
    assert response.status_code == 403
    assert (
        client_for(secretary_a)
        .get(reverse("members:proposal-detail", args=[proposal.pk]))
        .status_code
        == 200
    )


def test_secretary_cannot_decide_own_proposal(client_for, secretary_a, member_a):
    proposal = services.change_proposal_submit(
        member=member_a, proposed_by=secretary_a, changes={"member": {"inhabitants": 7}}
    )
    response = client_for(secretary_a).post(
        reverse("members:proposal-decide", args=[proposal.pk]), {"confirm": "1"}
    )
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == "pending"


def test_only_the_secretariat_sees_the_queue(client_for, secretary_a, secretariat):
    url = reverse("members:proposal-list")
    assert client_for(secretary_a).get(url).status_code == 403
    assert client_for(secretariat).get(url).status_code == 200


def test_private_records_show_to_own_secretary_not_to_others(
    client_for, secretary_a, secretary_b, member_a
):
    member_a.email = "info@gemeente-a.example"
    member_a.save()
    url = reverse("members:member-detail", args=[member_a.slug])
    assert "info@gemeente-a.example" in client_for(secretary_a).get(url).content.decode()
    other = client_for(secretary_b).get(url)
    assert other.status_code == 200
    assert "info@gemeente-a.example" not in other.content.decode()


def test_audit_history_shows_to_the_secretariat_only(
    client_for, secretary_a, secretariat, member_a
):
    url = reverse("members:member-detail", args=[member_a.slug])
    assert 'id="audit-history"' in client_for(secretariat).get(url).content.decode()
    assert 'id="audit-history"' not in client_for(secretary_a).get(url).content.decode()


def test_the_refusals_name_their_rule(secretary_a, secretary_b, member_a):
    from django.core.exceptions import PermissionDenied

    from members import selectors

    with pytest.raises(PermissionDenied) as excinfo:
        selectors.member_for_change(secretary_b, member_a.slug)
    assert excinfo.value.code == "change-proposal-by-members-secretary"
    proposal = services.change_proposal_submit(
        member=member_a, proposed_by=secretary_a, changes={"member": {"inhabitants": 5}}
    )
    with pytest.raises(PermissionDenied) as excinfo:
        selectors.proposal_for_user(secretary_b, proposal.pk)
    assert excinfo.value.code == "change-proposal-of-another-member"


def test_what_each_persona_may_do_next_is_asked_of_the_selectors(
    secretary_a, secretary_b, secretariat, member_a
):
    from members import selectors

    assert selectors.member_can_propose(secretary_a, member_a)
    assert selectors.member_can_propose(secretariat, member_a)
    assert not selectors.member_can_propose(secretary_b, member_a)
    assert selectors.member_can_record_leaving(secretariat, member_a)
    assert not selectors.member_can_record_leaving(secretary_a, member_a)
    proposal = services.change_proposal_submit(
        member=member_a, proposed_by=secretary_a, changes={"member": {"inhabitants": 5}}
    )
    assert selectors.proposal_can_decide(secretariat, proposal)
    assert not selectors.proposal_can_decide(secretary_a, proposal)
    services.change_proposal_confirm(proposal=proposal, decided_by=secretariat)
    proposal.refresh_from_db()
    assert not selectors.proposal_can_decide(secretariat, proposal)
