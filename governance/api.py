"""The supervisory board's API: commissioners, their terms and the retirement roster, for the
same people as the pages (`governance.selectors.require_board`, `require_roster`)."""

from __future__ import annotations

import datetime

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets

from governance import selectors
from governance.models import Commissioner, Term


class TermSerializer(serializers.ModelSerializer):
    commissioner = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Term
        fields = (
            "id", "commissioner", "number", "starts_on", "ends_on", "decided_on", "decision",
            "poll", "resolution", "ended_on", "end_reason",
        )  # fmt: skip


class CommissionerSerializer(serializers.ModelSerializer):
    member = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    terms = TermSerializer(many=True, read_only=True)

    class Meta:
        model = Commissioner
        fields = ("slug", "name", "salutation", "kind", "member", "position", "portfolios", "terms")


class CommissionerViewSet(viewsets.ReadOnlyModelViewSet):
    """The supervisory board's members (for the board, the secretariat and the chair)."""

    serializer_class = CommissionerSerializer
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]{1,100}"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator
            return Commissioner.objects.none()
        selectors.require_board(self.request.user)
        return selectors.commissioners().order_by("name")

    def get_object(self):
        return selectors.commissioner_for_user(self.request.user, self.kwargs["slug"])


class TermViewSet(viewsets.ReadOnlyModelViewSet):
    """Every commissioner's terms (appointment, re-appointment, end)."""

    serializer_class = TermSerializer
    lookup_value_regex = "[0-9]{1,18}"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator
            return Term.objects.none()
        selectors.require_board(self.request.user)
        return selectors.terms_all()

    def get_object(self):
        term = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
        if term is None:
            raise Http404
        return term


class RosterEntrySerializer(serializers.Serializer):
    commissioner = serializers.CharField(source="commissioner.slug")
    name = serializers.CharField(source="commissioner.name")
    kind = serializers.CharField(source="commissioner.kind")
    term = serializers.IntegerField(source="term.pk")
    term_number = serializers.IntegerField(source="term.number")
    starts_on = serializers.DateField(source="term.starts_on")
    ends_on = serializers.DateField(source="term.ends_on")
    chair = serializers.BooleanField()
    reappointable = serializers.BooleanField()
    portfolio = serializers.CharField()


ON = OpenApiParameter("on", datetime.date, description="The roster on this date (default: today).")


class RosterViewSet(viewsets.GenericViewSet):
    """The retirement roster: who sits, until when, whether re-appointable."""

    serializer_class = RosterEntrySerializer
    queryset = Term.objects.none()  # for the schema: the rows are `selectors.roster`'s

    @extend_schema(parameters=[ON], responses=RosterEntrySerializer(many=True))
    def list(self, request):
        selectors.require_roster(request.user)
        raw = request.query_params.get("on")
        try:
            on = datetime.date.fromisoformat(raw) if raw else timezone.localdate()
        except ValueError as error:
            raise serializers.ValidationError(
                {
                    "on": [
                        serializers.ErrorDetail(
                            _("Use an ISO date, e.g. 2019-12-31."), code="roster-date-invalid"
                        )
                    ]
                }
            ) from error
        page = self.paginate_queryset(selectors.roster(on))
        return self.get_paginated_response(RosterEntrySerializer(page, many=True).data)
