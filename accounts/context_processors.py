"""Puts the current user's roles in every template, for navigation."""

from accounts.roles import role_names


def roles(request):
    return {"portal_roles": role_names(request.user)}
