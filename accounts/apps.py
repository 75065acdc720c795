from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        from axes.signals import user_locked_out

        user_locked_out.connect(_record_lockout, dispatch_uid="accounts-record-lockout")


def _record_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    """Axes' lock-out signal (sent at the lock and at every refused try): into the audit
    trail, once per lock."""
    from accounts.constants import SecurityEventKind
    from accounts.services import security_event_record
    from accounts.throttling import cool_off

    if getattr(request, "portal_address_locked", False):
        return  # the address's own limit, recorded by accounts.backends
    security_event_record(
        kind=SecurityEventKind.LOCKED,
        username=username or "",
        ip_address=ip_address,
        once_within=cool_off(),
    )
