"""Puts the current user's roles and the association in every template."""

from django.utils.functional import SimpleLazyObject

from accounts.roles import role_names
from statutes.selectors import association_current


def roles(request):
    return {
        "portal_roles": role_names(request.user),
        # Lazy: only pages that show the association's name query it.
        "association": SimpleLazyObject(association_current),
    }
