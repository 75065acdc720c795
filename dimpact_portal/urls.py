from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularRedocView

from accounts import tokens
from accounts.views import home

urlpatterns = [
    path("", home, name="home"),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("leden/", include("members.urls")),
    path("documenten/", include("documents.urls")),
    path("vergaderingen/", include("meetings.urls")),
    path("volmachten/", include("proxies.urls")),
    path("stemmen/", include("voting.urls")),
    path("statuten/", include("statutes.urls")),
    path("rvc/", include("governance.urls")),
    path("financien/", include("finance.urls")),
    path("gemeente/", include("municipal.urls")),
    path("openbaar/jaarrekening/", include("finance.public_urls")),
    path("openbaar/", include("meetings.public_urls")),
    path("openbaar/data/", include("meetings.opendata_urls")),
    path("accounts/api-tokens/", tokens.token_list, name="api-tokens"),
    path(
        "accounts/api-tokens/<str:digest>/intrekken/", tokens.token_delete, name="api-token-revoke"
    ),
    path("api/v1/", include("dimpact_portal.api.urls")),
    # The document's fixed place is /api/v1/openapi.json; the old address sends there.
    path("api/schema/", RedirectView.as_view(url="/api/v1/openapi.json"), name="api-schema"),
    path("api/docs/", SpectacularRedocView.as_view(url_name="api-openapi"), name="api-docs"),
    path("admin/", admin.site.urls),
]
