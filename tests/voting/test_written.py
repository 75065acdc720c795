"""Decisions outside a meeting: unanimity of all members entitled (Civil Code 2:40(2))."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from meetings.models import Decision
from tests.members.factories import MemberFactory
from voting import services
from voting.models import WrittenResolution

pytestmark = pytest.mark.django_db


@pytest.fixture
def resolution(secretariat, member_a, member_b):
    resolution = services.resolution_create(
        user=secretariat,
        title="Herbenoeming C. Besselink",
        proposal="Herbenoemen voor vier jaar.",
        deadline=timezone.now() + datetime.timedelta(days=14),
    )
    return resolution


def _open(resolution, secretariat):
    services.resolution_board_informed(
        resolution=resolution, user=secretariat, on=datetime.date.today()
    )
    return services.resolution_open(resolution=resolution, user=secretariat)


def test_the_boards_prior_knowledge_comes_first(resolution, secretariat):
    with pytest.raises(ValidationError) as excinfo:
        services.resolution_open(resolution=resolution, user=secretariat)
    assert excinfo.value.code == "resolution-board-informed-first"


def test_adopted_when_every_member_consents(
    resolution, secretariat, member_a, member_b, secretary_a, secretary_b
):
    _open(resolution, secretariat)
    services.resolution_answer(
        resolution=resolution, member=member_a, user=secretary_a, answer="consent"
    )
    services.resolution_answer(
        resolution=resolution, member=member_b, user=secretary_b, answer="consent"
    )
    resolution = services.resolution_close(resolution=resolution, user=secretariat)
    assert resolution.adopted is True
    assert resolution.decision.meeting is None
    assert (
        "Herbenoeming C. Besselink" in resolution.decision.text
        and "aangenomen" in resolution.decision.text
    )


@pytest.mark.parametrize("other", ["object", "abstain", None])
def test_an_objection_an_abstention_or_no_answer_means_not_adopted(
    resolution, secretariat, member_a, member_b, secretary_a, secretary_b, other
):
    _open(resolution, secretariat)
    services.resolution_answer(
        resolution=resolution, member=member_a, user=secretary_a, answer="consent"
    )
    if other:
        services.resolution_answer(
            resolution=resolution, member=member_b, user=secretary_b, answer=other
        )
    resolution = services.resolution_close(
        resolution=resolution,
        user=secretariat,
        now=resolution.deadline + datetime.timedelta(minutes=1),
    )
    assert resolution.adopted is False
    assert "1 van 2" in resolution.result_text


def test_members_may_answer_until_the_deadline(resolution, secretariat, member_a, secretary_a):
    _open(resolution, secretariat)
    with pytest.raises(ValidationError) as excinfo:
        services.resolution_close(resolution=resolution, user=secretariat)
    assert excinfo.value.code == "resolution-answers-until-deadline"


def test_only_the_members_own_people_answer(resolution, secretariat, member_a, secretary_b):
    _open(resolution, secretariat)
    with pytest.raises(PermissionDenied) as excinfo:
        services.resolution_answer(
            resolution=resolution, member=member_a, user=secretary_b, answer="consent"
        )
    assert excinfo.value.code == "resolution-own-member-only"


def test_a_member_that_joins_later_is_not_asked(resolution, secretariat, secretary_a, member_a):
    _open(resolution, secretariat)
    late = MemberFactory(name="Gemeente Later")
    assert late.pk not in [entry["member"] for entry in resolution.entitled]


def test_the_demo_has_the_besselink_consent(seeded):
    resolution = WrittenResolution.objects.get(title__contains="Besselink")
    assert resolution.adopted is True
    assert resolution.answers.count() == len(resolution.entitled) == 29
    assert set(resolution.answers.values_list("answer", flat=True)) == {"consent"}
    assert Decision.objects.filter(meeting=None, written_resolution=resolution).exists()
