"""WSGI entry point for gunicorn: `gunicorn dimpact_portal.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dimpact_portal.settings")
django_application = get_wsgi_application()

from voting.status import StatusFastPath  # noqa: E402  (needs the settings loaded)

# The voting status that every open voter's page polls is answered before Django's handling.
application = StatusFastPath(django_application)
