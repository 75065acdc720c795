"""What the apps' admins share."""


class ReadOnlyAdminMixin:
    """No add, change or delete, nor a revert from the history: records whose rules live in
    the services (minutes, proxies, ballots) are looked at in the admin, never written there."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def revert_disabled(self, request, obj=None) -> bool:
        return True
