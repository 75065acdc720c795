"""Pages of the finance app: thin (permission helper, form, one service call, render)."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dimpact_portal.csv_export import csv_download
from dimpact_portal.forms import form_add_service_errors
from finance import selectors, services
from finance.constants import ProposalKind
from finance.forms import (
    AuditorForm,
    ExplanationForm,
    ExtensionForm,
    ImportForm,
    LineForm,
    ProposalForm,
    SignatureForm,
)


@login_required
def finance_index(request):
    return render(
        request,
        "finance/index.html",
        {
            "accounts_list": selectors.accounts_visible(request.user),
            "budgets": selectors.budgets_visible(request.user),
            "tariff_years": selectors.tariff_years()
            if selectors.can_read_all(request.user)
            else [],
            "can_enter": selectors.can_enter(request.user),
        },
    )


def _accounts_context(request, accounts) -> dict:
    prefetch_related_objects([accounts], "signatures")  # the calendar's and the table's
    can_enter = selectors.can_enter(request.user) and not accounts.frozen
    statements, tables, statements_digest, notes_digest = selectors.statements_for_page(
        accounts, cached=not can_enter
    )
    return {
        "accounts": accounts,
        "statements": statements,
        "tables": tables,
        "statements_digest": statements_digest,
        "notes_digest": notes_digest,
        "signatures": accounts.signatures.all(),
        "deadlines": selectors.accounts_deadlines(accounts),
        "proposals": selectors.proposals_of(accounts),
        "can_enter": can_enter,
        "can_read_all": selectors.can_read_all(request.user),
        "can_propose": selectors.can_propose(request.user),
        "can_prepare_poll": selectors.can_prepare_poll(request.user),
        "proposal_kinds": ProposalKind.choices[:3],
    }


@login_required
def accounts_detail(request, year: int):
    accounts = selectors.accounts_for_user(request.user, year, _version(request))
    return render(request, "finance/accounts_detail.html", _accounts_context(request, accounts))


def _version(request) -> int | None:
    value = request.GET.get("versie", "")
    return int(value) if value.isdigit() else None


@login_required
def accounts_report(request, year: int):
    accounts = selectors.accounts_for_user(request.user, year, _version(request))
    form = ExplanationForm(request.POST or None)
    if request.method == "POST":
        selectors.only_the_controller(request.user)
        if form.is_valid():
            try:
                services.explanation_record(
                    accounts=accounts, user=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("The explanation was recorded."))
            return redirect("finance:accounts-report", year=year)
    return render(
        request,
        "finance/accounts_report.html",
        {
            "accounts": accounts,
            "report": selectors.accounts_report(accounts),
            "can_explain": selectors.can_enter(request.user) and not accounts.frozen,
        },
    )


@login_required
def accounts_ratios(request, year: int):
    accounts = selectors.accounts_for_user(request.user, year, _version(request))
    years = selectors.accounts_ratios(accounts)
    return render(
        request,
        "finance/accounts_ratios.html",
        {"accounts": accounts, "years": years, "chart": selectors.ratios_chart(years)},
    )


@login_required
def accounts_export(request, year: int):
    accounts = selectors.accounts_for_user(request.user, year, _version(request))
    response = HttpResponse(
        selectors.accounts_export(accounts), content_type="application/yaml; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="jaarrekening-{accounts.year}-v{accounts.version}.yaml"'
    )
    return response


@login_required
def accounts_import(request):
    selectors.only_the_controller(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            accounts = services.accounts_import(
                user=request.user, content=form.cleaned_data["file"].read()
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(
                request, _("The annual accounts %(year)s were imported.") % {"year": accounts.year}
            )
            return redirect("finance:accounts-detail", year=accounts.year)
    return render(
        request,
        "finance/form.html",
        {"form": form, "title": _("Import annual accounts"), "multipart": True},
    )


@login_required
def line_edit(request, year: int, code: str):
    selectors.only_the_controller(request.user)
    accounts = selectors.accounts_for_user(request.user, year, _version(request))
    line = selectors.line_of(accounts, code)
    form = LineForm(
        request.POST or None,
        initial={"label": line.label, "amount": line.amount, "prior_amount": line.prior_amount},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.accounts_line_update(line=line, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return redirect("finance:accounts-detail", year=year)
    return render(request, "finance/form.html", {"form": form, "title": line.label})


@login_required
def signature_edit(request, year: int, pk: int):
    selectors.only_the_controller(request.user)
    accounts = selectors.accounts_for_user(request.user, year)
    signature = get_object_or_404(accounts.signatures, pk=pk)
    form = SignatureForm(
        request.POST or None,
        initial={"signed_on": signature.signed_on, "missing_reason": signature.missing_reason},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.signature_record(signature=signature, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return redirect("finance:accounts-detail", year=year)
    return render(request, "finance/form.html", {"form": form, "title": signature.name})


@login_required
def auditor_edit(request, year: int):
    selectors.only_the_controller(request.user)
    accounts = selectors.accounts_for_user(request.user, year)
    initial = {name: getattr(accounts, name) for name in AuditorForm.base_fields}
    form = AuditorForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.accounts_update(accounts=accounts, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return redirect("finance:accounts-detail", year=year)
    return render(
        request,
        "finance/form.html",
        {"form": form, "title": _("Auditor's opinion and appropriation")},
    )


@login_required
def extension_edit(request, year: int):
    # The form only for who may record the extension (`services.extension_grant`'s rule).
    selectors.only_proposers(request.user)
    accounts = selectors.accounts_for_user(request.user, year)
    form = ExtensionForm(request.POST or None, initial={"months": accounts.extension_months})
    if request.method == "POST" and form.is_valid():
        try:
            services.extension_grant(
                accounts=accounts, user=request.user, months=form.cleaned_data["months"]
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return redirect("finance:accounts-detail", year=year)
    return render(
        request,
        "finance/form.html",
        {"form": form, "title": _("Extension of the drawing-up period")},
    )


@login_required
@require_POST
def accounts_new_version(request, year: int):
    accounts = selectors.accounts_for_user(request.user, year)
    try:
        new = services.accounts_new_version(accounts=accounts, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("finance:accounts-detail", year=year)
    messages.success(request, _("Version %(v)s was made for the correction.") % {"v": new.version})
    return redirect("finance:accounts-detail", year=year)


@login_required
@require_POST
def proposal_create(request, year: int):
    accounts = selectors.accounts_for_user(request.user, year)
    form = ProposalForm(request.POST)
    if not form.is_valid() or accounts.agenda_item is None:
        messages.error(request, _("Put the accounts on an agenda item of the assembly first."))
        return redirect("finance:accounts-detail", year=year)
    try:
        services.proposal_create(
            kind=form.cleaned_data["kind"],
            agenda_item=accounts.agenda_item,
            user=request.user,
            accounts=accounts,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("finance:accounts-detail", year=year)


@login_required
@require_POST
def proposal_poll(request, year: int, pk: int):
    selectors.only_poll_preparers(request.user)
    accounts = selectors.accounts_for_user(request.user, year)
    proposal = get_object_or_404(selectors.proposals_of(accounts), pk=pk)
    try:
        services.proposal_poll_create(proposal=proposal, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The poll was prepared; the chair opens it in the meeting."))
    return redirect("finance:accounts-detail", year=year)


@login_required
@require_POST
def accounts_pdf(request, year: int):
    from finance.documents import accounts_summary_request

    selectors.only_readers(request.user)
    accounts = selectors.accounts_for_user(request.user, year)
    document = accounts_summary_request(accounts=accounts, user=request.user)
    return redirect("documents:detail", public_id=document.public_id)


@login_required
def budget_detail(request, year: int):
    budget = selectors.budget_for_user(request.user, year)
    return render(request, "finance/budget_detail.html", {"budget": budget})


@login_required
def tariffs(request, year: int):
    selectors.only_readers(request.user)
    tariff, rows = selectors.contributions(year)
    # Each member's link from one reverse (a slug needs no escaping but non-ASCII letters).
    before, after = reverse("finance:tariff-member", args=[tariff.year, "slug"]).rsplit("slug", 1)
    rows = [(member, c, f"{before}{quote(member.slug)}{after}") for member, c in rows]
    return render(
        request,
        "finance/tariffs.html",
        {"tariff": tariff, "rows": rows, "digest": selectors.contributions_digest(rows)},
    )


@login_required
def tariffs_csv(request, year: int):
    selectors.only_readers(request.user)
    tariff, rows = selectors.contributions(year)
    response, writer = csv_download(f"bijdragen-{year}.csv")
    if tariff.example:
        writer.writerow([_("EXAMPLE VALUES, not the association's tariffs")])
    writer.writerow(
        [
            _("Member"),
            _("Inhabitants"),
            _("Services"),
            _("Services (€)"),
            _("Discount (%)"),
            _("Discount (€)"),
            _("Surcharge (€)"),
            _("Contribution (€)"),
        ]
    )
    for member, c in rows:
        writer.writerow(
            [
                member.name,
                c.inhabitants if c.inhabitants is not None else "",
                ", ".join(part.name for part in c.services),
                _cents(c.services_cents),
                c.discount_percent,
                _cents(c.discount_cents),
                _cents(c.surcharge_cents),
                c.total_euros if c.total_euros is not None else "",
            ]
        )
    return response


def _cents(value: int) -> str:
    return f"{value // 100},{value % 100:02d}"


@login_required
def tariff_member(request, year: int, slug: str):
    tariff, member, contribution = selectors.contribution_for_user(request.user, year, slug)
    return render(
        request,
        "finance/tariff_member.html",
        {"tariff": tariff, "member": member, "c": contribution},
    )


def public_accounts(request, year: int):
    """Adopted accounts on the public pages (no log-in)."""
    accounts = selectors.accounts_public(year)
    context = _accounts_context(request, accounts)
    context.update(can_enter=False, can_propose=False, can_prepare_poll=False, public=True)
    return render(request, "finance/accounts_public.html", context)


def public_index(request):
    return render(
        request, "finance/public_index.html", {"accounts_list": selectors.accounts_published()}
    )
