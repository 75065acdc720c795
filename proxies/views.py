"""Pages of the proxies app. Thin: permission, form, one service call, render."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import is_secretariat
from dimpact_portal.csv_export import csv_download
from dimpact_portal.forms import form_add_service_errors
from dimpact_portal.paging import page_of
from dimpact_portal.rules import RuleDenied
from meetings.selectors import meeting_for_user, meeting_get_or_404
from members.selectors import members_of_person
from municipal import selectors as municipal_selectors
from proxies import forms, selectors, services
from statutes.selectors import association_current

if TYPE_CHECKING:
    from meetings.models import Meeting


def _refusal_reason(meeting: Meeting) -> str:
    if not selectors.meeting_accepts_proxies(meeting):
        return _("Proxies can be filed only for an assembly that is convened and not yet closed.")
    if selectors.proxy_is_late(meeting):
        return _(
            "The meeting has started: a proxy can no longer be filed; the secretariat can "
            "still file one, with a reason."
        )
    return _("Only this member's secretary can file its proxy.")


@login_required
def proxy_file(request: HttpRequest, meeting_pk: int, slug: str) -> HttpResponse:
    meeting = meeting_for_user(request.user, meeting_pk)
    member = selectors.member_for_proxy(request.user, meeting, slug)
    existing = selectors.proxy_active(meeting, member)
    if existing is not None:
        messages.info(
            request, _("%(member)s already has a proxy for this meeting.") % {"member": member}
        )
        return redirect(existing)
    if not selectors.proxy_may_file(request.user, meeting, member):
        messages.error(request, _refusal_reason(meeting))
        return redirect(meeting)
    form = forms.ProxyForm(
        request.POST or None,
        request.FILES or None,
        meeting=meeting,
        member=member,
        late=selectors.proxy_is_late(meeting),
        # The executive's decision, when the secretary recorded it, fills in the form.
        initial=municipal_selectors.proxy_initial(meeting, member),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            proxy = services.proxy_file(
                meeting=meeting,
                member=member,
                filed_by=request.user,
                holder=data["holder"],
                signatory_name=data["signatory_name"],
                signatory_function=data["signatory_function"],
                signed_on=data["signed_on"],
                decision_reference=data["decision_reference"],
                decision_date=data["decision_date"],
                instructions=data["instructions"],
                scan=data.get("scan"),
                reason=data.get("reason", ""),
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        except PermissionDenied as error:
            messages.error(request, str(error))
            return redirect(meeting)
        else:
            messages.success(request, _("The proxy is filed; its letter is being made."))
            return redirect(proxy)
    return render(
        request, "proxies/proxy_form.html", {"form": form, "meeting": meeting, "member": member}
    )


@login_required
def proxy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proxy = selectors.proxy_for_user(request.user, pk)
    return render(
        request,
        "proxies/proxy_detail.html",
        {
            "proxy": proxy,
            "instructions": proxy.instructions.select_related("agenda_item"),
            "letter": selectors.proxy_letter(proxy),
            "history": proxy.history.select_related("history_user")[:50],
            "state": selectors.proxy_state(proxy, request.user),
            "signed_required": association_current().proxy_signed_letter_required,
        },
    )


@login_required
def proxy_edit(request: HttpRequest, pk: int) -> HttpResponse:
    proxy = selectors.proxy_for_user(request.user, pk)
    state = selectors.proxy_state(proxy, request.user)
    if not state.may_change:
        messages.error(request, _change_refusal(state))
        return redirect(proxy)
    initial = {
        "holder_name": proxy.holder_name,
        "holder_function": proxy.holder_function,
        "holder_organisation": proxy.holder_organisation,
        "holder_email": proxy.holder_email,
        "signatory_name": proxy.signatory_name,
        "signatory_function": proxy.signatory_function,
        "signed_on": proxy.signed_on,
        "decision_reference": proxy.decision_reference,
        "decision_date": proxy.decision_date,
        **{f"item_{i.agenda_item_id}": i.position for i in proxy.instructions.all()},
    }
    form = forms.ProxyForm(
        request.POST or None,
        request.FILES or None,
        meeting=proxy.meeting,
        member=proxy.member,
        change=True,
        late=state.late,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.proxy_change(
                proxy=proxy,
                user=request.user,
                reason=data.get("reason", ""),
                scan=data.get("scan"),
                instructions=data["instructions"],
                holder=data["holder"],
                signatory_name=data["signatory_name"],
                signatory_function=data["signatory_function"],
                signed_on=data["signed_on"],
                decision_reference=data["decision_reference"],
                decision_date=data["decision_date"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        except PermissionDenied as error:
            messages.error(request, str(error))
            return redirect(proxy)
        else:
            messages.success(request, _("The proxy is changed; a new letter is being made."))
            return redirect(proxy)
    return render(
        request,
        "proxies/proxy_form.html",
        {"form": form, "meeting": proxy.meeting, "member": proxy.member, "proxy": proxy},
    )


def _change_refusal(state: selectors.ProxyState) -> str:
    if not state.active:
        return _("This proxy was revoked; file a new one instead.")
    if state.late:
        return _(
            "The meeting has started: only the secretariat can still change or revoke this proxy."
        )
    return _("Only this member's secretary can change its proxy.")


@login_required
@require_POST
def proxy_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    proxy = selectors.proxy_for_user(request.user, pk)
    form = forms.RevokeForm(request.POST)
    form.is_valid()
    try:
        services.proxy_revoke(
            proxy=proxy, user=request.user, reason=form.cleaned_data.get("reason", "")
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    except PermissionDenied as error:
        messages.error(request, str(error))  # the reason on the page, not a bare 403
    else:
        messages.success(request, _("The proxy is revoked."))
    return redirect(proxy)


@login_required
def proxy_scan(request: HttpRequest, pk: int) -> HttpResponse:
    proxy = selectors.proxy_for_user(request.user, pk)
    if not proxy.scan:
        raise Http404
    return FileResponse(
        proxy.scan.open("rb"),
        as_attachment=True,
        filename=f"volmacht-{proxy.member.slug}.pdf",
        content_type="application/pdf",
    )


@login_required
def meeting_panel(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    """The proxy panel on a meeting page: per member of the user, its proxy or what to do;
    for a holder, the proxies it holds."""
    meeting = meeting_get_or_404(meeting_pk)
    if not selectors.holds_proxy_for(request.user, meeting):
        meeting = meeting_for_user(request.user, meeting_pk)
    rows = selectors.meeting_panel_rows(meeting, request.user)
    held = (
        selectors.proxies_held(meeting, request.user.email).select_related("member")
        if request.user.email
        else []
    )
    return render(
        request,
        "proxies/_meeting_panel.html",
        {"meeting": meeting, "rows": rows, "held": held},
    )


@login_required
@require_POST
def register_attendance(request: HttpRequest, meeting_pk: int, slug: str) -> HttpResponse:
    meeting = meeting_for_user(request.user, meeting_pk)
    member = get_object_or_404(members_of_person(request.user), slug=slug)
    try:
        services.attendance_register_representative(
            meeting=meeting, member=member, user=request.user
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("The representative of %(member)s is registered.") % {"member": member}
        )
    return redirect(meeting)


def _overview_meeting(request, meeting_pk: int) -> Meeting:
    if not is_secretariat(request.user):
        raise RuleDenied(
            _("Only the secretariat sees every member's proxy."),
            code="proxy-overview-secretariat-only",
        )
    return meeting_get_or_404(meeting_pk)


@login_required
def overview(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    meeting = _overview_meeting(request, meeting_pk)
    if request.method == "POST":
        changed = services.attendance_derive(meeting=meeting, user=request.user)
        messages.success(
            request,
            _("%(count)s rows of the attendance list filled from the proxies.")
            % {"count": changed},
        )
        return redirect("meetings:attendance", meeting.pk)
    rows, counts = selectors.meeting_overview(meeting)
    page, query = page_of(request, rows)
    return render(
        request,
        "proxies/overview.html",
        {
            "meeting": meeting,
            "rows": page.object_list,
            "page": page,
            "query": query,
            "counts": counts,
            "items": selectors.decision_items(meeting),
        },
    )


@login_required
def overview_csv(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    meeting = _overview_meeting(request, meeting_pk)
    rows, _counts = selectors.meeting_overview(meeting)
    items = list(selectors.decision_items(meeting))
    response, writer = csv_download(f"volmachten-{meeting.date:%Y-%m-%d}.csv")
    writer.writerow(
        [
            _("Member"),
            _("Holder"),
            _("Function"),
            _("Organisation"),
            _("Signed by"),
            _("Decision"),
            _("Signed letter"),
            _("Letter ready"),
            *[f"{i.position}. {i.title}" for i in items],
        ]
    )
    for row in rows:
        proxy = row.proxy
        positions = {i.agenda_item_id: str(i.label) for i in row.instructions}
        writer.writerow(
            [
                row.member.name,
                proxy.holder_name if proxy else (row.present or ""),
                proxy.holder_function if proxy else "",
                proxy.holder_organisation if proxy else "",
                proxy.signatory_name if proxy else "",
                proxy.decision_reference if proxy else "",
                _("yes") if proxy and proxy.scan else "",
                _("yes") if row.letter == "ready" else "",
                *[positions.get(i.pk, "") for i in items],
            ]
        )
    return response
