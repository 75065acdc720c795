"""The API of meetings, agenda items, annexes, minutes, decisions, action items and
attendance: read-only, through the same selectors (visibility, confidentiality) as the pages."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from dimpact_portal.api.filters import IdFilter, date_range
from dimpact_portal.api.views import ID_PATTERN
from meetings import selectors
from meetings.models import ActionItem, AgendaItem, Annex, Attendance, Decision, Meeting, Minutes
from voting import selectors as voting_selectors


class Resource(viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = ID_PATTERN

    def visible_meetings(self):
        return selectors.meetings_visible(self.request.user)


def _confidential_ok(context: dict, meeting: Meeting) -> bool:
    """`can_see_confidential` once per meeting and request."""
    cache = context.setdefault("confidential_ok", {})
    if meeting.pk not in cache:
        cache[meeting.pk] = selectors.can_see_confidential(context["request"].user, meeting)
    return cache[meeting.pk]


# --- meetings -----------------------------------------------------------------------------


@extend_schema_field(
    {
        "type": "string",
        "pattern": "^[0-9]{2}:[0-9]{2}:[0-9]{2}$",
        "nullable": True,
        "example": "19:00:00",
    }
)
class LocalTimeField(serializers.TimeField):
    """A wall-clock time in Amsterdam (hh:mm:ss), not an RFC 3339 time with an offset."""


class MeetingSerializer(serializers.ModelSerializer):
    start_time = LocalTimeField(read_only=True, allow_null=True)
    end_time = LocalTimeField(read_only=True, allow_null=True)

    class Meta:
        model = Meeting
        fields = (
            "id", "kind", "title", "date", "start_time", "end_time", "format", "location",
            "video_url", "status", "convened_at", "opened_at", "closed_at", "published_at",
        )  # fmt: skip


class MeetingFilter(django_filters.FilterSet):
    date_from, date_to = date_range("date")

    class Meta:
        model = Meeting
        fields = ("kind", "status")


class MeetingViewSet(Resource):
    """Meetings the user may see (an ALV once convened, an RvC meeting for the board)."""

    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter

    def get_queryset(self):
        return self.visible_meetings().order_by("-date", "-pk")

    def get_object(self):
        return selectors.meeting_for_user(self.request.user, self.kwargs["pk"])


# --- agenda items -------------------------------------------------------------------------


class AgendaItemSerializer(serializers.ModelSerializer):
    restricted = serializers.SerializerMethodField(
        help_text="Confidential and the reader is not entitled: the title only."
    )
    description = serializers.SerializerMethodField()
    proposal = serializers.SerializerMethodField()

    class Meta:
        model = AgendaItem
        fields = (
            "id", "meeting", "position", "title", "standard", "purpose", "confidential",
            "restricted", "description", "proposal",
        )  # fmt: skip

    def get_restricted(self, item: AgendaItem) -> bool:
        return item.confidential and not _confidential_ok(self.context, item.meeting)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_description(self, item: AgendaItem) -> str | None:
        return None if self.get_restricted(item) else item.description

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_proposal(self, item: AgendaItem) -> str | None:
        return None if self.get_restricted(item) else item.proposal


class AgendaItemFilter(django_filters.FilterSet):
    meeting = IdFilter(field_name="meeting_id")

    class Meta:
        model = AgendaItem
        fields = ("meeting", "purpose", "confidential")


class AgendaItemViewSet(Resource):
    """Agenda items of the meetings the user sees; a confidential one shows its title only to
    who is not entitled to the meeting's confidential items."""

    serializer_class = AgendaItemSerializer
    filterset_class = AgendaItemFilter

    def get_queryset(self):
        return (
            AgendaItem.objects.filter(meeting__in=self.visible_meetings())
            .select_related("meeting")
            .order_by("-meeting__date", "meeting_id", "position")
        )

    def get_object(self):
        item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=self.kwargs["pk"])
        selectors.only_those_who_see_it(self.request.user, item.meeting)
        return item


# --- annexes ------------------------------------------------------------------------------


class AnnexSerializer(serializers.ModelSerializer):
    meeting = serializers.IntegerField(source="agenda_item.meeting_id", read_only=True)
    available = serializers.BooleanField(source="is_available", read_only=True)
    download_url = serializers.SerializerMethodField(
        help_text="The file, through the portal's permission-checked download."
    )

    class Meta:
        model = Annex
        fields = (
            "id", "meeting", "agenda_item", "code", "title", "confidential", "available",
            "due_date", "arrived_at", "version", "withdrawn_at", "original_name", "size",
            "download_url",
        )  # fmt: skip

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_download_url(self, annex: Annex) -> str | None:
        if not annex.file:
            return None
        path = reverse("meetings:annex-download", args=[annex.agenda_item.meeting_id, annex.pk])
        return self.context["request"].build_absolute_uri(path)


class AnnexFilter(django_filters.FilterSet):
    meeting = IdFilter(method="no_op", help_text="Only the annexes of this meeting.")
    agenda_item = IdFilter(field_name="agenda_item_id")

    class Meta:
        model = Annex
        fields = ("meeting", "agenda_item", "confidential")

    def no_op(self, queryset, name, value):
        return queryset  # applied before: only this meeting's agenda is read


class AnnexViewSet(Resource):
    """Annexes' metadata: what the agenda shows the user (`meetings.selectors.agenda_rows`)."""

    serializer_class = AnnexSerializer
    filterset_class = AnnexFilter

    def get_queryset(self):
        meetings = self.visible_meetings()
        meeting = self.request.query_params.get("meeting", "")
        if meeting.isdigit() and len(meeting) <= 18:
            meetings = meetings.filter(pk=int(meeting))
        ids = [annex.pk for annex in selectors.agenda_annexes(meetings, self.request.user)]
        return (
            Annex.objects.filter(pk__in=ids)
            .select_related("agenda_item")
            .order_by("agenda_item__meeting_id", "agenda_item__position", "code")
        )

    def get_object(self):
        found = Annex.objects.filter(pk=self.kwargs["pk"]).values_list(
            "agenda_item__meeting_id", flat=True
        )
        if not found:
            return get_object_or_404(Annex, pk=0)
        return selectors.annex_for_download(self.request.user, found[0], int(self.kwargs["pk"]))


# --- minutes ------------------------------------------------------------------------------


class MinutesEntrySerializer(serializers.Serializer):
    agenda_item = serializers.IntegerField()
    position = serializers.IntegerField()
    title = serializers.CharField()
    restricted = serializers.BooleanField()
    text = serializers.CharField(allow_null=True)


class MinutesSerializer(serializers.ModelSerializer):
    entries = serializers.SerializerMethodField()

    class Meta:
        model = Minutes
        fields = (
            "id", "meeting", "status", "minute_taker", "adopted_in", "adopted_on", "entries",
        )  # fmt: skip

    @extend_schema_field(MinutesEntrySerializer(many=True))
    def get_entries(self, minutes: Minutes) -> list[dict]:
        # A page of minutes: the view reads the entries of all its meetings at once.
        rows = self.context.get("entries", {}).get(minutes.meeting_id)
        if rows is None:
            user = self.context["request"].user
            rows = selectors.minutes_entries_of([minutes.meeting], user, corrections=False)[
                minutes.meeting_id
            ]
        return [
            {
                "agenda_item": item.pk,
                "position": item.position,
                "title": item.title,
                "restricted": restricted,
                "text": None if restricted or entry is None else entry.text,
            }
            for item, entry, restricted in rows
        ]


class MeetingFilterSet(django_filters.FilterSet):
    meeting = IdFilter(field_name="meeting_id")


class MinutesFilter(MeetingFilterSet):
    class Meta:
        model = Minutes
        fields = ("meeting", "status")


class MinutesViewSet(Resource):
    """Minutes of the meetings the user sees; confidential items' text only for the entitled."""

    serializer_class = MinutesSerializer
    filterset_class = MinutesFilter

    def get_queryset(self):
        return (
            Minutes.objects.filter(meeting__in=self.visible_meetings())
            .select_related("meeting")
            .order_by("-meeting__date")
        )

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        minutes = page if page is not None else list(queryset)
        self.entries = selectors.minutes_entries_of(
            [m.meeting for m in minutes], self.request.user, corrections=False
        )
        return page

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "entries": getattr(self, "entries", {})}

    def get_object(self):
        minutes = get_object_or_404(Minutes.objects.select_related("meeting"), pk=self.kwargs["pk"])
        selectors.only_those_who_see_it(self.request.user, minutes.meeting)
        return minutes


# --- decisions, action items, attendance --------------------------------------------------


class DecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Decision
        fields = ("id", "meeting", "number", "date", "text", "agenda_item", "confidential")


class DecisionFilter(MeetingFilterSet):
    date_from, date_to = date_range("date")

    class Meta:
        model = Decision
        fields = ("meeting", "confidential")


class DecisionViewSet(Resource):
    """The decision lists of the meetings the user sees, and the decisions taken in writing
    for who sees those (`voting.selectors.can_see_resolutions`)."""

    serializer_class = DecisionSerializer
    filterset_class = DecisionFilter

    def _visible(self) -> Q:
        visible = Q(meeting__in=self.visible_meetings())
        if voting_selectors.can_see_resolutions(self.request.user):
            visible |= Q(meeting__isnull=True)
        return visible

    def get_queryset(self):
        return Decision.objects.filter(self._visible()).order_by("-date", "-number", "-pk")

    def get_object(self):
        decision = get_object_or_404(Decision, pk=self.kwargs["pk"])
        if decision.meeting_id is not None:
            selectors.only_those_who_see_it(self.request.user, decision.meeting)
        else:
            voting_selectors.only_those_who_see_resolutions(self.request.user)
        return decision


class ActionItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActionItem
        fields = (
            "id", "body", "number", "meeting", "agenda_item", "text", "owner", "due_date",
            "status", "closed_in", "closed_on", "closing_note",
        )  # fmt: skip


class ActionItemFilter(MeetingFilterSet):
    due_from, due_to = date_range("due_date")

    class Meta:
        model = ActionItem
        fields = ("meeting", "status")


class ActionItemViewSet(Resource):
    """Action items raised at the meetings the user sees."""

    serializer_class = ActionItemSerializer
    filterset_class = ActionItemFilter

    def get_queryset(self):
        return ActionItem.objects.filter(meeting__in=self.visible_meetings()).order_by(
            "body", "number"
        )

    def get_object(self):
        action = get_object_or_404(
            ActionItem.objects.select_related("meeting"), pk=self.kwargs["pk"]
        )
        selectors.only_those_who_see_it(self.request.user, action.meeting)
        return action


class AttendanceSerializer(serializers.ModelSerializer):
    member = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = Attendance
        fields = ("id", "meeting", "role", "member", "person", "present", "remark", "note")


class AttendanceFilter(MeetingFilterSet):
    member = django_filters.CharFilter(field_name="member__slug", max_length=100)

    class Meta:
        model = Attendance
        fields = ("meeting", "member", "role", "present")


class AttendanceViewSet(Resource):
    """The attendance lists of the meetings the user sees."""

    serializer_class = AttendanceSerializer
    filterset_class = AttendanceFilter

    def get_queryset(self):
        return (
            Attendance.objects.filter(meeting__in=self.visible_meetings())
            .select_related("member")
            .order_by("meeting_id", "position", "pk")
        )

    def get_object(self):
        row = get_object_or_404(Attendance.objects.select_related("meeting"), pk=self.kwargs["pk"])
        selectors.only_those_who_see_it(self.request.user, row.meeting)
        return row
