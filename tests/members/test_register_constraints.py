"""The register's rules that the database holds, whoever writes (a service, the admin, a race)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from members.constants import MandateKind, ProposalStatus
from members.models import ChangeProposal, Mandate
from tests.members.factories import MandateFactory, MemberFactory


def _codes(error: ValidationError) -> list[str]:
    return [e.code for errors in error.error_dict.values() for e in errors]


def test_a_member_has_one_current_person_per_role(member_a):
    MandateFactory(member=member_a, kind=MandateKind.SECRETARY)
    second = Mandate(member=member_a, kind=MandateKind.SECRETARY, name="B. Twee")
    with pytest.raises(ValidationError) as excinfo:
        second.full_clean()
    assert _codes(excinfo.value) == ["mandate-one-current-per-kind"]
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


def test_a_mandate_ends_after_it_starts(member_a):
    mandate = Mandate(
        member=member_a,
        kind=MandateKind.SECRETARY,
        name="B. Twee",
        starts_on=datetime.date(2020, 1, 1),
        ends_on=datetime.date(2019, 12, 31),
    )
    with pytest.raises(ValidationError) as excinfo:
        mandate.full_clean()
    assert _codes(excinfo.value) == ["mandate-ends-after-start"]


def test_a_member_leaves_after_it_joined_in_the_database_too(db):
    member = MemberFactory(joined_on=datetime.date(2020, 1, 1))
    member.left_on = datetime.date(2019, 12, 31)
    with pytest.raises(ValidationError) as excinfo:
        member.full_clean()
    assert _codes(excinfo.value) == ["member-leaving-before-joining"]
    with pytest.raises(IntegrityError), transaction.atomic():
        member.save()


def test_a_proposal_is_decided_exactly_when_it_is_no_longer_pending(member_a, secretary_a):
    proposal = ChangeProposal(
        member=member_a,
        proposed_by=secretary_a,
        changes={"member": {"inhabitants": 5}},
        status=ProposalStatus.CONFIRMED,
    )
    with pytest.raises(ValidationError) as excinfo:
        proposal.full_clean()
    assert _codes(excinfo.value) == ["proposal-decided-iff-not-pending"]
