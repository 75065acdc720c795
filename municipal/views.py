"""Pages of the municipal app. Thin: permission, form, one service call, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import is_secretariat
from dimpact_portal.forms import form_add_service_errors
from dimpact_portal.rules import RuleDenied
from documents import selectors as document_selectors
from documents.constants import DocumentKind
from meetings.selectors import meeting_for_secretariat, meeting_for_user
from members.selectors import member_register
from municipal import forms, note, package, selectors, services


@login_required
def meeting_panel(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    """On the meeting page: the reader's meeting pack and, for a member's secretary, the
    member's decision note and decision."""
    meeting = meeting_for_user(request.user, meeting_pk)
    rows = [
        (member, selectors.executive_decision(meeting, member))
        for member in selectors.members_kept_by(request.user, meeting)
    ]
    overview = is_secretariat(request.user) and meeting.is_assembly
    return render(
        request,
        "municipal/_meeting_panel.html",
        {"meeting": meeting, "rows": rows, "overview": overview},
    )


@login_required
@require_POST
def pack(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    meeting = meeting_for_user(request.user, meeting_pk)
    document = services.pack_request(meeting=meeting, user=request.user)
    return redirect("documents:detail", public_id=document.public_id)


def _dossier_context(request, meeting, member) -> dict:
    decision = selectors.executive_decision(meeting, member)  # read once for the whole page
    dossier = decision.dossier if decision else selectors.dossier_of(meeting, member)
    return {
        "meeting": meeting,
        "member": member,
        "dossier": dossier,
        "decision": decision,
        "note_pdf": dossier
        and document_selectors.document_latest(kind=DocumentKind.DECISION_NOTE, source=dossier),
        "content": note.note_content_of(meeting, member, decision),
        "upload_form": forms.UploadForm(),
        "history": selectors.decision_history_of(decision),
        "agenda_ready": document_selectors.document_latest(
            kind=DocumentKind.AGENDA, source=meeting, ready=True
        )
        is not None,
    }


@login_required
def dossier(request: HttpRequest, meeting_pk: int, slug: str) -> HttpResponse:
    meeting, member = selectors.dossier_meeting_member(request.user, meeting_pk, slug)
    return render(request, "municipal/dossier.html", _dossier_context(request, meeting, member))


@login_required
def decision(request: HttpRequest, meeting_pk: int, slug: str) -> HttpResponse:
    meeting, member = selectors.dossier_meeting_member(request.user, meeting_pk, slug)
    form = forms.ExecutiveDecisionForm(
        request.POST or None,
        meeting=meeting,
        initial=selectors.decision_form_initial(meeting, member),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.executive_decision_record(
                meeting=meeting,
                member=member,
                user=request.user,
                body=data["body"],
                date=data["date"],
                note_number=data["note_number"],
                positions=form.positions(),
                holder=form.holder(),
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(
                request, _("The executive's decision is recorded; the proxy form uses it.")
            )
            return redirect("municipal:dossier", meeting_pk=meeting.pk, slug=member.slug)
    return render(
        request,
        "municipal/decision_form.html",
        {"form": form, "meeting": meeting, "member": member},
    )


@login_required
def note_docx(request: HttpRequest, meeting_pk: int, slug: str) -> HttpResponse:
    meeting, member = selectors.dossier_meeting_member(request.user, meeting_pk, slug)
    content = note.note_content(meeting, member)
    response = HttpResponse(
        note.note_docx(content),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    filename = f"nota-alv-{meeting.date:%Y-%m-%d}-{member.slug}.docx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def note_pdf(request: HttpRequest, meeting_pk: int, slug: str) -> HttpResponse:
    meeting, member = selectors.dossier_meeting_member(request.user, meeting_pk, slug)
    document = services.decision_note_request(meeting=meeting, member=member, user=request.user)
    return redirect("documents:detail", public_id=document.public_id)


@login_required
@require_POST
def upload(request: HttpRequest, meeting_pk: int, slug: str) -> HttpResponse:
    meeting, member = selectors.dossier_meeting_member(request.user, meeting_pk, slug)
    form = forms.UploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.dossier_upload(
                meeting=meeting,
                member=member,
                user=request.user,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        except PermissionDenied as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The signed document is stored for publication."))
    else:
        messages.error(request, _("Choose the document and its PDF."))
    return redirect("municipal:dossier", meeting_pk=meeting.pk, slug=member.slug)


@login_required
def publication(request: HttpRequest, meeting_pk: int, slug: str) -> HttpResponse:
    meeting, member = selectors.dossier_meeting_member(request.user, meeting_pk, slug)
    response = HttpResponse(
        package.publication_package(meeting, member), content_type="application/zip"
    )
    filename = f"publicatie-alv-{meeting.date:%Y-%m-%d}-{member.slug}.zip"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def overview(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    """The secretariat's view of every member's decision for the assembly."""
    meeting = meeting_for_secretariat(request.user, meeting_pk)
    if not meeting.is_assembly:
        raise RuleDenied(
            _("Decision notes are made for assemblies only."), code="municipal-not-an-assembly"
        )
    # The page shows each member's name and link: not the register's current mandates.
    members = member_register(on=meeting.date).prefetch_related(None).only("name", "slug")
    decisions = selectors.executive_decisions(meeting)
    # One reverse() for the page, not one per member: a slug needs no quoting in a path.
    dossier_url = reverse("municipal:dossier", args=[meeting.pk, "-slug-"])
    rows = [
        (member, decisions.get(member.pk), dossier_url.replace("/-slug-/", f"/{member.slug}/"))
        for member in members.order_by("name")
    ]
    return render(request, "municipal/overview.html", {"meeting": meeting, "rows": rows})
