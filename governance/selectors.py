"""Reads of the supervisory board: who sits on it on a date, the retirement roster, terms that
lapsed, the composition check, attendance, the WNT maxima, evaluation aggregates, and who may
see what. Other apps import from here (and `services`, `constants`), not from the models."""

from __future__ import annotations

import calendar
import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.db.models import Avg, Count, Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.constants import Role
from accounts.roles import role_names
from dimpact_portal.rules import RuleDenied
from governance.constants import (
    EVALUATION_MIN_RESPONSES,
    KIND_SHORT,
    CommissionerKind,
    EvaluationCategory,
    Portfolio,
)
from governance.models import (
    AppointmentProposal,
    BoardAttendance,
    ChairPeriod,
    Commissioner,
    Evaluation,
    EvaluationAnswer,
    EvaluationParticipation,
    Remuneration,
    Term,
    Vacancy,
    WntNorm,
)

if TYPE_CHECKING:
    pass

BOARD_ROLES = frozenset({Role.SECRETARIAT, Role.CHAIR, Role.SUPERVISORY_BOARD})
ONE_DAY = datetime.timedelta(days=1)


# Settings


@dataclass(frozen=True)
class BoardSettings:
    term_years: int
    max_terms: int
    alert_months: int
    bound_target: int
    unbound_target: int


def board_settings() -> BoardSettings:
    """The association's statute settings for the board (Dimpact's values when not set)."""
    from statutes.selectors import association_current

    association = association_current()
    return BoardSettings(
        term_years=association.supervisory_term_years,
        max_terms=association.supervisory_max_terms,
        alert_months=association.supervisory_alert_months,
        bound_target=association.supervisory_bound_target,
        unbound_target=association.supervisory_unbound_target,
    )


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` moved by `months` (to the month's last day when it has fewer days)."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def term_default_end(starts_on: datetime.date, years: int | None = None) -> datetime.date:
    """The statutory end of a term starting on `starts_on`: the same date `years` later."""
    years = board_settings().term_years if years is None else years
    return add_months(starts_on, 12 * years)


# The board on a date


def _covering(on: datetime.date) -> Q:
    return Q(starts_on__lte=on) & (Q(ended_on__isnull=True, ends_on__gte=on) | Q(ended_on__gte=on))


def terms_on(on: datetime.date) -> QuerySet[Term]:
    """The terms running on `on` (one per commissioner on the board)."""
    return (
        Term.objects.filter(_covering(on))
        .select_related("commissioner__member", "decision")
        .order_by("commissioner__name")
    )


def chair_on(on: datetime.date) -> Commissioner | None:
    period = (
        ChairPeriod.objects.filter(starts_on__lte=on)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))
        .select_related("commissioner")
        .first()
    )
    return period.commissioner if period else None


def is_reappointable(term: Term, settings: BoardSettings | None = None) -> bool:
    settings = settings or board_settings()
    return term.number < settings.max_terms


def portfolio_labels(codes: list[str]) -> str:
    labels = dict(Portfolio.choices)
    return ", ".join(str(labels.get(code, code)) for code in codes)


@dataclass(frozen=True)
class RosterRow:
    commissioner: Commissioner
    term: Term
    chair: bool
    reappointable: bool
    portfolio: str
    decided_after: bool  # the decision for this term was only taken after the date asked


def roster(on: datetime.date, *, settings: BoardSettings | None = None) -> list[RosterRow]:
    """The retirement roster on `on`: who sits, until when, and whether re-appointable."""
    settings = settings or board_settings()
    chair = chair_on(on)
    rows = []
    for term in terms_on(on):
        rows.append(
            RosterRow(
                commissioner=term.commissioner,
                term=term,
                chair=chair is not None and chair.pk == term.commissioner_id,
                reappointable=is_reappointable(term, settings),
                portfolio=portfolio_labels(term.commissioner.portfolios),
                decided_after=term.decided_on is not None and term.decided_on > on,
            )
        )
    return sorted(rows, key=lambda row: (row.term.ends_on, row.commissioner.name))


def successor(term: Term) -> Term | None:
    return Term.objects.filter(commissioner_id=term.commissioner_id, number=term.number + 1).first()


def terms_lapsed(on: datetime.date) -> list[Term]:
    """Terms that ended by `on` with nothing decided by then: no end recorded (served out,
    stepped down, not re-appointed) and no re-appointment decided on or before `on`."""
    ended = list(
        Term.objects.filter(ends_on__lt=on, ended_on__isnull=True)
        .select_related("commissioner")
        .order_by("ends_on")
    )
    # Each one's successor (`successor`), all in one query.
    decided = {
        (commissioner_id, number): decided_on
        for commissioner_id, number, decided_on in Term.objects.filter(
            commissioner_id__in={term.commissioner_id for term in ended}
        )
        .order_by()
        .values_list("commissioner_id", "number", "decided_on")
    }
    lapsed = []
    for term in ended:
        key = (term.commissioner_id, term.number + 1)
        if key not in decided or (decided[key] and decided[key] > on):
            lapsed.append(term)
    return lapsed


def terms_ending(on: datetime.date, months: int) -> QuerySet[Term]:
    """Running terms that end within `months` after `on` and have no successor yet."""
    until = add_months(on, months)
    return (
        Term.objects.filter(ended_on__isnull=True, ends_on__gte=on, ends_on__lte=until)
        .exclude(
            Exists(
                Term.objects.filter(
                    commissioner_id=OuterRef("commissioner_id"), number=OuterRef("number") + 1
                )
            )
        )
        .select_related("commissioner")
        .order_by("ends_on")
    )


# Composition


@dataclass
class Composition:
    on: datetime.date
    rows: list[RosterRow]
    bound: int
    unbound: int
    bound_target: int
    unbound_target: int
    regions: Counter
    size_classes: Counter
    uncovered: list[str]
    findings: list[tuple[str, str]] = field(default_factory=list)

    @property
    def codes(self) -> set[str]:
        return {code for code, _message in self.findings}

    @property
    def vacancies(self) -> dict[str, int]:
        return {
            CommissionerKind.BOUND: max(self.bound_target - self.bound, 0),
            CommissionerKind.UNBOUND: max(self.unbound_target - self.unbound, 0),
        }


def composition(on: datetime.date) -> Composition:
    """The board on `on` checked against the association's targets: bound and unbound seats,
    a bound majority, the spread of the bound ones over regions and size classes, portfolios."""
    settings = board_settings()
    rows = roster(on, settings=settings)
    people = [row.commissioner for row in rows]
    bound = [c for c in people if c.kind == CommissionerKind.BOUND]
    held = {code for c in people for code in c.portfolios}
    result = Composition(
        on=on,
        rows=rows,
        bound=len(bound),
        unbound=len(people) - len(bound),
        bound_target=settings.bound_target,
        unbound_target=settings.unbound_target,
        regions=Counter(c.member.get_region_display() for c in bound if c.member),
        size_classes=Counter(c.member.get_size_class_display() for c in bound if c.member),
        uncovered=[str(label) for code, label in Portfolio.choices if code not in held],
    )
    _composition_findings(result, unknown=sum(1 for c in bound if c.member is None))
    return result


def _composition_findings(result: Composition, *, unknown: int) -> None:
    add = result.findings.append
    for kind, missing in result.vacancies.items():
        if missing:
            add(
                (
                    f"composition-vacancy-{kind}",
                    _("%(count)s %(kind)s seat(s) vacant.")
                    % {"count": missing, "kind": KIND_SHORT[CommissionerKind(kind)]},
                )
            )
    if result.bound <= result.unbound:
        add(("composition-bound-minority", _("Bound commissioners are not a majority.")))
    known = result.bound - unknown
    if known and max(result.regions.values()) * 2 > known:
        add(
            (
                "composition-region-concentrated",
                _("More than half of the bound commissioners come from one region."),
            )
        )
    if known >= 3 and len(result.size_classes) < 3:
        add(
            (
                "composition-size-class-missing",
                _("Not every size class of member has a bound commissioner."),
            )
        )
    if unknown:
        add(
            (
                "composition-member-unknown",
                _("%(count)s bound commissioner(s) without a member: spread unknown.")
                % {"count": unknown},
            )
        )
    if result.uncovered:
        add(
            (
                "composition-portfolio-uncovered",
                _("Portfolios not covered: %(list)s.") % {"list": ", ".join(result.uncovered)},
            )
        )


# Attendance


@dataclass(frozen=True)
class AttendanceRate:
    commissioner: Commissioner
    present: int
    meetings: int

    @property
    def percent(self) -> int:
        return round(100 * self.present / self.meetings) if self.meetings else 0


def attendance_of_year(year: int) -> QuerySet[BoardAttendance]:
    return BoardAttendance.objects.filter(meeting__date__year=year).select_related(
        "meeting", "commissioner"
    )


def attendance_table(year: int) -> list[tuple[object, list[BoardAttendance]]]:
    """(meeting, its rows) per board meeting of `year`, in date order."""
    by_meeting: dict[int, tuple[object, list[BoardAttendance]]] = {}
    for row in attendance_of_year(year).order_by("meeting__date", "commissioner__name"):
        by_meeting.setdefault(row.meeting_id, (row.meeting, []))[1].append(row)
    return list(by_meeting.values())


def attendance_rates(year: int) -> list[AttendanceRate]:
    """Per commissioner: meetings attended of those recorded for him or her in `year`."""
    totals = (
        attendance_of_year(year)
        .values("commissioner")
        .annotate(meetings=Count("pk"), present=Count("pk", filter=Q(present=True)))
    )
    people = Commissioner.objects.in_bulk([row["commissioner"] for row in totals])
    rates = [
        AttendanceRate(people[row["commissioner"]], row["present"], row["meetings"])
        for row in totals
    ]
    return sorted(rates, key=lambda rate: rate.commissioner.name)


# Remuneration (WNT)


def wnt_norm(year: int) -> WntNorm | None:
    return WntNorm.objects.filter(year=year).first()


def _days_of(year: int):
    day = datetime.date(year, 1, 1)
    while day.year == year:
        yield day
        day += ONE_DAY


def office_days(commissioner: Commissioner, year: int) -> tuple[int, int]:
    """(days in office as a member, days as chair) of `commissioner` in `year`."""
    terms = list(commissioner.terms.all())
    periods = list(commissioner.chair_periods.all())
    member = chair = 0
    for day in _days_of(year):
        if not any(t.starts_on <= day <= t.last_day for t in terms):
            continue
        if any(p.starts_on <= day and (p.ends_on is None or day <= p.ends_on) for p in periods):
            chair += 1
        else:
            member += 1
    return member, chair


def individual_maximum(commissioner: Commissioner, year: int, norm: WntNorm) -> int:
    """The WNT maximum pro rata the days in office (10% of the general maximum for a member,
    15% for the chair), rounded to whole euros as the annual accounts do."""
    member, chair = office_days(commissioner, year)
    days = 366 if (year % 4 == 0 and year % 100) or year % 400 == 0 else 365
    share = Decimal(member * norm.member_percent + chair * norm.chair_percent)
    amount = share * norm.general_maximum / (100 * days)
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class WntRow:
    commissioner: Commissioner
    first_day: datetime.date | None
    last_day: datetime.date | None
    maximum: int
    paid: int | None
    exceeds: bool


def _office_span(commissioner: Commissioner, year: int):
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    days = [
        (max(t.starts_on, start), min(t.last_day, end))
        for t in commissioner.terms.all()
        if t.starts_on <= end and t.last_day >= start
    ]
    return (min(d[0] for d in days), max(d[1] for d in days)) if days else (None, None)


def wnt_rows(year: int) -> list[WntRow]:
    """Each commissioner in office in `year`: the individual maximum, what was paid, and
    whether the payment exceeds the maximum. Empty when the year has no WNT maximum."""
    norm = wnt_norm(year)
    if norm is None:
        return []
    paid = dict(Remuneration.objects.filter(year=year).values_list("commissioner_id", "paid"))
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    people = (
        Commissioner.objects.filter(terms__starts_on__lte=end)
        .filter(
            Q(terms__ended_on__gte=start)
            | Q(terms__ended_on__isnull=True, terms__ends_on__gte=start)
        )
        .distinct()
        .prefetch_related("terms", "chair_periods")
        .order_by("name")
    )
    rows = []
    for person in people:
        maximum = individual_maximum(person, year, norm)
        first, last = _office_span(person, year)
        amount = paid.get(person.pk)
        rows.append(WntRow(person, first, last, maximum, amount, (amount or 0) > maximum))
    return rows


# Appointments and vacancies


def vacancies_open(on: datetime.date) -> QuerySet[Vacancy]:
    return Vacancy.objects.filter(opened_on__lte=on).filter(
        Q(filled_on__isnull=True) | Q(filled_on__gt=on)
    )


def proposals_pending() -> QuerySet[AppointmentProposal]:
    from governance.constants import ProposalStatus

    return AppointmentProposal.objects.filter(status=ProposalStatus.PENDING).select_related(
        "commissioner", "agenda_item", "poll", "resolution"
    )


def proposal_for_outcome(*, poll=None, resolution=None) -> AppointmentProposal | None:
    """The pending proposal a closed poll or decision outside a meeting decides."""
    if poll is not None:
        return proposals_pending().filter(poll=poll).first()
    if resolution is not None:
        return proposals_pending().filter(resolution=resolution).first()
    return None


# Self-evaluation: aggregates only


@dataclass(frozen=True)
class StatementResult:
    text: str
    average: float | None
    answers: int


@dataclass
class EvaluationResult:
    evaluation: Evaluation
    responses: int
    shown: bool  # enough responses for no one to be singled out
    categories: list[tuple[str, list[StatementResult]]]


def evaluation_result(evaluation: Evaluation) -> EvaluationResult:
    """Average score per statement, grouped by category; nothing per response or person, and
    nothing at all below the minimum number of responses."""
    responses = evaluation.responses.count()
    shown = responses >= EVALUATION_MIN_RESPONSES
    averages = {
        row["statement"]: (row["average"], row["answers"])
        for row in EvaluationAnswer.objects.filter(statement__evaluation=evaluation)
        .values("statement")
        .annotate(average=Avg("score"), answers=Count("pk"))
    }
    categories = []
    for code, label in EvaluationCategory.choices:
        results = [
            StatementResult(
                s.text,
                round(averages[s.pk][0], 1) if shown and s.pk in averages else None,
                averages.get(s.pk, (None, 0))[1] if shown else 0,
            )
            for s in evaluation.statements.filter(category=code).order_by("position")
        ]
        categories.append((str(label), results))
    return EvaluationResult(evaluation, responses, shown, categories)


def has_answered(user, evaluation: Evaluation) -> bool:
    return EvaluationParticipation.objects.filter(evaluation=evaluation, user=user).exists()


def evaluation_of_year(year: int) -> Evaluation:
    return get_object_or_404(Evaluation, year=year)


def evaluations() -> QuerySet[Evaluation]:
    return Evaluation.objects.annotate(response_count=Count("responses", distinct=True)).order_by(
        "-year"
    )


# Who may see what


def can_see_board(user) -> bool:
    """The board's own pages: the supervisory board, the secretariat and the chair."""
    return bool(role_names(user) & BOARD_ROLES)


def can_see_roster(user) -> bool:
    """The public roster: also every member's current secretary and representative."""
    if can_see_board(user):
        return True
    from members.selectors import members_of_person

    return user.is_authenticated and members_of_person(user).exists()


def require_board(user) -> None:
    if not can_see_board(user):
        raise RuleDenied(
            _("Only the supervisory board, the secretariat and the chair see this."),
            code="governance-board-only",
        )


def require_roster(user) -> None:
    if not can_see_roster(user):
        raise RuleDenied(
            _("The roster is for the members' secretaries and representatives."),
            code="governance-roster-members-only",
        )


def can_answer_evaluation(user) -> bool:
    """The self-evaluation's questionnaire: the commissioners only (a supervisory-board account
    linked to a commissioner), not the secretariat or the chair who see its result."""
    return Role.SUPERVISORY_BOARD in role_names(user) and commissioner_of(user) is not None


def require_evaluation_answerer(user) -> None:
    if not can_answer_evaluation(user):
        raise RuleDenied(
            _("Only the commissioners answer the self-evaluation."),
            code="evaluation-commissioners-only",
        )


def commissioner_for_user(user, slug: str) -> Commissioner:
    require_board(user)
    return get_object_or_404(Commissioner, slug=slug)


def commissioner_of(user) -> Commissioner | None:
    if not user.is_authenticated:
        return None
    return Commissioner.objects.filter(user=user).first()


def commissioner_by_slug(slug: str) -> Commissioner:
    return Commissioner.objects.get(slug=slug)


def commissioners() -> QuerySet[Commissioner]:
    return Commissioner.objects.select_related("member").prefetch_related("terms")


def terms_of(commissioner: Commissioner) -> QuerySet[Term]:
    return commissioner.terms.select_related(
        "decision", "poll", "resolution", "ratified_by"
    ).order_by("number")


def terms_all() -> QuerySet[Term]:
    """Every commissioner's terms, per commissioner (by name) in the order of `terms_of`."""
    return Term.objects.select_related(
        "commissioner", "decision", "poll", "resolution", "ratified_by"
    ).order_by("commissioner__name", "commissioner_id", "number")


# Flags for the home page and the report


@dataclass(frozen=True)
class Flag:
    text: str
    term: Term


def board_flags(on: datetime.date) -> list[Flag]:
    """What the secretariat, the chair and the board must act on: terms that ended without a
    decision, and terms ending within the alert period with nothing proposed."""
    settings = board_settings()
    flags = [
        Flag(
            _("The term of %(name)s ended on %(date)s without a decision of the assembly.")
            % {"name": term.commissioner, "date": term.ends_on.strftime("%d-%m-%Y")},
            term,
        )
        for term in terms_lapsed(on)
    ]
    pending = set(proposals_pending().values_list("commissioner_id", flat=True))
    for term in terms_ending(on, settings.alert_months):
        if term.commissioner_id in pending:
            continue
        flags.append(
            Flag(
                _(
                    "The term of %(name)s ends on %(date)s: propose the re-appointment or the "
                    "succession to the assembly."
                )
                % {"name": term.commissioner, "date": term.ends_on.strftime("%d-%m-%Y")},
                term,
            )
        )
    return flags


def roster_document(on: datetime.date) -> dict:
    """The roster on `on` as plain data, the input of its PDF."""
    return {
        "on": on,
        "rows": [
            {
                "name": row.commissioner.formal_name or row.commissioner.name,
                "salutation": row.commissioner.salutation,
                "kind": str(KIND_SHORT[row.commissioner.kind]),
                "member": row.commissioner.member.name if row.commissioner.member else "",
                "portfolio": row.portfolio,
                "number": row.term.number,
                "starts_on": row.term.starts_on,
                "ends_on": row.term.ends_on,
                "reappointable": row.reappointable,
                "chair": row.chair,
                "reason": row.term.ends_on_reason,
                "decided_after": row.decided_after,
                "decided_on": row.term.decided_on,
            }
            for row in roster(on)
        ],
        "lapsed": [
            {"name": term.commissioner.name, "ends_on": term.ends_on} for term in terms_lapsed(on)
        ],
    }


def can_read_roster_document(user, source) -> bool:
    return can_see_roster(user)


def home_panels(user) -> list:
    """The home page's panel for the secretariat, the chair and the board: the same flags as
    the alerts (terms ending or ended without a decision)."""
    if not can_see_board(user):
        return []
    from django.urls import reverse

    from accounts.selectors import Panel

    return [
        Panel(
            title=_("Supervisory board"),
            items=[
                (flag.text, reverse("governance:roster"))
                for flag in board_flags(timezone.localdate())
            ],
            empty=_("No term needs a decision of the assembly."),
            action=(_("Supervisory board"), reverse("governance:board")),
        )
    ]
