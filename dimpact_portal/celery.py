"""The Celery application: `celery -A dimpact_portal worker` and `celery -A dimpact_portal beat`."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dimpact_portal.settings")

app = Celery("dimpact_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
