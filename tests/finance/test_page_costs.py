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


def _tables(page: str) -> list[str]:
    return re.findall(r"<tbody>.*?</tbody>", page, flags=re.S)


def test_the_report_rows_are_shared_by_readers_and_show_each_explanation(
    accounts_2019, controller, secretariat, board_member, client_for
):
    cache.clear()
    url = reverse("finance:accounts-report", args=[2019])
    reader = client_for(secretariat)
    _page(reader, url)  # what a first visit caches (the association's settings) is not counted
    first, cold = _page(reader, url)
    assert _page(reader, url) == (first, cold)  # from the cache: the same rows, the same reads
    cache.clear()
    assert _page(reader, url)[0] == first  # rendered again: the same
    assert _tables(_page(client_for(board_member), url)[0]) == _tables(first)
    report = selectors.accounts_report(accounts_2019)
    assert f"<td>{report.results[0].title}" in first and "<textarea" not in first
    services.explanation_record(
        accounts=accounts_2019,
        user=controller,
        check_key=report.results[0].key,
        text="Uitgelegd door de controller.",
    )
    assert selectors.accounts_report(accounts_2019).digest != report.digest
    page, _queries = _page(client_for(secretariat), url)
    assert page.count("Uitgelegd door de controller.") == 1
    # The controller's page has the forms, and is never the readers' (nor theirs the controller's).
    own, _queries = _page(client_for(controller), url)
    assert own.count("<textarea") == len(report.findings)
    assert "<textarea" not in _page(client_for(secretariat), url)[0]


def test_a_drafts_statements_are_shared_by_readers_and_show_each_change(
    accounts_2019, controller, secretariat, board_member, client_for
):
    cache.clear()
    url = reverse("finance:accounts-detail", args=[2019])
    reader = client_for(secretariat)
    _page(reader, url)  # what a first visit caches (the association's settings) is not counted
    first, cold = _page(reader, url)
    assert _page(reader, url) == (first, cold) and "1.234.567" not in first
    cache.clear()
    assert _page(reader, url)[0] == first  # rendered again: the same
    assert _tables(_page(client_for(board_member), url)[0])[-3:] == _tables(first)[-3:]
    line = accounts_2019.lines.get(code="cash")
    services.accounts_line_update(
        line=line, user=controller, label=line.label, amount=1_234_567, prior_amount=None
    )
    page, queries = _page(reader, url)
    assert "1.234.567" in page and queries == cold
    assert "regel/cash/" not in page  # the edit links are the controller's only
    assert "regel/cash/" in _page(client_for(controller), url)[0]


def test_the_export_is_the_stored_data_and_follows_each_change(accounts_2019, controller):
    from finance import exchange

    cache.clear()
    text = selectors.accounts_export(accounts_2019)
    assert text == exchange.yaml_write(selectors.accounts_data(accounts_2019))
    assert selectors.accounts_export(accounts_2019) == text  # from the cache, the same
    line = accounts_2019.lines.get(code="cash")
    services.accounts_line_update(
        line=line, user=controller, label=line.label, amount=1_234_567, prior_amount=None
    )
    changed = selectors.accounts_export(accounts_2019)
    assert changed != text and "1234567" in changed
    assert changed == exchange.yaml_write(selectors.accounts_data(accounts_2019))


def test_the_contributions_show_each_change_of_a_member(secretariat, board_member, client_for):
    from django.apps import apps

    cache.clear()
    service = apps.get_model("members", "Service").objects.create(code="wim", name="WIM")
    tariff = TariffYearFactory(year=2021, surcharge_cents=50)
    ServiceTariffFactory(tariff_year=tariff, service=service, price_cents=100)
    member = MemberFactory(name="Gemeente Q", inhabitants=1_000)
    member.services.set([service])
    url = reverse("finance:tariffs", args=[2021])
    reader = client_for(secretariat)
    _page(reader, url)  # what a first visit caches (the association's settings) is not counted
    first, cold = _page(reader, url)
    assert _page(reader, url) == (first, cold) and "€ 1.500" in first
    cache.clear()
    assert _page(reader, url)[0] == first  # rendered again: the same
    assert _tables(_page(client_for(board_member), url)[0]) == _tables(first)
    member.inhabitants = 2_000
    member.save()
    page, _queries = _page(reader, url)
    assert "€ 3.000" in page and "2.000" in page and "€ 1.500" not in page


def test_a_drafts_notes_are_the_same_for_the_controller_and_show_each_change(
    accounts_2019, controller, secretariat, client_for
):
    from finance.models import NoteRow

    cache.clear()
    url = reverse("finance:accounts-detail", args=[2019])
    mine = _page(client_for(controller), url)[0]
    notes = mine[mine.index('<h2 class="h5">Toelichting</h2>') :]
    theirs = _page(client_for(secretariat), url)[0]
    assert theirs[theirs.index('<h2 class="h5">Toelichting</h2>') :] == notes
    row = NoteRow.objects.filter(table__accounts=accounts_2019, is_text=False).first()
    row.values = [7_654_321 if isinstance(v, int) else v for v in row.values]
    row.save()
    for user in (controller, secretariat):
        assert "7.654.321" in _page(client_for(user), url)[0]
