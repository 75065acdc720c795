"""What the finance pages cost: the statements from one query of the lines, one member's
contribution without the whole register, the statements of adopted accounts rendered once."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from finance import selectors, services
from finance.constants import AccountsStatus
from tests.finance.factories import ServiceTariffFactory, TariffYearFactory
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_the_statements_read_the_lines_once_and_mark_the_groups(
    accounts_2019, django_assert_num_queries
):
    with django_assert_num_queries(1):
        statements = selectors.statements(accounts_2019)
        rows = [row for _key, _label, rows in statements for row in rows]
        parents = [row.line.parent for row in rows]  # cached: no query per line
    assert rows and any(parent is not None for parent in parents)
    for row in rows:
        assert row.has_children == row.line.children.exists()
    assert [row.line.pk for row in selectors.statement_rows(accounts_2019, "balance")] == [
        row.line.pk for row in statements[0][2]
    ]


def test_one_members_contribution_is_its_row_of_the_list():
    from django.apps import apps

    service = apps.get_model("members", "Service").objects.create(code="wim", name="WIM")
    tariff = TariffYearFactory(year=2021, surcharge_cents=50)
    ServiceTariffFactory(tariff_year=tariff, service=service, price_cents=100)
    taking = MemberFactory(name="Gemeente Q", inhabitants=1_000)
    taking.services.set([service])
    MemberFactory(name="Gemeente R", inhabitants=2_000)
    _tariff, rows = selectors.contributions(2021)
    for member, contribution in rows:
        _tariff, (only,) = selectors.contributions(2021, member=member)
        assert only == (member, contribution)
    assert {m.name: c.total_euros for m, c in rows} == {"Gemeente Q": 1_500, "Gemeente R": 1_000}


def test_the_tariffs_page_links_each_members_contribution(controller, client_for):
    TariffYearFactory(year=2021)
    members = [MemberFactory(name=f"Gemeente {n}") for n in ("S", "T")]
    page = client_for(controller).get(reverse("finance:tariffs", args=[2021])).content.decode()
    for member in members:
        assert f'href="{reverse("finance:tariff-member", args=[2021, member.slug])}"' in page


def _page(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    tokens = r'(nonce|name="csrfmiddlewaretoken" value)="[^"]+"'
    return re.sub(tokens, "", response.content.decode()), len(queries)


def test_the_statements_of_adopted_accounts_are_rendered_once(accounts_2019):
    cache.clear()
    accounts_2019.status, accounts_2019.frozen = AccountsStatus.ADOPTED, True
    accounts_2019.save()
    url = reverse("finance-public:accounts", args=[2019])
    first, cold = _page(Client(), url)
    again, warm = _page(Client(), url)
    assert again == first and "3.207.731" in again
    assert warm < cold  # the lines and the notes are not read again


def test_a_drafts_statements_show_each_change(accounts_2019, controller, client_for):
    cache.clear()
    client = client_for(controller)
    url = reverse("finance:accounts-detail", args=[2019])
    assert "1.234.567" not in client.get(url).content.decode()
    line = accounts_2019.lines.get(code="cash")
    services.accounts_line_update(
        line=line, user=controller, label=line.label, amount=1_234_567, prior_amount=None
    )
    page = client.get(url).content.decode()
    assert "1.234.567" in page
