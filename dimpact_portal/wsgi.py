"""WSGI entry point of the web server (`dimpact_portal.server`, granian): `application`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dimpact_portal.settings")
django_application = get_wsgi_application()

from django.urls import get_resolver  # noqa: E402

from voting.status import StatusFastPath  # noqa: E402  (needs the settings loaded)

# Import every URLconf and view now, in the worker's start-up, not in its first request: in
# an assembly the first request of each worker is a ballot in the same second as all others.
get_resolver().url_patterns  # noqa: B018 (a lookup for its import side effect)

# The voting status that every open voter's page polls is answered before Django's handling.
application = StatusFastPath(django_application)
