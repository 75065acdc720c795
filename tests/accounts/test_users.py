"""What other apps read and write of the portal's users, through its selectors and services."""

from accounts import selectors, services
from accounts.constants import Role
from tests.accounts.factories import UserFactory


def test_users_with_a_role_are_the_active_ones_each_once(secretariat, chair):
    both = UserFactory(roles=[Role.SECRETARIAT, Role.CHAIR])
    UserFactory(roles=[Role.SECRETARIAT], is_active=False)
    assert set(selectors.users_with_role(Role.SECRETARIAT)) == {secretariat, both}
    assert list(selectors.users_with_role(Role.SECRETARIAT, Role.CHAIR).order_by("pk")) == [
        secretariat,
        chair,
        both,
    ]


def test_an_account_without_a_password_cannot_log_in_with_one(db):
    user = services.user_create_without_password(
        email="K.Cornelissen@Deventer.nl", first_name="Karin", last_name="Cornelissen"
    )
    assert user.username == user.email == "k.cornelissen@deventer.nl"
    assert not user.has_usable_password()
    assert selectors.user_by_email("k.cornelissen@DEVENTER.nl") == user
    assert selectors.user_by_username("k.cornelissen@deventer.nl") == user
    assert selectors.user_by_email("nobody@example.org") is None
