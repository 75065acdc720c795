"""The portal's user: a person who logs in. What they may do follows from roles and mandates."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


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

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ("last_name", "first_name", "username")

    def __str__(self) -> str:
        return self.get_full_name() or self.username
