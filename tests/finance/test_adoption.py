"""Adoption and discharge: three proposals, three polls, three decisions. The closed poll adopts
the accounts, records the appropriation and freezes them; adopting discharges nobody."""

import pytest
from django.core.exceptions import ValidationError

from finance import selectors, services
from finance.constants import AccountsStatus, ProposalKind, ProposalStatus
from meetings import services as meeting_services
from voting import services as voting_services

pytestmark = pytest.mark.django_db


def _decide(proposal, chair, voters, choice="for"):
    """Run the proposal's poll through the voting app, then the outcome hook as voting calls it."""
    poll = services.proposal_poll_create(proposal=proposal, user=chair)
    voting_services.poll_open(poll=poll, user=chair)
    for member, user in voters:
        voting_services.ballot_cast(poll=poll, member_id=member.pk, user=user, choice=choice)
    poll = voting_services.poll_close(poll=poll, user=chair)
    services.accounts_adopt_from_outcome(
        poll=poll, adopted=poll.outcome == "adopted", decision=poll.decision, user=chair
    )
    proposal.refresh_from_db()
    return poll


@pytest.fixture
def in_session(assembly, chair):
    meeting_services.meeting_open(meeting=assembly, user=chair)
    return assembly


@pytest.fixture
def proposals(signed, accounts_item, controller):
    return {
        kind: services.proposal_create(
            kind=kind, agenda_item=accounts_item, user=controller, accounts=signed
        )
        for kind in (
            ProposalKind.ADOPT_ACCOUNTS,
            ProposalKind.DISCHARGE_BOARD,
            ProposalKind.DISCHARGE_SUPERVISORY,
        )
    }


def test_adoption_and_the_two_discharges_are_three_decisions_of_three_polls(
    proposals, in_session, chair, voters, signed
):
    polls = [_decide(proposals[kind], chair, voters) for kind in proposals]
    assert len({poll.pk for poll in polls}) == 3
    decisions = {proposals[kind].decision_id for kind in proposals}
    assert len(decisions) == 3 and None not in decisions
    assert all(p.status == ProposalStatus.ADOPTED for p in proposals.values())
    signed.refresh_from_db()
    assert signed.adoption_decision_id == proposals[ProposalKind.ADOPT_ACCOUNTS].decision_id


def test_the_closed_poll_adopts_records_the_appropriation_and_freezes(
    proposals, in_session, chair, voters, signed
):
    poll = _decide(proposals[ProposalKind.ADOPT_ACCOUNTS], chair, voters)
    signed.refresh_from_db()
    assert signed.status == AccountsStatus.ADOPTED and signed.frozen
    assert signed.adopted_on == poll.decision.date
    assert signed.appropriation_amount == 499_953
    assert "499.953" in proposals[ProposalKind.ADOPT_ACCOUNTS].question
    assert "algemene reserves" in signed.appropriation_text


def test_adopting_the_accounts_discharges_nobody(proposals, in_session, chair, voters):
    _decide(proposals[ProposalKind.ADOPT_ACCOUNTS], chair, voters)
    for kind in (ProposalKind.DISCHARGE_BOARD, ProposalKind.DISCHARGE_SUPERVISORY):
        proposals[kind].refresh_from_db()
        assert proposals[kind].status == ProposalStatus.PENDING
        assert proposals[kind].decision is None


def test_a_rejected_discharge_leaves_the_adoption_alone(
    proposals, in_session, chair, voters, signed
):
    _decide(proposals[ProposalKind.ADOPT_ACCOUNTS], chair, voters)
    _decide(proposals[ProposalKind.DISCHARGE_BOARD], chair, voters, choice="against")
    assert proposals[ProposalKind.DISCHARGE_BOARD].status == ProposalStatus.REJECTED
    signed.refresh_from_db()
    assert signed.status == AccountsStatus.ADOPTED


def test_a_rejected_adoption_does_not_freeze(proposals, in_session, chair, voters, signed):
    _decide(proposals[ProposalKind.ADOPT_ACCOUNTS], chair, voters, choice="against")
    signed.refresh_from_db()
    assert not signed.frozen and signed.status != AccountsStatus.ADOPTED


def test_the_hook_ignores_other_polls_and_a_second_call(proposals, in_session, chair, voters):
    poll = _decide(proposals[ProposalKind.ADOPT_ACCOUNTS], chair, voters)
    again = services.accounts_adopt_from_outcome(
        poll=poll, adopted=False, decision=poll.decision, user=chair
    )
    assert again is None
    proposals[ProposalKind.ADOPT_ACCOUNTS].refresh_from_db()
    assert proposals[ProposalKind.ADOPT_ACCOUNTS].status == ProposalStatus.ADOPTED


def test_changes_after_adoption_are_refused_and_a_correction_is_a_new_version(
    proposals, in_session, chair, voters, signed, controller
):
    _decide(proposals[ProposalKind.ADOPT_ACCOUNTS], chair, voters)
    signed.refresh_from_db()
    line = signed.lines.get(code="cash")
    with pytest.raises(ValidationError) as excinfo:
        services.accounts_line_update(
            line=line, user=controller, label=line.label, amount=1, prior_amount=line.prior_amount
        )
    assert excinfo.value.code == "accounts-frozen"
    with pytest.raises(ValidationError) as excinfo:
        services.accounts_update(accounts=signed, user=controller, title="x")
    assert excinfo.value.code == "accounts-frozen"
    with pytest.raises(ValidationError) as excinfo:
        services.accounts_store(data=selectors.accounts_data(signed))
    assert excinfo.value.code == "accounts-frozen"

    correction = services.accounts_new_version(accounts=signed, user=controller)
    assert (correction.version, correction.status, correction.frozen) == (2, "draft", False)
    assert selectors.accounts_data(correction) | {"version": 1} == selectors.accounts_data(signed)
    services.accounts_line_update(
        line=correction.lines.get(code="cash"),
        user=controller,
        label="Liquide middelen",
        amount=3_207_732,
        prior_amount=2_100_910,
    )
    signed.refresh_from_db()
    assert signed.lines.get(code="cash").amount == 3_207_731  # the adopted version is unchanged


def test_a_draft_is_corrected_in_place_not_in_a_new_version(accounts_2019, controller):
    with pytest.raises(ValidationError) as excinfo:
        services.accounts_new_version(accounts=accounts_2019, user=controller)
    assert excinfo.value.code == "accounts-correction-of-adopted-only"


def test_the_poll_waits_for_every_signature_or_its_reason(
    accounts_2019, accounts_item, controller, chair
):
    proposal = services.proposal_create(
        kind=ProposalKind.ADOPT_ACCOUNTS,
        agenda_item=accounts_item,
        user=controller,
        accounts=accounts_2019,
    )
    with pytest.raises(ValidationError) as excinfo:
        services.proposal_poll_create(proposal=proposal, user=chair)
    assert excinfo.value.code == "accounts-signatures-missing"


def test_one_pending_proposal_of_a_kind(signed, accounts_item, controller):
    services.proposal_create(
        kind=ProposalKind.DISCHARGE_BOARD,
        agenda_item=accounts_item,
        user=controller,
        accounts=signed,
    )
    with pytest.raises(ValidationError) as excinfo:
        services.proposal_create(
            kind=ProposalKind.DISCHARGE_BOARD,
            agenda_item=accounts_item,
            user=controller,
            accounts=signed,
        )
    assert excinfo.value.code == "finance-proposal-pending"


def test_putting_to_the_assembly_shows_the_accounts_on_the_agenda(
    signed, accounts_item, controller
):
    services.proposal_create(
        kind=ProposalKind.ADOPT_ACCOUNTS,
        agenda_item=accounts_item,
        user=controller,
        accounts=signed,
    )
    signed.refresh_from_db()
    assert signed.status == AccountsStatus.PUT_TO_ASSEMBLY
    assert signed.agenda_item == accounts_item


def test_the_budget_is_approved_the_same_way(in_session, accounts_item, controller, chair, voters):
    budget = services.budget_save(
        year=2021,
        user=controller,
        title="Bedrijfsplan 2021",
        business_plan="Tekst",
        lines=[("Contributies", 12_000_000), ("Kosten", -11_900_000)],
    )
    proposal = services.proposal_create(
        kind=ProposalKind.APPROVE_BUDGET, agenda_item=accounts_item, user=controller, budget=budget
    )
    _decide(proposal, chair, voters)
    budget.refresh_from_db()
    assert budget.status == "approved" and budget.approval_decision == proposal.decision
    with pytest.raises(ValidationError) as excinfo:
        services.budget_save(year=2021, user=controller, title="x")
    assert excinfo.value.code == "budget-frozen"


def test_closing_the_poll_alone_adopts_through_the_voting_hook(
    proposals, in_session, chair, voters, signed
):
    """Nobody types the adoption twice: the voting app's close calls the finance handler."""
    poll = services.proposal_poll_create(
        proposal=proposals[ProposalKind.ADOPT_ACCOUNTS], user=chair
    )
    voting_services.poll_open(poll=poll, user=chair)
    for member, user in voters:
        voting_services.ballot_cast(poll=poll, member_id=member.pk, user=user, choice="for")
    voting_services.poll_close(poll=poll, user=chair)
    signed.refresh_from_db()
    assert signed.status == AccountsStatus.ADOPTED and signed.frozen
