from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView
from rest_framework.routers import DefaultRouter

from accounts import two_factor
from accounts.views import home
from members.api import MemberViewSet

router = DefaultRouter()
router.register("members", MemberViewSet, basename="member")

urlpatterns = [
    path("", home, name="home"),
    path("accounts/tweestaps/instellen/", two_factor.setup, name="two-factor-setup"),
    path("accounts/tweestaps/bevestigen/", two_factor.verify, name="two-factor-verify"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("leden/", include("members.urls")),
    path("documenten/", include("documents.urls")),
    path("vergaderingen/", include("meetings.urls")),
    path("volmachten/", include("proxies.urls")),
    path("stemmen/", include("voting.urls")),
    path("openbaar/", include("meetings.public_urls")),
    path("api/v1/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-docs"),
    path("admin/", admin.site.urls),
]
