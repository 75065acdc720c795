"""Pages of the meetings app. Thin: permission, form, one service call, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dimpact_portal.forms import form_add_service_errors
from dimpact_portal.paging import page_of
from meetings import documents, forms, selectors, services
from meetings.calendar import meeting_ics
from meetings.constants import StandardItem
from meetings.models import ActionItem, Annex, Attendance, MinutesEntry
from meetings.tasks import agenda_text


def _flash(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _context(request, meeting, tab: str, minutes=None, **extra):
    """What every meeting tab shows: the meeting, and what the user may do with it now."""
    return {
        "meeting": meeting,
        "tab": tab,
        "can": selectors.meeting_actions(meeting=meeting, user=request.user, minutes=minutes),
        "confidential_ok": selectors.can_see_confidential(request.user, meeting),
        "minutes": minutes,
        **extra,
    }


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    meetings = selectors.meetings_visible(request.user)
    # The earlier meetings a page at a time (the list grows every year).
    page, query = page_of(request, meetings.filter(date__lt=today).order_by("-date", "-pk"))
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "upcoming": meetings.filter(date__gte=today).order_by("date"),
            "past": page.object_list,
            "page": page,
            "query": query,
            "manage": selectors.can_manage_meetings(request.user),
            # The link only for who may open it (voting's resolution list: the members' people
            # and the secretariat); the others got a button that answered 403.
            "resolutions": selectors.can_manage_meetings(request.user)
            or selectors.is_member_person(request.user),
        },
    )


@login_required
def meeting_create(request: HttpRequest) -> HttpResponse:
    selectors.only_secretariat_prepares(request.user)
    form = forms.MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(created_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("The meeting was created with the standard agenda."))
            return redirect("meetings:meeting-detail", meeting.pk)
    return render(request, "meetings/meeting_form.html", {"form": form})


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_secretariat(request.user, pk)
    form = forms.MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(meeting=meeting, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return redirect("meetings:meeting-detail", meeting.pk)
    return render(request, "meetings/meeting_form.html", {"form": form, "meeting": meeting})


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_user(request.user, pk)
    return render(
        request,
        "meetings/meeting_detail.html",
        _context(
            request,
            meeting,
            "agenda",
            rows=selectors.agenda_rows(meeting, request.user),
            reach=selectors.invitation_reach_shown(meeting, request.user),
        ),
    )


@login_required
def meeting_ics_download(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_user(request.user, pk)
    response = HttpResponse(
        meeting_ics(meeting, agenda_text=agenda_text(meeting)), content_type="text/calendar"
    )
    response["Content-Disposition"] = f'attachment; filename="vergadering-{meeting.pk}.ics"'
    return response


LIFECYCLE = {
    "convene": (services.meeting_convene, _("The agenda was sent to every invitee.")),
    "open": (services.meeting_open, _("The meeting is open.")),
    "close": (services.meeting_close, _("The meeting is closed.")),
    "publish": (services.meeting_publish, _("The decisions are published.")),
}


@login_required
@require_POST
def meeting_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    meeting = selectors.meeting_for_user(request.user, pk)
    if action not in LIFECYCLE:
        raise Http404
    service, done = LIFECYCLE[action]
    try:
        service(meeting=meeting, user=request.user)
    except ValidationError as error:
        _flash(request, error)
    else:
        if action == "convene":
            _flash_reach(request, meeting)
        else:
            messages.success(request, done)
    return redirect("meetings:meeting-detail", meeting.pk)


def _flash_reach(request, meeting) -> None:
    """Convening says how many addresses the agenda goes to, and who it misses."""
    reach = selectors.invitation_reach(meeting)
    sent = _("The agenda goes to %(count)s e-mail addresses.") % {"count": reach.addresses}
    if reach.complete:
        messages.success(request, sent)
    else:
        messages.warning(
            request,
            sent
            + " "
            + _(
                "%(count)s invitees have no e-mail address and are not reached: "
                "see the list on this page."
            )
            % {"count": len(reach.unreached)},
        )


@login_required
def item_form(request: HttpRequest, pk: int, item_pk: int | None = None) -> HttpResponse:
    meeting = selectors.meeting_for_secretariat(request.user, pk)
    item = get_object_or_404(meeting.items, pk=item_pk) if item_pk else None
    form = forms.AgendaItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            if item is None:
                services.agenda_item_add(meeting=meeting, user=request.user, **form.cleaned_data)
            else:
                services.agenda_item_update(item=item, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return redirect("meetings:meeting-detail", meeting.pk)
    can = selectors.meeting_actions(meeting=meeting, user=request.user)
    return render(
        request,
        "meetings/item_form.html",
        {"form": form, "meeting": meeting, "item": item, "can": can},
    )


@login_required
@require_POST
def item_move(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_secretariat(request.user, pk)
    item = get_object_or_404(meeting.items, pk=item_pk)
    try:
        services.agenda_item_move(item=item, user=request.user, up=request.POST.get("up") == "1")
    except ValidationError as error:
        _flash(request, error)
    return redirect(f"{meeting.get_absolute_url()}#item-{item.pk}")


@login_required
@require_POST
def item_delete(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_secretariat(request.user, pk)
    item = get_object_or_404(meeting.items, pk=item_pk)
    try:
        services.agenda_item_delete(item=item, user=request.user)
    except ValidationError as error:
        _flash(request, error)
    return redirect("meetings:meeting-detail", meeting.pk)


@login_required
def annex_add(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_secretariat(request.user, pk)
    item = get_object_or_404(meeting.items, pk=item_pk)
    form = forms.AnnexForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.annex_add(item=item, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return redirect(f"{meeting.get_absolute_url()}#item-{item.pk}")
    return render(
        request, "meetings/annex_form.html", {"form": form, "meeting": meeting, "item": item}
    )


@login_required
def annex_upload(request: HttpRequest, pk: int, annex_pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_secretariat(request.user, pk)
    annex = get_object_or_404(Annex, pk=annex_pk, agenda_item__meeting=meeting)
    form = forms.AnnexUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.annex_upload(
                annex=annex, user=request.user, upload=form.cleaned_data["upload"]
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("The annex is in; invitees are told that it arrived."))
            if selectors.invitation_reach_shown(meeting, request.user):
                messages.warning(
                    request, _("Some invitees have no e-mail address: see the list on this page.")
                )
            return redirect("meetings:meeting-detail", meeting.pk)
    return render(
        request,
        "meetings/annex_form.html",
        {"form": form, "meeting": meeting, "item": annex.agenda_item, "annex": annex},
    )


def annex_download(request: HttpRequest, pk: int, annex_pk: int) -> HttpResponse:
    """Annex files only through here: public ones of published meetings for anyone, the rest
    after the permission check. There is no public URL of the file itself."""
    try:
        annex = selectors.annex_for_download(request.user, pk, annex_pk)
    except PermissionDenied:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise
    if not annex.file:
        raise Http404(_("This annex has not arrived yet."))
    response = FileResponse(
        annex.file.open("rb"),
        as_attachment=request.GET.get("inline") != "1",
        filename=f"bijlage-{annex.code}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def meeting_document(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    meeting = selectors.meeting_for_user(request.user, pk)
    if kind not in documents.MEETING_KINDS:
        raise Http404
    document = documents.meeting_document_request(meeting=meeting, kind=kind, user=request.user)
    return redirect("documents:detail", public_id=document.public_id)


@login_required
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_user(request.user, pk)
    minutes_record = selectors.minutes_of(meeting)
    editable = selectors.minutes_editable(
        meeting=meeting, user=request.user, minutes=minutes_record
    )
    if request.method == "POST" and editable:
        try:
            for item in meeting.items.all():
                key = f"entry-{item.pk}"
                if key in request.POST:
                    services.minutes_entry_save(
                        item=item, user=request.user, text=request.POST[key]
                    )
        except ValidationError as error:
            _flash(request, error)
        else:
            messages.success(request, _("The minutes are saved."))
            return redirect("meetings:minutes", meeting.pk)
    return render(
        request,
        "meetings/minutes.html",
        _context(
            request,
            meeting,
            "minutes",
            minutes=minutes_record,
            entries=selectors.minutes_entries(meeting, request.user),
            minutes_to_adopt=selectors.minutes_to_adopt(meeting=meeting, user=request.user),
        ),
    )


@login_required
def minutes_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    """In meeting `pk`, adopt the minutes of the previous meeting, with textual corrections."""
    meeting = selectors.meeting_for_secretariat(request.user, pk)
    item = get_object_or_404(
        meeting.items, standard=StandardItem.PREVIOUS_MINUTES, minutes_of__isnull=False
    )
    previous_minutes = selectors.minutes_of(item.minutes_of)
    if previous_minutes is None:
        raise Http404(_("The previous meeting has no minutes."))
    entries = list(
        previous_minutes.entries.select_related("agenda_item").order_by("agenda_item__position")
    )
    if request.method == "POST":
        corrections = {
            entry.pk: request.POST[f"entry-{entry.pk}"]
            for entry in entries
            if f"entry-{entry.pk}" in request.POST
            and request.POST[f"entry-{entry.pk}"].strip() != entry.text.strip()
        }
        try:
            services.minutes_adopt(
                minutes=previous_minutes,
                in_meeting=meeting,
                user=request.user,
                corrections=corrections,
                note=request.POST.get("note", ""),
            )
        except ValidationError as error:
            _flash(request, error)
        else:
            messages.success(request, _("The minutes are adopted and frozen."))
            return redirect("meetings:minutes", item.minutes_of_id)
    return render(
        request,
        "meetings/minutes_adopt.html",
        _context(request, meeting, "minutes", previous_minutes=previous_minutes, entries=entries),
    )


@login_required
def minutes_correct(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_secretariat(request.user, pk)
    entry = get_object_or_404(MinutesEntry, pk=entry_pk, minutes__meeting=meeting)
    form = forms.MinutesCorrectionForm(
        request.POST or None, initial={"text": entry.text}, after=meeting
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_correct(
                entry=entry,
                user=request.user,
                text=form.cleaned_data["text"],
                reason=form.cleaned_data["reason"],
                in_meeting=form.cleaned_data["in_meeting"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("The correction is recorded with its decision."))
            return redirect("meetings:minutes", meeting.pk)
    return render(
        request,
        "meetings/minutes_correct.html",
        _context(request, meeting, "minutes", form=form, entry=entry),
    )


@login_required
def actions(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_user(request.user, pk)
    manage = selectors.can_manage_meetings(request.user)
    form = forms.ActionForm(request.POST or None, meeting=meeting) if manage else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.action_add(meeting=meeting, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return redirect("meetings:actions", meeting.pk)
    return render(
        request,
        "meetings/actions.html",
        _context(
            request,
            meeting,
            "actions",
            actions=selectors.action_list(meeting),
            form=form,
            today=timezone.localdate(),
        ),
    )


@login_required
@require_POST
def action_close(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_secretariat(request.user, pk)
    action = get_object_or_404(ActionItem, pk=action_pk)
    if request.POST.get("reopen") == "1":
        services.action_reopen(action=action, user=request.user)
    else:
        services.action_close(
            action=action, user=request.user, in_meeting=meeting, note=request.POST.get("note", "")
        )
    return redirect("meetings:actions", meeting.pk)


@login_required
def decisions(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_user(request.user, pk)
    manage = selectors.can_manage_meetings(request.user)
    form = forms.DecisionForm(request.POST or None, meeting=meeting) if manage else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.decision_add(meeting=meeting, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return redirect("meetings:decisions", meeting.pk)
    return render(
        request,
        "meetings/decisions.html",
        _context(
            request, meeting, "decisions", decisions=selectors.decision_list(meeting), form=form
        ),
    )


@login_required
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_user(request.user, pk)
    manage = selectors.can_manage_meetings(request.user)
    form = forms.AttendanceForm(request.POST or None) if manage else None
    if request.method == "POST" and manage:
        if request.POST.get("from_register") == "1":
            count = services.attendance_start_from_register(meeting=meeting, user=request.user)
            messages.success(
                request, _("%(count)s members added from the register.") % {"count": count}
            )
            return redirect("meetings:attendance", meeting.pk)
        if form.is_valid():
            try:
                services.attendance_save(meeting=meeting, user=request.user, **form.cleaned_data)
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                return redirect("meetings:attendance", meeting.pk)
    return render(
        request,
        "meetings/attendance.html",
        _context(
            request, meeting, "attendance", rows=selectors.attendance_rows(meeting), form=form
        ),
    )


@login_required
def attendance_row(request: HttpRequest, pk: int, row_pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_secretariat(request.user, pk)
    row = get_object_or_404(Attendance, pk=row_pk, meeting=meeting)
    initial = {
        "role": row.role,
        "person": row.person,
        "present": row.present,
        "remark": row.remark,
        "note": row.note,
    }
    form = forms.AttendanceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.attendance_save(
                meeting=meeting,
                user=request.user,
                row=row,
                member=row.member,
                role=data["role"] or row.role,
                person=data["person"],
                present=data["present"],
                remark=data["remark"],
                note=data["note"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return redirect("meetings:attendance", meeting.pk)
    return render(
        request,
        "meetings/attendance_row.html",
        _context(request, meeting, "attendance", form=form, row=row),
    )


@login_required
def history(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_secretariat(request.user, pk)
    page, query = page_of(request, selectors.meeting_history(meeting))
    return render(
        request,
        "meetings/history.html",
        _context(request, meeting, "history", records=page.object_list, page=page, query=query),
    )
