from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


def _forget_association(**kwargs) -> None:
    """A request that changes the settings reads them anew (`association_current`)."""
    from dimpact_portal.request_memo import request_memo_forget
    from statutes.selectors import ASSOCIATION_MEMO

    request_memo_forget(ASSOCIATION_MEMO)


class StatutesConfig(AppConfig):
    name = "statutes"
    verbose_name = _("Statute settings")

    def ready(self):
        from statutes.models import Association

        post_save.connect(_forget_association, sender=Association, dispatch_uid="association-memo")
        post_delete.connect(
            _forget_association, sender=Association, dispatch_uid="association-memo-delete"
        )
