"""The API's routes: /api/v1/<plural-noun>, no trailing slash; the OpenAPI document at
/api/v1/openapi.json; anything else under /api/v1/ is a problem+json 404."""

from django.urls import path, re_path
from rest_framework.routers import SimpleRouter

from dimpact_portal.api.exceptions import not_found
from dimpact_portal.api.views import OpenApiDocument, slashed_redirect
from documents.api import DocumentViewSet
from finance.api import AnnualAccountsViewSet, TariffYearViewSet
from governance.api import CommissionerViewSet, RosterViewSet, TermViewSet
from meetings.api import (
    ActionItemViewSet,
    AgendaItemViewSet,
    AnnexViewSet,
    AttendanceViewSet,
    DecisionViewSet,
    MeetingViewSet,
    MinutesViewSet,
)
from members.api import MemberViewSet
from proxies.api import ProxyViewSet
from voting.api import BallotViewSet, PollViewSet, WrittenResolutionViewSet

router = SimpleRouter(trailing_slash=False)
router.register("members", MemberViewSet, basename="member")
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("agenda-items", AgendaItemViewSet, basename="agenda-item")
router.register("annexes", AnnexViewSet, basename="annex")
router.register("minutes", MinutesViewSet, basename="minutes")
router.register("decisions", DecisionViewSet, basename="decision")
router.register("action-items", ActionItemViewSet, basename="action-item")
router.register("attendances", AttendanceViewSet, basename="attendance")
router.register("proxies", ProxyViewSet, basename="proxy")
router.register("polls", PollViewSet, basename="poll")
router.register("ballots", BallotViewSet, basename="ballot")
router.register("written-resolutions", WrittenResolutionViewSet, basename="written-resolution")
router.register("documents", DocumentViewSet, basename="document")
router.register("commissioners", CommissionerViewSet, basename="commissioner")
router.register("terms", TermViewSet, basename="term")
router.register("roster-entries", RosterViewSet, basename="roster-entry")
router.register("annual-accounts", AnnualAccountsViewSet, basename="annual-accounts")
router.register("tariff-years", TariffYearViewSet, basename="tariff-year")

urlpatterns = [
    path("openapi.json", OpenApiDocument.as_view(), name="api-openapi"),
    *router.urls,
    re_path(r"^(?P<rest>.+)/$", slashed_redirect),
    re_path(r"^.*$", not_found),
]
