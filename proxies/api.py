"""The proxy API: a member's secretary reads, files, changes and revokes its own member's
proxies with their voting instructions, through the same selectors and services as the form."""

from __future__ import annotations

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from dimpact_portal.api.filters import MAX_ID, IdFilter
from dimpact_portal.api.views import ID_PATTERN
from meetings import selectors as meeting_selectors
from proxies import selectors, services
from proxies.constants import Position
from proxies.models import Proxy, VotingInstruction


class InstructionSerializer(serializers.ModelSerializer):
    agenda_item = serializers.IntegerField(source="agenda_item_id", min_value=1, max_value=MAX_ID)
    position = serializers.ChoiceField(choices=Position.choices)

    class Meta:
        model = VotingInstruction
        fields = ("agenda_item", "position")


class HolderSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    email = serializers.EmailField()
    function = serializers.CharField(max_length=200, allow_blank=True, required=False, default="")
    organisation = serializers.CharField(
        max_length=200, allow_blank=True, required=False, default=""
    )


class LetterSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="public_id")
    status = serializers.CharField()
    version = serializers.IntegerField()


class ProxySerializer(serializers.ModelSerializer):
    member = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    holder = serializers.SerializerMethodField()
    instructions = InstructionSerializer(many=True, read_only=True)
    letter = serializers.SerializerMethodField()

    class Meta:
        model = Proxy
        fields = (
            "id", "meeting", "member", "holder", "signatory_name", "signatory_function",
            "signed_on", "decision_reference", "decision_date", "status", "filed_at",
            "revoked_at", "instructions", "letter",
        )  # fmt: skip

    @extend_schema_field(HolderSerializer)
    def get_holder(self, proxy: Proxy) -> dict:
        return {
            "name": proxy.holder_name,
            "email": proxy.holder_email,
            "function": proxy.holder_function,
            "organisation": proxy.holder_organisation,
        }

    @extend_schema_field(LetterSerializer(allow_null=True))
    def get_letter(self, proxy: Proxy) -> dict | None:
        letters = self.context.get("letters")  # a list's page: fetched at once
        letter = letters.get(proxy.pk) if letters is not None else selectors.proxy_letter(proxy)
        return LetterSerializer(letter).data if letter else None


class ProxyChangeSerializer(serializers.Serializer):
    """What the form asks; all optional when changing (PATCH)."""

    holder = HolderSerializer()
    signatory_name = serializers.CharField(max_length=200)
    signatory_function = serializers.CharField(max_length=200, allow_blank=True, default="")
    signed_on = serializers.DateField()
    decision_reference = serializers.CharField(max_length=200, allow_blank=True, default="")
    decision_date = serializers.DateField(allow_null=True, default=None)
    instructions = InstructionSerializer(many=True, required=False)
    reason = serializers.CharField(
        allow_blank=True, default="", help_text="Required once the meeting has started."
    )

    def service_arguments(self) -> dict:
        data = dict(self.validated_data)
        if "holder" in data:
            data["holder"] = services.Holder(**data["holder"])
        if "instructions" in data:
            data["instructions"] = {
                row["agenda_item_id"]: row["position"] for row in data["instructions"]
            }
        return data


class ProxyFileSerializer(ProxyChangeSerializer):
    meeting = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    member = serializers.SlugField(max_length=100, help_text="The member's slug.")


class RevocationSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, default="")


class ProxyFilter(django_filters.FilterSet):
    meeting = IdFilter(field_name="meeting_id")
    member = django_filters.CharFilter(field_name="member__slug", max_length=100)

    class Meta:
        model = Proxy
        fields = ("meeting", "member", "status")


class ProxyViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Proxies the user may see (`proxies.selectors.can_see_proxy`): its own member's, those it
    holds, and all of them for the secretariat."""

    serializer_class = ProxySerializer
    filterset_class = ProxyFilter
    lookup_value_regex = ID_PATTERN
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator
            return Proxy.objects.none()
        return (
            selectors.proxies_visible_to(self.request.user)
            .select_related("member", "meeting")
            .prefetch_related("instructions")
            .order_by("-filed_at", "-pk")
        )

    def get_object(self):
        return selectors.proxy_for_user(self.request.user, self.kwargs["pk"])

    def list(self, request, *args, **kwargs):
        # As ListModelMixin's, with the page's letters in one query instead of one per proxy.
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        context = {**self.get_serializer_context(), "letters": selectors.proxy_letters(page)}
        serializer = self.get_serializer(page, many=True, context=context)
        return self.get_paginated_response(serializer.data)

    @extend_schema(request=ProxyFileSerializer, responses={201: ProxySerializer})
    def create(self, request, *args, **kwargs):
        given = ProxyFileSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.service_arguments()
        meeting = meeting_selectors.meeting_for_user(request.user, data.pop("meeting"))
        member = selectors.member_for_proxy(request.user, meeting, data.pop("member"))
        proxy = services.proxy_file(meeting=meeting, member=member, filed_by=request.user, **data)
        return Response(ProxySerializer(proxy).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ProxyChangeSerializer, responses={200: ProxySerializer})
    def partial_update(self, request, *args, **kwargs):
        proxy = self.get_object()
        given = ProxyChangeSerializer(data=request.data, partial=True)
        given.is_valid(raise_exception=True)
        proxy = services.proxy_change(proxy=proxy, user=request.user, **given.service_arguments())
        return Response(ProxySerializer(selectors.proxy_for_user(request.user, proxy.pk)).data)

    @extend_schema(request=RevocationSerializer, responses={200: ProxySerializer})
    @action(detail=True, methods=["post"])
    def revocation(self, request, pk=None):
        """Revoke the proxy (until the vote it concerns opens; `proxies.services.proxy_revoke`)."""
        proxy = self.get_object()
        given = RevocationSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        proxy = services.proxy_revoke(proxy=proxy, user=request.user, **given.validated_data)
        return Response(ProxySerializer(proxy).data)
