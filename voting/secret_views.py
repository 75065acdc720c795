"""Pages of secret polls: a teller's key, a teller's confirmation of the close, the published
ballots for the recount, and a voter's check of their ballot tracker."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from dimpact_portal.rules import RuleDenied
from voting import selectors, services


class TellerConfirmForm(forms.Form):
    key_file = forms.FileField(label=_lazy("Your teller key file"), required=False)
    key_text = forms.CharField(
        label=_lazy("or its text"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def key(self) -> str:
        upload = self.cleaned_data.get("key_file")
        if upload is not None:
            return upload.read(64 * 1024).decode("utf-8", "replace")
        return self.cleaned_data.get("key_text") or ""


@login_required
def teller_key(request: HttpRequest) -> HttpResponse:
    """GET: whether you hold a teller key. POST: a new one, downloaded once as a file (the
    server keeps its public half only)."""
    if not selectors.can_be_teller(request.user):
        raise RuleDenied(
            _("Only the chair, the secretariat and the members' people can be tellers."),
            code="teller-not-eligible",
        )
    if request.method == "POST":
        _key, text = services.teller_key_create(user=request.user)
        response = HttpResponse(text, content_type="application/json")
        response["Content-Disposition"] = (
            f'attachment; filename="teller-key-{request.user.get_username()}.json"'
        )
        response["Cache-Control"] = "no-store"
        return response
    key = getattr(request.user, "teller_key", None)
    return render(request, "voting/teller_key.html", {"key": key})


@login_required
def poll_teller(request: HttpRequest, poll_pk: int) -> HttpResponse:
    """A teller confirms the close of a secret poll with their key file, on their own device."""
    poll = selectors.poll_for_user(request.user, poll_pk)
    teller = selectors.teller_of(poll, request.user)
    if teller is None:
        raise RuleDenied(_("You are not a teller of this poll."), code="poll-teller-not-teller")
    form = TellerConfirmForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.poll_teller_confirm(poll=poll, user=request.user, key_file=form.key())
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Your confirmation of the close is recorded."))
        return redirect("voting:poll-teller", poll.pk)
    return render(
        request,
        "voting/poll_teller.html",
        {"poll": poll, "teller": teller, "form": form, "waiting": selectors.tellers_waiting(poll)},
    )


@login_required
def poll_published(request: HttpRequest, poll_pk: int) -> HttpResponse:
    """The published data of a closed secret poll (JSON), which `scripts/recount.py` reads."""
    poll = selectors.poll_for_user(request.user, poll_pk)
    data = selectors.poll_published(poll)
    if data is None:
        raise Http404(_("A secret poll publishes its ballots when it has closed."))
    response = JsonResponse(data, json_dumps_params={"indent": 1})
    response["Content-Disposition"] = f'attachment; filename="stemming-{poll.pk}-versleuteld.json"'
    return response


@login_required
def tracker_check(request: HttpRequest, poll_pk: int) -> HttpResponse:
    """A voter checks that their ballot tracker is on the closed poll's published list."""
    poll = selectors.poll_for_user(request.user, poll_pk)
    if not poll.secret:
        raise Http404(_("Only secret polls have ballot trackers."))
    tracker = request.GET.get("tracker", "").strip()[:40]
    found = selectors.tracker_published(poll, tracker) if tracker else None
    return render(
        request,
        "voting/tracker_check.html",
        {"poll": poll, "tracker": tracker, "found": found, "closed": poll.status == "closed"},
    )
