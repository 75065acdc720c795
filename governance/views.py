"""Pages of the supervisory board. Thin: permission (selectors), form, one service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dimpact_portal.forms import form_add_service_errors
from governance import selectors, services
from governance.forms import EvaluationForm, OnDateForm


def _on(request: HttpRequest):
    form = OnDateForm(request.GET or None)
    on = form.cleaned_data.get("on") if form.is_valid() else None
    return form, on or timezone.localdate()


@login_required
def board(request: HttpRequest) -> HttpResponse:
    selectors.require_board(request.user)
    form, on = _on(request)
    context = {
        "form": form,
        "on": on,
        "composition": selectors.composition(on),
        "flags": selectors.board_flags(on),
        "proposals": selectors.proposals_pending(),
        "vacancies": selectors.vacancies_open(on),
        "commissioners": selectors.commissioners(),
        "evaluations": selectors.evaluations(),
    }
    return render(request, "governance/board.html", context)


@login_required
def roster(request: HttpRequest) -> HttpResponse:
    selectors.require_roster(request.user)
    form, on = _on(request)
    context = {
        "form": form,
        "on": on,
        "rows": selectors.roster(on),
        "lapsed": selectors.terms_lapsed(on),
        "board": selectors.can_see_board(request.user),
    }
    return render(request, "governance/roster.html", context)


@login_required
@require_POST
def roster_pdf(request: HttpRequest) -> HttpResponse:
    _form, on = _on(request)
    document = services.roster_document_request(on=on, user=request.user)
    return redirect("documents:detail", public_id=document.public_id)


@login_required
def commissioner_detail(request: HttpRequest, slug: str) -> HttpResponse:
    commissioner = selectors.commissioner_for_user(request.user, slug)
    context = {
        "commissioner": commissioner,
        "terms": selectors.terms_of(commissioner),
        "portfolio": selectors.portfolio_labels(commissioner.portfolios),
    }
    return render(request, "governance/commissioner_detail.html", context)


@login_required
def attendance(request: HttpRequest, year: int) -> HttpResponse:
    selectors.require_board(request.user)
    context = {
        "year": year,
        "table": selectors.attendance_table(year),
        "rates": selectors.attendance_rates(year),
    }
    return render(request, "governance/attendance.html", context)


@login_required
def wnt(request: HttpRequest, year: int) -> HttpResponse:
    selectors.require_board(request.user)
    context = {"year": year, "norm": selectors.wnt_norm(year), "rows": selectors.wnt_rows(year)}
    return render(request, "governance/wnt.html", context)


@login_required
def evaluation_result(request: HttpRequest, year: int) -> HttpResponse:
    selectors.require_board(request.user)
    evaluation = selectors.evaluation_of_year(year)
    context = {
        "result": selectors.evaluation_result(evaluation),
        "answered": selectors.has_answered(request.user, evaluation),
        "can_answer": selectors.can_answer_evaluation(request.user),
    }
    return render(request, "governance/evaluation_result.html", context)


@login_required
def evaluation_answer(request: HttpRequest, year: int) -> HttpResponse:
    # The questionnaire only for who may answer it (the service's rule), not the whole board.
    selectors.require_evaluation_answerer(request.user)
    evaluation = selectors.evaluation_of_year(year)
    statements = evaluation.statements.order_by("position")
    form = EvaluationForm(request.POST or None, statements=statements)
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_submit(
                evaluation=evaluation, user=request.user, scores=form.scores()
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you: your answers are stored without your name."))
            return redirect("governance:evaluation", year=year)
    return render(
        request, "governance/evaluation_form.html", {"form": form, "evaluation": evaluation}
    )
