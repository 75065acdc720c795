"""Read-only API of the member register; the same selectors as the pages."""

import datetime
from functools import cached_property

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, viewsets

from members import selectors
from members.constants import MandateKind
from members.models import Mandate, Member


class MandateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Mandate
        fields = ("kind", "salutation", "name", "function_title", "starts_on", "ends_on")


class MemberSerializer(serializers.ModelSerializer):
    representative = serializers.SerializerMethodField()
    mandates = serializers.SerializerMethodField(
        help_text="The member's current representative and secretary (on the register's date)."
    )
    services = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")

    class Meta:
        model = Member
        fields = (
            "slug",
            "name",
            "region",
            "size_class",
            "inhabitants",
            "inhabitants_on",
            "joined_on",
            "left_on",
            "services",
            "representative",
            "mandates",
        )

    @cached_property
    def _mandate(self) -> MandateSerializer:
        # One serializer for every row's mandates: making one per row cost more than the rows.
        return MandateSerializer()

    @extend_schema_field(MandateSerializer(allow_null=True))
    def get_representative(self, member: Member) -> dict | None:
        mandate = selectors.mandate_current(member, MandateKind.REPRESENTATIVE)
        return self._mandate.to_representation(mandate) if mandate else None

    @extend_schema_field(MandateSerializer(many=True))
    def get_mandates(self, member: Member) -> list[dict]:
        current = [selectors.mandate_current(member, kind) for kind in MandateKind]
        return [self._mandate.to_representation(m) for m in current if m is not None]


@extend_schema(parameters=[OpenApiParameter("on", str, description="Register on date (ISO)")])
class MemberViewSet(viewsets.ReadOnlyModelViewSet):
    """The member register on a date (today unless `on`), with each member's mandates."""

    serializer_class = MemberSerializer
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]{1,100}"

    def get_queryset(self):
        on_param = self.request.query_params.get("on")
        try:
            on = datetime.date.fromisoformat(on_param) if on_param else timezone.localdate()
        except ValueError as exc:
            raise serializers.ValidationError(
                {"on": _("Use an ISO date, e.g. 2019-12-31.")}, code="register-date-invalid"
            ) from exc
        return selectors.member_register(on=on).prefetch_related("services")
