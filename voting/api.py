"""The voting API: polls, casting a ballot, written resolutions and their answers. A ballot cast
here goes through `voting.services.ballot_cast`, as the page's: the same refusals, codes and
second factor."""

from __future__ import annotations

import django_filters
from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from dimpact_portal.api.filters import IdFilter
from dimpact_portal.api.views import ID_PATTERN
from members import selectors as member_selectors
from voting import selectors, services
from voting.constants import Answer, Choice, PollStatus
from voting.models import Ballot, Candidate, Poll, WrittenAnswer, WrittenResolution


def two_factor_verified(user) -> bool:
    """A session confirmed with a second factor (django-otp's `is_verified`); a token never is."""
    verified = getattr(user, "is_verified", None)
    return bool(verified and verified())


class CandidateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Candidate
        fields = ("id", "name", "position")


class PollSerializer(serializers.ModelSerializer):
    candidates = CandidateSerializer(many=True, read_only=True)
    rule = serializers.SerializerMethodField(help_text="The decision rule, as the poll shows it.")
    tally = serializers.SerializerMethodField(
        help_text="The counts: once closed, or live for the chair and the secretariat."
    )

    class Meta:
        model = Poll
        fields = (
            "id", "meeting", "agenda_item", "question", "kind", "secret", "decision_kind",
            "rule", "status", "opened_at", "closed_at", "outcome", "result_text", "decision",
            "candidates", "tally",
        )  # fmt: skip

    def get_rule(self, poll: Poll) -> str:
        return selectors.rule_text(poll)

    @extend_schema_field({"type": "object", "nullable": True, "additionalProperties": True})
    def get_tally(self, poll: Poll) -> dict | None:
        user = self.context["request"].user
        if poll.status != PollStatus.CLOSED and not selectors.can_run_meeting(user):
            return None
        return selectors.tally_shown(poll)


class PollFilter(django_filters.FilterSet):
    meeting = IdFilter(field_name="meeting_id")

    class Meta:
        model = Poll
        fields = ("meeting", "status", "kind")


class PollViewSet(viewsets.ReadOnlyModelViewSet):
    """Polls of the meetings whose voting the user sees (`voting.selectors.can_see_voting`)."""

    serializer_class = PollSerializer
    filterset_class = PollFilter
    lookup_value_regex = ID_PATTERN

    def get_queryset(self):
        return (
            Poll.objects.select_related("meeting", "agenda_item")
            .prefetch_related("candidates")
            .defer(*selectors.POLL_LIST_DEFERRED)
            .order_by("-meeting__date", "pk")
        )

    def filter_queryset(self, queryset):
        polls = list(super().filter_queryset(queryset))
        meetings = {poll.meeting_id: poll.meeting for poll in polls}.values()
        visible = selectors.meetings_voting_visible(self.request.user, meetings)
        return [poll for poll in polls if poll.meeting_id in visible]

    def get_object(self):
        return selectors.poll_for_user(self.request.user, self.kwargs["pk"])


# The ballot's single-query check binds ids as 32-bit integers: larger ones are a 400 here.
INT4_MAX = 2_147_483_647


class BallotCastSerializer(serializers.Serializer):
    poll = serializers.IntegerField(min_value=1, max_value=INT4_MAX)
    member = serializers.SlugField(max_length=100, help_text="The slug of the member voted for.")
    choice = serializers.ChoiceField(
        choices=[c for c in Choice.choices if c[0] != "candidate"], required=False
    )
    candidate = serializers.IntegerField(min_value=1, max_value=INT4_MAX, required=False)
    token = serializers.UUIDField(
        required=False, help_text="The submission's own id: the same token again is one ballot."
    )


class BallotSerializer(serializers.ModelSerializer):
    member = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Ballot
        fields = (
            "id", "poll", "member", "via", "secret", "choice", "candidate", "tracker", "cast_at",
        )  # fmt: skip


class BallotViewSet(mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Cast a member's ballot: `voting.services.ballot_cast`, exactly as the page."""

    serializer_class = BallotSerializer

    @extend_schema(request=BallotCastSerializer, responses={201: BallotSerializer})
    def create(self, request, *args, **kwargs):
        given = BallotCastSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        try:
            member_id = member_selectors.member_by_slug(data["member"]).pk
        except Http404:
            member_id = 0  # as the page: the service refuses an unknown member by its code
        candidate = data.get("candidate")
        ballot = services.ballot_cast(
            poll=data["poll"],
            member_id=member_id,
            user=request.user,
            choice="candidate" if candidate else data.get("choice", ""),
            candidate_id=candidate,
            token=data.get("token"),
            two_factor_verified=two_factor_verified(request.user),
        )
        return Response(BallotSerializer(ballot).data, status=status.HTTP_201_CREATED)


# --- written resolutions ------------------------------------------------------------------


class WrittenAnswerSerializer(serializers.ModelSerializer):
    member = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = WrittenAnswer
        fields = ("member", "answer", "answered_at")


class WrittenResolutionSerializer(serializers.ModelSerializer):
    answers = WrittenAnswerSerializer(many=True, read_only=True)

    class Meta:
        model = WrittenResolution
        fields = (
            "id", "title", "proposal", "deadline", "board_informed_on", "board_note", "status",
            "opened_at", "closed_at", "adopted", "result_text", "decision", "answers",
        )  # fmt: skip


class AnswerGivenSerializer(serializers.Serializer):
    member = serializers.SlugField(max_length=100, help_text="The slug of the member answering.")
    answer = serializers.ChoiceField(choices=Answer.choices)


class WrittenResolutionFilter(django_filters.FilterSet):
    class Meta:
        model = WrittenResolution
        fields = ("status",)


class WrittenResolutionViewSet(viewsets.ReadOnlyModelViewSet):
    """Decisions outside a meeting: the members' people see those sent, the secretariat all."""

    serializer_class = WrittenResolutionSerializer
    filterset_class = WrittenResolutionFilter
    lookup_value_regex = ID_PATTERN

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator
            return WrittenResolution.objects.none()
        return selectors.resolutions_visible(self.request.user).prefetch_related("answers__member")

    @extend_schema(request=AnswerGivenSerializer, responses={201: WrittenAnswerSerializer})
    @action(detail=True, methods=["post"])
    def answers(self, request, pk=None):
        """A member's answer (`voting.services.resolution_answer`): consent, object or abstain."""
        resolution = self.get_object()
        given = AnswerGivenSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        member = member_selectors.member_by_slug(given.validated_data["member"])
        answer = services.resolution_answer(
            resolution=resolution,
            member=member,
            user=request.user,
            answer=given.validated_data["answer"],
        )
        return Response(WrittenAnswerSerializer(answer).data, status=status.HTTP_201_CREATED)
