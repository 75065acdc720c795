"""Pages of the voting app: the voter's ballots, the chair's page, results; decisions in writing."""

from __future__ import annotations

import uuid

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from accounts.roles import is_secretariat
from dimpact_portal.csv_export import csv_download
from dimpact_portal.rules import RuleDenied
from meetings.selectors import agenda_item_of
from members.selectors import members_of_person
from municipal.selectors import mandates
from proxies.selectors import instructions_for_item
from statutes.selectors import association_current
from voting import documents, forms, selectors, services
from voting.constants import Choice, PollStatus, ResolutionStatus
from voting.models import Poll, WrittenResolution
from voting.status import status_answer


def _user_verified(user) -> bool:
    """Whether this log-in was confirmed with a second factor (django-otp sets `is_verified`)."""
    verified = getattr(user, "is_verified", None)
    return bool(verified and verified())


def _two_factor_ok(request) -> bool:
    return not association_current().voting_requires_two_factor or _user_verified(request.user)


def _panel_context(request, meeting, results=None):
    token = uuid.uuid4()
    seats = selectors.seats(request.user, meeting)
    # The item each poll is about is shown with it: read with the polls.
    polls = list(selectors.open_polls(meeting).select_related("agenda_item"))
    rows = []
    for poll in polls:
        cast = selectors.cast_members(poll, [seat.member.pk for seat in seats])
        instructions = (
            instructions_for_item([s.proxy for s in seats if s.proxy], poll.agenda_item_id)
            if poll.agenda_item_id
            else {}
        )
        rows.append(
            {
                "poll": poll,
                "rule": selectors.rule_text(poll),
                "seats": [_seat_row(poll, seat, cast, instructions, token) for seat in seats],
                "open_seats": sum(1 for seat in seats if seat.member.pk not in cast),
            }
        )
    return {
        "meeting": meeting,
        "rows": rows,
        "seats": seats,
        "represented": selectors.represented_by_proxy(request.user, meeting),
        "version": selectors.voting_version(meeting.pk),
        "token": token,
        "results": results or [],
        "two_factor_ok": _two_factor_ok(request),
    }


MOTION_OPTIONS = (
    ("for", _lazy("For"), "success"),
    ("against", _lazy("Against"), "danger"),
    ("abstain", _lazy("Abstain"), "secondary"),
)


def _seat_row(poll, seat, cast, instructions, token) -> dict:
    """One member's ballot form: the options, with only the instructed one allowed (and
    pre-selected) where the member's proxy binds the holder on the poll's item."""
    instruction = instructions.get(seat.proxy.pk) if seat.proxy else None
    bound = instruction.position if instruction and instruction.position != "free" else ""
    return {
        "seat": seat,
        "ballot": cast.get(seat.member.pk),
        "instruction": instruction,
        "bound": bound,
        "options": [
            {"value": value, "label": label, "style": style, "allowed": not bound or bound == value}
            for value, label, style in MOTION_OPTIONS
        ],
        # One submission token per ballot form: sending it twice records it once.
        "token": uuid.uuid5(token, f"{poll.pk}:{seat.member.pk}"),
    }


@login_required
def vote(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_voter(request.user, meeting_pk)
    template = "voting/_ballots.html" if request.htmx else "voting/vote.html"
    context = _panel_context(request, meeting)
    if not request.htmx:
        # The executives' decisions of the members voted for: their mandate.
        context["mandates"] = mandates(meeting, [seat.member for seat in context["seats"]])
    return render(request, template, context)


def status(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    """Polled by every voter's page; see `voting.status` (in production the WSGI front
    answers it before this view)."""
    code, headers = status_answer(meeting_pk, request.GET.get("v", ""))
    response = HttpResponse(status=code)
    for name, value in headers:
        if name != "Content-Length":
            response[name] = value
    return response


def _choice_label(ballot, choice: str) -> str:
    """The choice recorded, as the voter made it (a secret ballot keeps none: the one just
    submitted, or nothing on a repeat)."""
    if ballot.candidate_id:
        return ballot.candidate.name
    value = ballot.choice or ("" if getattr(ballot, "repeated", False) else choice)
    return str(Choice(value).label).lower() if value in Choice.values else ""


def ballot_confirmation(ballot, choice: str) -> str:
    """ "Deventer: voor, vastgelegd om 19:42", or "Deventer: al vastgelegd: voor" on a repeat."""
    label = _choice_label(ballot, choice)
    if getattr(ballot, "repeated", False):
        text = _("%(member)s: already recorded: %(choice)s") % {
            "member": ballot.member_name,
            "choice": label or _("your ballot"),
        }
    else:
        text = _("%(member)s: %(choice)s, recorded at %(time)s") % {
            "member": ballot.member_name,
            "choice": label,
            "time": timezone.localtime(ballot.cast_at).strftime("%H:%M"),
        }
    if ballot.tracker:  # a secret ballot: what the voter checks on the published list
        text += "; " + _("ballot tracker %(tracker)s") % {"tracker": ballot.tracker}
    return text


def _ballot_done(ballot, choice: str) -> str:
    """The form of a member that has just voted, replaced by this (built without a template:
    this answer goes out a thousand times a minute during a vote). The page focuses it."""
    return format_html(
        '<div class="ballot border rounded p-2 mb-2 border-success" role="status" tabindex="-1"'
        ' data-focus><i class="bi bi-check-circle text-success" aria-hidden="true"></i> '
        "<strong>{}</strong></div>",
        ballot_confirmation(ballot, choice),
    )


def _hiccup() -> HttpResponse:
    """The database did not answer (a restart, a timeout): the page sends the same submission
    again, with the same token, so the ballot is recorded once; never a bare server error."""
    response = HttpResponse(
        format_html(
            '<div class="alert alert-warning" role="alert">{}</div>',
            _("The connection to the server faltered; your ballot is being sent again."),
        ),
        status=503,
    )
    response["Retry-After"] = "1"
    return response


@login_required
@require_POST
def ballot(request: HttpRequest, poll_pk: int) -> HttpResponse:
    """Cast one ballot (or the same choice for all of the voter's members). The hot path of a
    vote: no more queries than the rules need, and a small answer for the one form."""
    results = []
    ballot = None
    verified = _user_verified(request.user)
    candidate = request.POST.get("candidate") or None
    choice = "candidate" if candidate else request.POST.get("choice", "")
    member = request.POST.get("member", "")
    try:
        if request.POST.get("all") == "1":
            outcome = services.ballots_cast_all(
                poll=get_object_or_404(Poll, pk=poll_pk),
                user=request.user,
                choice=choice,
                candidate_id=candidate,
                token=request.POST.get("token"),
                two_factor_verified=verified,
            )
            # What was recorded for whom, and whom it skipped and why.
            results = [
                ballot_confirmation(cast, choice)
                if cast
                else (message if m.name in message else f"{m.name}: {message}")
                for m, cast, message in outcome
            ]
        else:
            # The poll is read (and locked) by the service, with everything else it checks.
            ballot = services.ballot_cast(
                poll=poll_pk,
                member_id=int(member) if member.isdigit() else 0,
                user=request.user,
                choice=choice,
                candidate_id=candidate,
                token=request.POST.get("token"),
                two_factor_verified=verified,
            )
            results = [ballot_confirmation(ballot, choice)]
    except DatabaseError:
        return _hiccup()
    except ValidationError as error:
        results = list(error.messages)
    except PermissionDenied as error:
        results = [str(error) or _("You may not vote for this member.")]
    if request.htmx and ballot is not None:
        return HttpResponse(_ballot_done(ballot, choice))
    return _ballots_answer(request, poll_pk, results)


def _ballots_answer(request: HttpRequest, poll_pk: int, results: list[str]) -> HttpResponse:
    """The voter's ballots again, with what was recorded or refused."""
    poll = get_object_or_404(Poll.objects.select_related("meeting"), pk=poll_pk)
    if request.htmx:
        response = render(
            request, "voting/_ballots.html", _panel_context(request, poll.meeting, results)
        )
        response["HX-Retarget"] = "#ballots"
        response["HX-Reswap"] = "innerHTML"
        return response
    if poll.secret:
        # A secret choice goes into no message store (a cookie, or the session in the database).
        return render(request, "voting/vote.html", _panel_context(request, poll.meeting, results))
    for message in results:
        messages.info(request, message)
    return redirect("voting:vote", poll.meeting_id)


@login_required
def chair(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_chair(request.user, meeting_pk)
    form = forms.PollForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and request.POST.get("action") == "current":
        item = agenda_item_of(meeting, request.POST.get("item"))
        services.meeting_current_item(meeting=meeting, user=request.user, item=item)
        return redirect("voting:chair", meeting.pk)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.poll_create(
                meeting=meeting,
                user=request.user,
                question=data["question"],
                agenda_item=data["agenda_item"],
                kind=data["kind"],
                decision_kind=data["decision_kind"],
                secret=data["secret"],
                candidates=data["candidates"].splitlines(),
                tellers=list(data["tellers"]),
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            return redirect("voting:chair", meeting.pk)
    polls = list(selectors.polls_of(meeting))
    for poll in polls:
        poll.meeting = meeting  # the actions ask the poll's meeting: this one, not a query each
    any_open = any(poll.status == PollStatus.OPEN for poll in polls)
    now = selectors.presence_now(meeting)
    quorum = selectors.quorum(meeting, max([p.quorum_percent for p in polls] or [0]), now=now)
    form_html, items = _poll_form_html(form)
    return render(
        request,
        "voting/chair.html",
        {
            "meeting": meeting,
            "form": form,
            "form_html": form_html,
            "polls": [
                (
                    poll,
                    selectors.poll_actions(
                        poll, request.user, quorum_now=quorum, any_open=any_open
                    ),
                )
                for poll in polls
            ],
            "items": items,
            "quorum": quorum,
            "present": selectors.presence(meeting, now=now),
        },
    )


# The chair's form to prepare a poll as crispy renders it, once per process for the choices it
# offers (the agenda items, the holders of a teller key) and the language: its widgets and
# crispy's templates were a quarter of the page, for the same HTML at every visit.
_POLL_FORMS: dict[tuple, str] = {}
_MAX_POLL_FORMS = 256  # meetings' agendas, tellers and languages; emptied when full
_CHOICE_FIELDS = ("agenda_item", "tellers")


def _poll_form_html(form: forms.PollForm) -> tuple[str, list]:
    """`form|crispy`, and the meeting's agenda items (the choices of its first field, which the
    page lists as well). A bound form (its data and errors) is rendered every time."""
    choices = {}
    for name in _CHOICE_FIELDS:
        # Read once (one query, not a server-side cursor) for the key, the items and, on a
        # miss, the render: the choices as the field's own iterator makes them.
        field = form.fields[name]
        made = field.iterator(field)
        empty = [("", field.empty_label)] if field.empty_label is not None else []
        field.widget.choices = choices[name] = empty + [made.choice(o) for o in field.queryset]
    items = [value.instance for value, _label in choices["agenda_item"] if value != ""]
    if form.is_bound:
        return as_crispy_form(form), items
    key = (
        get_language(),
        form.prefix,
        form.auto_id,
        *(tuple((str(value), str(label)) for value, label in choices[n]) for n in _CHOICE_FIELDS),
    )
    html = _POLL_FORMS.get(key)
    if html is None:
        if len(_POLL_FORMS) >= _MAX_POLL_FORMS:
            _POLL_FORMS.clear()
        html = _POLL_FORMS[key] = as_crispy_form(form)
    return html, items


@login_required
def live(request: HttpRequest, poll_pk: int) -> HttpResponse:
    """Turnout, and the tally where the poll is named or closed; polled every second."""
    poll = selectors.poll_for_user(request.user, poll_pk)
    return render(
        request,
        "voting/_live.html",
        {
            "poll": poll,
            "turnout": selectors.turnout(poll),
            "present": len(selectors.present_members(poll.meeting)),
            "counts": selectors.tally_shown(poll),
            "rule": selectors.rule_text(poll),
            "waiting": selectors.tellers_waiting(poll),
        },
    )


@login_required
@require_POST
def poll_transition(request: HttpRequest, poll_pk: int, action: str) -> HttpResponse:
    poll = selectors.poll_for_user(request.user, poll_pk)
    service = {"open": services.poll_open, "close": services.poll_close}.get(action)
    if service is None:
        raise Http404
    try:
        service(poll=poll, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("voting:chair", poll.meeting_id)


@login_required
def poll_detail(request: HttpRequest, poll_pk: int) -> HttpResponse:
    poll = selectors.poll_for_user(request.user, poll_pk)
    context = {
        "poll": poll,
        "rule": selectors.rule_text(poll),
        "result": selectors.result_available(poll),
        "teller": selectors.teller_of(poll, request.user),
    }
    if selectors.can_run_meeting(request.user):
        context["history"] = poll.history.select_related("history_user").order_by("-history_date")
    return render(request, "voting/poll_detail.html", context)


@login_required
def poll_csv(request: HttpRequest, poll_pk: int) -> HttpResponse:
    poll = selectors.poll_for_user(request.user, poll_pk)
    if not selectors.result_available(poll):
        raise Http404(_("The result is there when the poll has closed."))
    response, writer = csv_download(f"stemming-{poll.pk}.csv")
    writer.writerow([_("Member"), _("Present"), _("Voted"), _("As"), _("Cast by"), _("Choice")])
    for entry in documents.entitled_rows(poll):
        writer.writerow(
            [
                entry["name"],
                _("yes") if entry["present"] else _("no"),
                _("yes") if entry["voted"] else _("no"),
                entry["via_label"],
                entry["cast_by"],
                entry["choice"],
            ]
        )
    writer.writerow([])
    writer.writerow([_("Result"), poll.result_text])
    return response


@login_required
@require_POST
def poll_pdf(request: HttpRequest, poll_pk: int) -> HttpResponse:
    poll = selectors.poll_for_user(request.user, poll_pk)
    if not selectors.result_available(poll):
        raise Http404(_("The result is there when the poll has closed."))
    document = documents.poll_result_request(poll=poll, user=request.user)
    return redirect("documents:detail", public_id=document.public_id)


@login_required
def minutes_annex(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    """The polls of a meeting for its minutes: results, and per member for named polls."""
    meeting = selectors.meeting_for_voter(request.user, meeting_pk)
    polls = selectors.closed_polls(meeting)
    return render(request, "voting/_minutes_annex.html", {"meeting": meeting, "polls": polls})


# Decisions outside a meeting


@login_required
def resolution_list(request: HttpRequest) -> HttpResponse:
    if not (is_secretariat(request.user) or members_of_person(request.user).exists()):
        raise RuleDenied(
            _("Decisions outside a meeting are for the members and the secretariat."),
            code="resolution-members-and-secretariat-only",
        )
    resolutions = selectors.recent_resolutions()
    if not is_secretariat(request.user):
        resolutions = resolutions.exclude(status=ResolutionStatus.DRAFT)
    form = forms.ResolutionForm(request.POST or None) if is_secretariat(request.user) else None
    if request.method == "POST" and form is not None and form.is_valid():
        resolution = services.resolution_create(user=request.user, **form.cleaned_data)
        return redirect(resolution)
    return render(
        request, "voting/resolution_list.html", {"resolutions": resolutions, "form": form}
    )


@login_required
def resolution_detail(request: HttpRequest, pk: int) -> HttpResponse:
    resolution = get_object_or_404(WrittenResolution, pk=pk)
    secretariat = is_secretariat(request.user)
    mine = list(members_of_person(request.user).order_by("name"))
    if not secretariat and (not mine or resolution.status == ResolutionStatus.DRAFT):
        raise RuleDenied(
            _("Decisions outside a meeting are for the members and the secretariat."),
            code="resolution-members-and-secretariat-only",
        )
    board_form = forms.BoardForm(request.POST or None) if secretariat else None
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "board" and board_form is not None and board_form.is_valid():
                services.resolution_board_informed(
                    resolution=resolution,
                    user=request.user,
                    on=board_form.cleaned_data["on"],
                    note=board_form.cleaned_data["note"],
                )
            elif action == "open":
                services.resolution_open(resolution=resolution, user=request.user)
            elif action == "close":
                services.resolution_close(resolution=resolution, user=request.user)
            elif action == "answer":
                member = get_object_or_404(
                    members_of_person(request.user), pk=request.POST.get("member")
                )
                services.resolution_answer(
                    resolution=resolution,
                    member=member,
                    user=request.user,
                    answer=request.POST.get("answer", ""),
                )
                messages.success(
                    request, _("Your answer for %(member)s is recorded.") % {"member": member}
                )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect(resolution)
    answers = {a.member_id: a for a in resolution.answers.select_related("answered_by")}
    return render(
        request,
        "voting/resolution_detail.html",
        {
            "resolution": resolution,
            "secretariat": secretariat,
            "board_form": board_form,
            "mine": [(member, answers.get(member.pk)) for member in mine],
            "rows": [(entry, answers.get(entry["member"])) for entry in resolution.entitled],
        },
    )
