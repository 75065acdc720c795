"""The project's URLs with the finance pages, whether or not the project includes them yet."""

from django.urls import include, path

from dimpact_portal.urls import urlpatterns as project_urlpatterns

_namespaces = {getattr(p, "namespace", None) for p in project_urlpatterns}

urlpatterns = list(project_urlpatterns)
if "finance" not in _namespaces:
    urlpatterns.append(path("financien/", include("finance.urls")))
if "finance-public" not in _namespaces:
    urlpatterns.append(path("openbaar/jaarrekening/", include("finance.public_urls")))
