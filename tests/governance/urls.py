"""The portal's URLs with the board's pages, for as long as the project does not include them."""

from django.urls import include, path

from dimpact_portal.urls import urlpatterns as portal

urlpatterns = [*portal]
if not any(getattr(p, "namespace", None) == "governance" for p in portal):
    urlpatterns.append(path("rvc/", include("governance.urls")))
