"""The portal's user: a person who logs in. What they may do follows from roles and mandates."""

from django.contrib.auth.models import AbstractUser
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from accounts.constants import SecurityEventKind


class User(AbstractUser):
    """A person who logs in: staff of the association or a member's people (see `Role`)."""

    email = models.EmailField(_("e-mail address"), unique=True)
    function_title = models.CharField(
        _("function"),
        max_length=200,
        blank=True,
        help_text=_("For example: gemeentesecretaris, burgemeester, controller."),
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    session_generation = models.PositiveIntegerField(
        _("session generation"),
        default=0,
        editable=False,
        help_text=_(
            "Raised to end every session of the account for good: at log-out everywhere, at "
            "deactivation and when the second factor changes."
        ),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ("last_name", "first_name", "username")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def _get_session_auth_hash(self, secret=None):
        """Django's hash of the password, with the session generation in it: a session made
        before the generation was raised no longer matches, also after a reactivation."""
        if not self.session_generation:
            return super()._get_session_auth_hash(secret=secret)  # sessions of before stay valid
        return salted_hmac(
            "accounts.User.get_session_auth_hash",
            f"{self.password}:{self.session_generation}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()


class SecurityEvent(models.Model):
    """One entry of the security audit trail: a lock-out, an unlock, sessions ended, a second
    factor set up or removed. Written by `accounts.services`, never edited."""

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("kind"), max_length=40, choices=SecurityEventKind.choices)
    username = models.CharField(
        _("user name"), max_length=150, blank=True, help_text=_("As typed at the log-in.")
    )
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    user = models.ForeignKey(
        User,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="security_events",
    )
    actor = models.ForeignKey(
        User,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who did it, when it was not the user: the secretariat unlocking."),
    )
    detail = models.CharField(_("detail"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("security event")
        verbose_name_plural = _("security events")
        ordering = ("-at", "-pk")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.username} {self.at:%Y-%m-%d %H:%M}"


class Session(AbstractBaseSession):
    """Django's session in the database, and whose it is: the user's id in a column of its
    own, so that one query brings the session and its user (`accounts.sessions`). The signed
    session data stays what decides who is logged in; the column only says which user row to
    bring along."""

    user_id = models.BigIntegerField(_("user"), null=True, blank=True, editable=False)

    class Meta(AbstractBaseSession.Meta):
        db_table = "accounts_session"

    @classmethod
    def get_session_store_class(cls):
        from accounts.sessions import SessionStore

        return SessionStore
