"""Pages of the member register. Thin: permission, form, one service call, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import is_secretariat
from dimpact_portal.paging import page_of
from dimpact_portal.rules import RuleDenied
from members import selectors, services
from members.constants import MandateKind
from members.forms import (
    ChangeProposalForm,
    MemberLeaveForm,
    ProposalDecisionForm,
    RegisterFilterForm,
)
from members.models import Member


@login_required
def member_list(request: HttpRequest) -> HttpResponse:
    form = RegisterFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    on = filters.get("on") or timezone.localdate()
    members = selectors.member_register(
        on=on, region=filters.get("region", ""), size_class=filters.get("size_class", "")
    )
    page, query = page_of(request, members)
    # One reverse for the page, not one per row: a slug needs no quoting in a path.
    detail = reverse("members:member-detail", args=["-"])[: -len("-/")]
    rows = [(*row, f"{detail}{row[0].slug}/") for row in selectors.register_rows(page.object_list)]
    return render(
        request,
        "members/member_list.html",
        {"form": form, "rows": rows, "on": on, "page": page, "query": query},
    )


@login_required
def member_detail(request: HttpRequest, slug: str) -> HttpResponse:
    member = get_object_or_404(Member.objects.prefetch_related("services"), slug=slug)
    private = selectors.can_see_member_records(request.user, member)
    context = {
        "member": member,
        "private": private,
        "representative": selectors.mandate_current(member, MandateKind.REPRESENTATIVE),
        "secretary": selectors.mandate_current(member, MandateKind.SECRETARY),
        "mandates": member.mandates.select_related("user").order_by("kind", "-starts_on"),
        "can_propose": selectors.member_can_propose(request.user, member),
        "can_record_leaving": selectors.member_can_record_leaving(request.user, member),
    }
    if private:
        context["proposals"] = selectors.proposals_of_member(member)
    if is_secretariat(request.user):
        context["history"] = member.history.select_related("history_user")[:50]
    return render(request, "members/member_detail.html", context)


@login_required
def proposal_create(request: HttpRequest, slug: str) -> HttpResponse:
    member = selectors.member_for_change(request.user, slug)
    form = ChangeProposalForm(request.POST or None, member=member)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.change_proposal_submit(
                member=member,
                proposed_by=request.user,
                changes=form.to_changes(),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your proposal was sent to the secretariat."))
            return redirect("members:proposal-detail", pk=proposal.pk)
    return render(request, "members/proposal_form.html", {"form": form, "member": member})


@login_required
def member_leave(request: HttpRequest, slug: str) -> HttpResponse:
    if not is_secretariat(request.user):
        raise RuleDenied(
            _("Only the secretariat keeps the member register."),
            code="member-register-kept-by-secretariat",
        )
    member = get_object_or_404(Member, slug=slug)
    form = MemberLeaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_leave(member=member, recorded_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("The leaving of %(member)s is recorded.") % {"member": member}
            )
            return redirect("members:member-detail", slug=member.slug)
    return render(request, "members/member_leave.html", {"form": form, "member": member})


@login_required
def proposal_list(request: HttpRequest) -> HttpResponse:
    if not is_secretariat(request.user):
        raise RuleDenied(
            _("Only the secretariat handles change proposals."),
            code="change-proposal-decided-by-secretariat",
        )
    return render(
        request, "members/proposal_list.html", {"proposals": selectors.proposals_pending()}
    )


@login_required
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_for_user(request.user, pk)
    return render(
        request,
        "members/proposal_detail.html",
        {
            "proposal": proposal,
            "rows": selectors.proposal_rows(proposal),
            "form": ProposalDecisionForm(),
            "can_decide": selectors.proposal_can_decide(request.user, proposal),
        },
    )


@require_POST
@login_required
def proposal_decide(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_for_user(request.user, pk)
    form = ProposalDecisionForm(request.POST)
    if form.is_valid():
        decide = (
            services.change_proposal_confirm
            if "confirm" in request.POST
            else services.change_proposal_reject
        )
        try:
            decide(proposal=proposal, decided_by=request.user, note=form.cleaned_data["note"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The decision was recorded."))
            return redirect("members:proposal-detail", pk=proposal.pk)
    return render(
        request,
        "members/proposal_detail.html",
        {
            "proposal": proposal,
            "rows": selectors.proposal_rows(proposal),
            "form": form,
            "can_decide": selectors.proposal_can_decide(request.user, proposal),
        },
        status=400,
    )


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
