"""One format for import and export (YAML, finance/schema/annual-accounts.schema.json): the
round trip loses nothing, and a wrong file stores nothing and says what is wrong."""

import pytest
from django.core.exceptions import ValidationError

from finance import exchange, selectors, services
from finance.models import AnnualAccounts, StatementLine
from tests.finance.factories import accounts_2019_data, line

pytestmark = pytest.mark.django_db


def test_import_then_export_gives_the_same_data(accounts_2019):
    assert selectors.accounts_data(accounts_2019) == accounts_2019_data()


def test_the_yaml_text_round_trips(controller):
    text = exchange.yaml_write(accounts_2019_data())
    accounts = services.accounts_import(user=controller, content=text)
    again = exchange.yaml_write(selectors.accounts_data(accounts))
    assert again == text
    assert exchange.yaml_read(again) == accounts_2019_data()


def test_the_yaml_text_is_the_same_with_either_emitter():
    """libyaml writes the export (faster) only where its text is PyYAML's; text with a line
    break, which it may fold otherwise, goes through PyYAML."""
    import yaml

    data = accounts_2019_data()
    assert exchange._printable_only(data)
    assert exchange.yaml_write(data) == yaml.safe_dump(
        data, allow_unicode=True, sort_keys=False, width=100
    )
    folded = {**data, "title": "Aan de ALV:\n\n1. De voordracht " + "van een lange zin " * 10}
    folded["title"] += "\n - en de rest."
    assert not exchange._printable_only(folded)
    assert exchange.yaml_write(folded) == yaml.safe_dump(
        folded, allow_unicode=True, sort_keys=False, width=100
    )


def test_the_export_is_valid_against_its_schema(accounts_2019):
    assert exchange.problems(selectors.accounts_data(accounts_2019)) == []


def test_amounts_are_stored_as_integers(accounts_2019):
    cash = accounts_2019.lines.get(code="cash")
    assert cash.amount == 3_207_731 and isinstance(cash.amount, int)
    assert StatementLine.objects.filter(accounts=accounts_2019).count() == 51


def _refused(controller, text):
    with pytest.raises(ValidationError) as excinfo:
        services.accounts_import(user=controller, content=text)
    assert all(error.code == "accounts-import-invalid" for error in excinfo.value.error_list)
    assert not AnnualAccounts.objects.exists()
    return excinfo.value.messages


def test_a_float_amount_is_refused_and_nothing_is_stored(db, controller):
    data = accounts_2019_data()
    line(data, "cash")["amount"] = 3207731.5
    messages = _refused(controller, exchange.yaml_write(data))
    assert any("3207731.5" in message for message in messages)


def test_a_reference_to_a_missing_line_is_refused(db, controller):
    data = accounts_2019_data()
    line(data, "gross-margin")["formula"] = "net-turnover - purchases"
    assert any("purchases" in m for m in _refused(controller, exchange.yaml_write(data)))


def test_a_code_used_twice_and_a_row_of_the_wrong_width_are_refused(db, controller):
    data = accounts_2019_data()
    line(data, "software")["code"] = "furniture"
    data["notes"][0]["rows"][0]["values"].append(1)
    messages = _refused(controller, exchange.yaml_write(data))
    # (the wording is the translators'; each problem names where it is)
    assert any("furniture" in m for m in messages)
    assert any("n1-tangible-fixed-assets" in m for m in messages)


def test_not_yaml_and_not_accounts_are_refused(db, controller):
    _refused(controller, "a: [")
    _refused(controller, "- just a list")
    _refused(controller, "format: something-else/1\nyear: 2019\nstatements: {}\n")


def test_only_the_controller_imports(db, secretariat):
    with pytest.raises(Exception) as excinfo:
        services.accounts_import(
            user=secretariat, content=exchange.yaml_write(accounts_2019_data())
        )
    assert excinfo.value.code == "finance-controller-only"


def test_importing_again_replaces_the_draft(accounts_2019, controller):
    data = accounts_2019_data()
    data["title"] = "Jaarrekening 2019 (herzien)"
    services.accounts_import(user=controller, content=exchange.yaml_write(data))
    assert AnnualAccounts.objects.count() == 1
    assert selectors.accounts_data(AnnualAccounts.objects.get()) == data
