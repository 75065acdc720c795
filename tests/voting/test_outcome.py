"""The outcome of a poll from its counts (`voting.outcome`): a pure function, no database."""

import pytest
from django.utils import translation

from voting.constants import Outcome
from voting.outcome import Majority, Quorum, poll_outcome

SIMPLE = Majority(1, 2, strict=True)
TWO_THIRDS = Majority(2, 3, strict=False)
NO_QUORUM_NEEDED = Quorum(register=27, present=20, percent=0)


def motion(for_, against, abstain=0):
    return {"for": for_, "against": against, "abstain": abstain, "candidates": {}}


def test_a_simple_majority_of_the_votes_cast_adopts_abstentions_do_not_count():
    result = poll_outcome(
        kind="motion", majority=SIMPLE, quorum=NO_QUORUM_NEEDED, totals=motion(2, 1, 9)
    )
    assert result.outcome == Outcome.ADOPTED


def test_a_tie_is_rejected():
    result = poll_outcome(
        kind="motion", majority=SIMPLE, quorum=NO_QUORUM_NEEDED, totals=motion(3, 3)
    )
    assert result.outcome == Outcome.REJECTED


def test_nothing_cast_is_rejected():
    result = poll_outcome(
        kind="motion", majority=SIMPLE, quorum=NO_QUORUM_NEEDED, totals=motion(0, 0, 4)
    )
    assert result.outcome == Outcome.REJECTED


@pytest.mark.parametrize(("for_", "against", "outcome"), [(2, 1, "adopted"), (3, 2, "rejected")])
def test_at_least_two_thirds(for_, against, outcome):
    result = poll_outcome(
        kind="motion", majority=TWO_THIRDS, quorum=NO_QUORUM_NEEDED, totals=motion(for_, against)
    )
    assert result.outcome == outcome


def test_without_the_quorum_no_decision_whatever_the_votes():
    quorum = Quorum(register=27, present=18, percent=67)  # 19 needed
    assert quorum.needed == 19 and not quorum.met
    result = poll_outcome(kind="motion", majority=SIMPLE, quorum=quorum, totals=motion(18, 0))
    assert result.outcome == Outcome.NO_QUORUM


def test_an_election_elects_the_candidate_with_a_majority():
    totals = {**motion(0, 0, 1), "candidates": {"A. Kandidaat": 3, "B. Kandidaat": 1}}
    with translation.override("nl"):
        result = poll_outcome(
            kind="election", majority=SIMPLE, quorum=NO_QUORUM_NEEDED, totals=totals
        )
    assert result.outcome == Outcome.ELECTED
    assert result.summary == "A. Kandidaat gekozen met 3 van 4 stemmen"


def test_a_tie_at_the_top_elects_nobody():
    totals = {**motion(0, 0), "candidates": {"A. Kandidaat": 2, "B. Kandidaat": 2}}
    result = poll_outcome(kind="election", majority=SIMPLE, quorum=NO_QUORUM_NEEDED, totals=totals)
    assert result.outcome == Outcome.NOT_ELECTED
