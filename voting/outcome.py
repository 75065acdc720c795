"""The outcome of a poll from its counts: a pure function (inputs → result), no database.

`poll_close` gathers the inputs (the rule frozen on the poll, the totals, the quorum) and
stores what this returns; tests call it directly for every rule and edge.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from voting.constants import Outcome, PollKind


@dataclass(frozen=True)
class Majority:
    """The fraction of the votes cast a proposal needs: more than it (strict) or at least it."""

    numerator: int
    denominator: int
    strict: bool

    def reached(self, votes: int, cast: int) -> bool:
        if cast == 0:
            return False
        if self.strict:
            return votes * self.denominator > self.numerator * cast
        return votes * self.denominator >= self.numerator * cast


@dataclass(frozen=True)
class Quorum:
    """Members present or represented against the register, and the percentage required."""

    register: int
    present: int
    percent: int

    @property
    def needed(self) -> int:
        return -(-self.register * self.percent // 100)  # rounded up

    @property
    def met(self) -> bool:
        return self.present >= self.needed


@dataclass(frozen=True)
class Result:
    outcome: str  # an `Outcome`
    summary: str  # for the result and the decision list, in the active language


def poll_outcome(*, kind: str, majority: Majority, quorum: Quorum, totals: dict) -> Result:
    """The outcome of a motion or an election with `totals` (weights per option, as
    `voting.selectors.counts` gives them); no quorum means no decision."""
    if not quorum.met:
        return Result(
            Outcome.NO_QUORUM,
            _("not adopted: no quorum (%(present)s of %(needed)s members needed)")
            % {"present": quorum.present, "needed": quorum.needed},
        )
    if kind == PollKind.MOTION:
        return _motion_outcome(majority, totals)
    return _election_outcome(majority, totals["candidates"])


def _motion_outcome(majority: Majority, totals: dict) -> Result:
    # Abstentions are not votes cast.
    cast = totals["for"] + totals["against"]
    outcome = Outcome.ADOPTED if majority.reached(totals["for"], cast) else Outcome.REJECTED
    summary = _("%(outcome)s with %(for)s for, %(against)s against and %(abstain)s abstentions") % {
        "outcome": str(Outcome(outcome).label).lower(),
        "for": totals["for"],
        "against": totals["against"],
        "abstain": totals["abstain"],
    }
    return Result(outcome, summary)


def _election_outcome(majority: Majority, candidates: dict[str, int]) -> Result:
    cast = sum(candidates.values())
    ranked = sorted(candidates.items(), key=lambda item: -item[1])
    # A tie at the top elects nobody.
    winner = ranked[0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None
    if winner and majority.reached(winner[1], cast):
        return Result(
            Outcome.ELECTED,
            _("%(name)s elected with %(votes)s of %(cast)s votes")
            % {"name": winner[0], "votes": winner[1], "cast": cast},
        )
    return Result(
        Outcome.NOT_ELECTED,
        _("nobody elected (%(votes)s)")
        % {"votes": ", ".join(f"{name} {votes}" for name, votes in ranked) or "0"},
    )
