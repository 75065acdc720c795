"""The admin cannot bypass the rules: proxies, instructions, polls, ballots and decisions in
writing are read only there (the services are the only way to change them)."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from proxies.models import Proxy, VotingInstruction
from tests.accounts.factories import UserFactory
from voting.models import Ballot, Poll, PollTeller, WrittenAnswer, WrittenResolution

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [Proxy, Poll, Ballot, WrittenResolution])
def test_a_superuser_cannot_add_change_or_delete_in_the_admin(model):
    request = RequestFactory().get("/")
    request.user = UserFactory(is_superuser=True, is_staff=True)
    model_admin = admin.site._registry[model]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert model_admin.has_view_permission(request)


@pytest.mark.parametrize(
    ("parent", "inline"), [(Proxy, VotingInstruction), (WrittenResolution, WrittenAnswer)]
)
def test_their_inlines_are_read_only_too(parent, inline):
    request = RequestFactory().get("/")
    request.user = UserFactory(is_superuser=True, is_staff=True)
    model_admin = admin.site._registry[parent]
    (instance,) = [i for i in model_admin.get_inline_instances(request) if i.model is inline] or [
        next(cls(parent, admin.site) for cls in model_admin.inlines if cls.model is inline)
    ]
    assert not instance.has_add_permission(request, None)
    assert not instance.has_change_permission(request)
    assert not instance.has_delete_permission(request)


def test_the_tellers_sealed_shares_are_not_in_the_admin():
    assert PollTeller not in admin.site._registry
