"""Public pages: published decision lists and public annexes, and an Atom feed of decisions.
Nothing confidential reaches them: selectors filter confidential decisions and annexes."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from meetings import selectors
from meetings.models import Meeting
from statutes.selectors import association_current


def public_index(request: HttpRequest) -> HttpResponse:
    meetings = Meeting.objects.published().order_by("-date")
    return render(request, "meetings/public_index.html", {"meetings": meetings})


def public_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.published(), pk=pk)
    annexes = [
        annex
        for row in selectors.agenda_rows(meeting, AnonymousUser())
        for annex in row.annexes
        if annex.is_available
    ]
    return render(
        request,
        "meetings/public_meeting.html",
        {
            "meeting": meeting,
            "decisions": selectors.decision_list(meeting, public=True),
            "annexes": annexes,
        },
    )


class DecisionFeed(Feed):
    feed_type = Atom1Feed
    link = reverse_lazy("public:index")
    subtitle = _("Decisions published by the association.")

    def title(self):
        return _("Decisions of %(association)s") % {"association": association_current().name}

    def items(self):
        return selectors.decisions_published()[:100]

    def item_title(self, item):
        return f"{item.meeting}: {item.number}"

    def item_description(self, item):
        return item.text

    def item_link(self, item):
        return reverse("public:meeting", args=[item.meeting_id]) + f"#besluit-{item.number}"

    def item_pubdate(self, item):
        return item.meeting.published_at

    def item_guid(self, item):
        return f"decision-{item.pk}"
