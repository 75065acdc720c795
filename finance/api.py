"""The finance API: annual accounts with their ratios, and the tariffs, for the same people as
the pages (`finance.selectors.accounts_for_user`, `only_readers`)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from finance import selectors
from finance.models import AnnualAccounts, DiscountTier, ServiceTariff, TariffYear

YEAR_PATTERN = "[0-9]{4}"


class AnnualAccountsSerializer(serializers.ModelSerializer):
    class Meta:
        model = AnnualAccounts
        fields = (
            "year", "version", "title", "entity", "status", "frozen", "auditor_firm",
            "auditor_date", "opinion_kind", "drawn_up_on", "adopted_on",
        )  # fmt: skip


class RatioSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    value = serializers.DecimalField(
        max_digits=20, decimal_places=1, allow_null=True, coerce_to_string=False
    )
    unit = serializers.CharField()
    norm = serializers.CharField()
    meets = serializers.BooleanField(allow_null=True)


class YearRatiosSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    ratios = RatioSerializer(many=True)


class AnnualAccountsViewSet(viewsets.ReadOnlyModelViewSet):
    """The latest version of each year's accounts the user may see (adopted ones for everyone
    logged in; members' people once they are on an assembly's agenda; drafts for the staff)."""

    serializer_class = AnnualAccountsSerializer
    lookup_field = "year"
    lookup_value_regex = YEAR_PATTERN

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator
            return AnnualAccounts.objects.none()
        return selectors.accounts_visible(self.request.user)

    def get_object(self):
        return selectors.accounts_for_user(self.request.user, int(self.kwargs["year"]))

    @extend_schema(responses=YearRatiosSerializer(many=True))
    @action(detail=True, methods=["get"])
    def ratios(self, request, year=None):
        """Solvency, general reserve and continuity of this year and the years before it."""
        accounts = self.get_object()
        return Response(YearRatiosSerializer(selectors.accounts_ratios(accounts), many=True).data)


class ServiceTariffSerializer(serializers.ModelSerializer):
    service = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = ServiceTariff
        fields = ("service", "price_cents")


class DiscountTierSerializer(serializers.ModelSerializer):
    class Meta:
        model = DiscountTier
        fields = ("min_services", "percent")


class TariffYearSerializer(serializers.ModelSerializer):
    prices = ServiceTariffSerializer(many=True, read_only=True)
    tiers = DiscountTierSerializer(many=True, read_only=True)

    class Meta:
        model = TariffYear
        fields = ("year", "surcharge_cents", "example", "note", "prices", "tiers")


class TariffYearViewSet(viewsets.ReadOnlyModelViewSet):
    """Tariffs per year: prices per inhabitant per service, the surcharge, the volume discount
    (for the controller, the secretariat and the supervisory board)."""

    serializer_class = TariffYearSerializer
    lookup_field = "year"
    lookup_value_regex = YEAR_PATTERN

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator
            return TariffYear.objects.none()
        selectors.only_readers(self.request.user)
        return selectors.tariff_years().prefetch_related("prices__service", "tiers")

    def get_object(self):
        selectors.only_readers(self.request.user)
        return selectors.tariff_year(int(self.kwargs["year"]))
