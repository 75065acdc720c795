"""Links in e-mails and documents: a path of the portal made absolute with its base URL."""

from django.conf import settings


def absolute_url(path: str) -> str:
    return f"{settings.PORTAL_BASE_URL}{path}"
