"""Pages for correcting an annex (replace its file, change its details, withdraw it) and for
reading its earlier versions. Thin, like `meetings.views`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from dimpact_portal.forms import form_add_service_errors
from meetings import forms, selectors, services
from meetings.models import Annex

ACTIONS = ("replace", "edit", "withdraw")


def _forms(request, meeting, annex, action):
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    initial = {
        "code": annex.code,
        "title": annex.title,
        "confidential": annex.confidential,
        "agenda_item": annex.agenda_item_id,
    }
    return {
        "replace": forms.AnnexReplaceForm(data if action == "replace" else None, files),
        "edit": forms.AnnexEditForm(
            data if action == "edit" else None, meeting=meeting, initial=initial
        ),
        "withdraw": forms.AnnexWithdrawForm(data if action == "withdraw" else None),
    }


def _call(action: str, annex: Annex, user, data: dict) -> str:
    if action == "replace":
        services.annex_replace(annex=annex, user=user, **data)
        return _("The file is replaced; the invitees are told of the new version.")
    if action == "edit":
        services.annex_edit(annex=annex, user=user, **data)
        return _("The annex is changed.")
    services.annex_withdraw(annex=annex, user=user, reason=data["reason"])
    return _("The annex is withdrawn; the invitees are told.")


@login_required
def annex_correct(request: HttpRequest, pk: int, annex_pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_secretariat(request.user, pk)
    annex = get_object_or_404(
        Annex.objects.select_related("agenda_item"), pk=annex_pk, agenda_item__meeting=meeting
    )
    action = request.POST.get("action") if request.method == "POST" else None
    page_forms = _forms(request, meeting, annex, action)
    form = page_forms.get(action)
    if form is not None and form.is_valid():
        try:
            done = _call(action, annex, request.user, dict(form.cleaned_data))
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("meetings:annex-correct", meeting.pk, annex.pk)
    return render(
        request,
        "meetings/annex_correct.html",
        {
            "meeting": meeting,
            "annex": annex,
            "forms": page_forms,
            "changes": selectors.annex_changes(annex),
            "reach": selectors.invitation_reach_shown(meeting, request.user),
        },
    )


@login_required
def annex_version_download(request: HttpRequest, pk: int, change_pk: int) -> HttpResponse:
    change = selectors.annex_change_for_download(request.user, pk, change_pk)
    response = FileResponse(
        change.old_file.open("rb"),
        as_attachment=True,
        filename=f"bijlage-{change.annex.code}-versie-{change.old_version}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response
