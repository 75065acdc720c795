"""A member's secretary proposes a change; the secretariat confirms or rejects it."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from members import selectors, services, tasks
from members.constants import MandateKind, ProposalStatus
from members.models import ChangeProposal
from tests.members.factories import MandateFactory

NEW_REPRESENTATIVE = {
    "representative_salutation": "mevrouw",
    "representative_name": "A. Nieuw",
    "representative_function_title": "wethouder",
    "representative_email": "a.nieuw@example.org",
    "representative_starts_on": "2020-07-01",
}


@pytest.fixture
def old_representative(member_a):
    return MandateFactory(
        member=member_a,
        kind=MandateKind.REPRESENTATIVE,
        name="B. Oud",
        starts_on=datetime.date(2018, 5, 1),
    )


def propose(client, member, data):
    return client.post(reverse("members:proposal-create", args=[member.slug]), data)


def test_secretary_proposes_a_new_representative_and_the_secretariat_is_told(
    client_for,
    secretary_a,
    member_a,
    old_representative,
    secretariat,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = propose(
            client_for(secretary_a), member_a, {**NEW_REPRESENTATIVE, "reason": "Nieuw college"}
        )
    proposal = ChangeProposal.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("members:proposal-detail", args=[proposal.pk])
    assert proposal.status == ProposalStatus.PENDING
    assert proposal.changes["representative"]["name"] == "A. Nieuw"
    assert "member" not in proposal.changes  # untouched fields are not proposed
    assert len(callbacks) == 1
    # The register is unchanged until the secretariat confirms.
    assert selectors.mandate_current(member_a, MandateKind.REPRESENTATIVE) == old_representative

    assert tasks.notify_change_proposal_submitted(proposal.pk) == 1
    assert mail.outbox[0].to == [secretariat.email]
    assert "Gemeente A" in mail.outbox[0].subject


def test_confirming_applies_the_change_and_history_keeps_both(
    client_for,
    secretary_a,
    member_a,
    old_representative,
    secretariat,
    django_capture_on_commit_callbacks,
):
    propose(client_for(secretary_a), member_a, {**NEW_REPRESENTATIVE, "inhabitants": "12345"})
    proposal = ChangeProposal.objects.get()
    with django_capture_on_commit_callbacks(execute=False):
        response = client_for(secretariat).post(
            reverse("members:proposal-decide", args=[proposal.pk]),
            {"confirm": "1", "note": "Akkoord"},
        )
    assert response.status_code == 302
    proposal.refresh_from_db()
    member_a.refresh_from_db()
    old_representative.refresh_from_db()
    assert proposal.status == ProposalStatus.CONFIRMED
    assert proposal.decided_by == secretariat
    assert member_a.inhabitants == 12345
    assert old_representative.ends_on == datetime.date(2020, 6, 30)
    new = selectors.mandate_current(member_a, MandateKind.REPRESENTATIVE)
    assert (new.name, new.starts_on) == ("A. Nieuw", datetime.date(2020, 7, 1))
    # Both sides stay: the snapshot of the replaced entry, and the dated mandates.
    assert proposal.previous["representative"]["name"] == "B. Oud"
    representatives = member_a.mandates.filter(kind=MandateKind.REPRESENTATIVE)
    assert list(representatives.values_list("name", flat=True).order_by("starts_on")) == [
        "B. Oud",
        "A. Nieuw",
    ]
    assert member_a.history.filter(inhabitants=12345, history_user=secretariat).exists()
    page = (
        client_for(secretary_a)
        .get(reverse("members:proposal-detail", args=[proposal.pk]))
        .content.decode()
    )
    # The one short date format (issue 17): two-digit day and month.
    assert "B. Oud" in page and "A. Nieuw" in page and "01-07-2020" in page

    assert tasks.notify_change_proposal_decided(proposal.pk) == 1
    assert mail.outbox[-1].to == [secretary_a.email]


def test_rejecting_needs_a_reason_and_leaves_the_register_alone(
    client_for, secretary_a, member_a, old_representative, secretariat
):
    propose(client_for(secretary_a), member_a, NEW_REPRESENTATIVE)
    proposal = ChangeProposal.objects.get()
    url = reverse("members:proposal-decide", args=[proposal.pk])
    response = client_for(secretariat).post(url, {"reject": "1", "note": ""})
    assert response.status_code == 400
    assert "Geef aan waarom" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING

    client_for(secretariat).post(url, {"reject": "1", "note": "Benoeming nog niet formeel"})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REJECTED
    assert proposal.previous["representative"]["name"] == "B. Oud"
    assert selectors.mandate_current(member_a, MandateKind.REPRESENTATIVE) == old_representative


def test_a_proposal_is_decided_once(secretary_a, member_a, secretariat):
    proposal = services.change_proposal_submit(
        member=member_a, proposed_by=secretary_a, changes={"member": {"inhabitants": 5}}
    )
    services.change_proposal_confirm(proposal=proposal, decided_by=secretariat)
    with pytest.raises(ValidationError) as excinfo:
        services.change_proposal_reject(proposal=proposal, decided_by=secretariat, note="x")
    assert excinfo.value.code == "proposal-not-pending"


def test_a_double_submit_stores_one_proposal(secretary_a, member_a):
    changes = {"member": {"inhabitants": 5}}
    first = services.change_proposal_submit(
        member=member_a, proposed_by=secretary_a, changes=changes
    )
    second = services.change_proposal_submit(
        member=member_a, proposed_by=secretary_a, changes=changes
    )
    assert first.pk == second.pk
    assert ChangeProposal.objects.count() == 1


def test_a_proposal_that_changes_nothing_is_refused(client_for, secretary_a, member_a):
    response = propose(client_for(secretary_a), member_a, {"reason": "niets"})
    assert response.status_code == 200
    assert ChangeProposal.objects.count() == 0
    assert "Er verandert niets" in response.content.decode()


def test_a_new_person_needs_a_start_date(client_for, secretary_a, member_a):
    data = {**NEW_REPRESENTATIVE, "representative_starts_on": ""}
    response = propose(client_for(secretary_a), member_a, data)
    assert response.status_code == 200
    assert ChangeProposal.objects.count() == 0


def test_only_the_secretariat_decides(secretary_a, member_a):
    proposal = services.change_proposal_submit(
        member=member_a, proposed_by=secretary_a, changes={"member": {"inhabitants": 5}}
    )
    with pytest.raises(PermissionDenied) as excinfo:
        services.change_proposal_confirm(proposal=proposal, decided_by=secretary_a)
    assert excinfo.value.code == "change-proposal-decided-by-secretariat"


def test_the_representative_cannot_propose(representative_a, member_a):
    with pytest.raises(PermissionDenied) as excinfo:
        services.change_proposal_submit(
            member=member_a, proposed_by=representative_a, changes={"member": {"inhabitants": 5}}
        )
    assert excinfo.value.code == "change-proposal-by-members-secretary"


def test_a_rejection_needs_a_reason(secretary_a, member_a, secretariat):
    proposal = services.change_proposal_submit(
        member=member_a, proposed_by=secretary_a, changes={"member": {"inhabitants": 5}}
    )
    with pytest.raises(ValidationError) as excinfo:
        services.change_proposal_reject(proposal=proposal, decided_by=secretariat, note=" ")
    assert excinfo.value.error_dict["note"][0].code == "change-proposal-rejection-reason"


def test_a_proposal_that_repeats_the_register_is_refused(secretary_a, member_a):
    with pytest.raises(ValidationError) as excinfo:
        services.change_proposal_submit(
            member=member_a,
            proposed_by=secretary_a,
            changes={"member": {"inhabitants": member_a.inhabitants}},
        )
    assert excinfo.value.code == "change-proposal-changes-nothing"


def test_only_proposable_fields_can_be_proposed(secretary_a, member_a):
    with pytest.raises(ValidationError) as excinfo:
        services.change_proposal_submit(
            member=member_a, proposed_by=secretary_a, changes={"member": {"name": "Anders"}}
        )
    assert excinfo.value.code == "change-proposal-field-not-proposable"


@pytest.mark.parametrize(
    ("person", "code"),
    [
        (
            {"name": "A. Nieuw", "starts_on": "2020-07-01", "shoe_size": "43"},
            "change-proposal-person-unknown-details",
        ),
        ({"name": " ", "starts_on": "2020-07-01"}, "change-proposal-person-name"),
        ({"name": "A. Nieuw", "starts_on": ""}, "change-proposal-person-start-date"),
        ({"name": "A. Nieuw", "starts_on": "1-7-2020"}, "change-proposal-person-start-date"),
    ],
)
def test_a_new_person_needs_a_name_and_a_valid_start_date(secretary_a, member_a, person, code):
    with pytest.raises(ValidationError) as excinfo:
        services.change_proposal_submit(
            member=member_a, proposed_by=secretary_a, changes={"representative": person}
        )
    error = excinfo.value
    codes = (
        [e.code for e in error.error_dict["representative"]]
        if hasattr(error, "error_dict")
        else [error.code]
    )
    assert codes == [code]


def test_a_new_person_starts_after_the_current_one(
    secretary_a, member_a, old_representative, secretariat
):
    proposal = services.change_proposal_submit(
        member=member_a,
        proposed_by=secretary_a,
        changes={"representative": {"name": "A. Nieuw", "starts_on": "2018-05-01"}},
    )
    with pytest.raises(ValidationError) as excinfo:
        services.change_proposal_confirm(proposal=proposal, decided_by=secretariat)
    assert excinfo.value.code == "mandate-starts-after-current"


def test_decisions_on_proposals_are_read_only_in_the_admin(rf, secretariat):
    from django.contrib.admin.sites import site

    request = rf.get("/")
    request.user = secretariat
    proposal_admin = site._registry[ChangeProposal]
    readonly = set(proposal_admin.get_readonly_fields(request))
    assert {"status", "decided_by", "decided_at", "decision_note", "changes"} <= readonly
    assert not proposal_admin.has_add_permission(request)
