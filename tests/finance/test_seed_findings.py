"""The seed's own figures contain differences: the report shows them, it does not hide them,
and the controller can explain each one."""

import pytest

from finance import selectors, services
from finance.checks import validation_report
from finance.constants import CheckStatus
from tests.finance.factories import accounts_2019_data


def test_the_one_euro_difference_of_the_liquid_assets_is_reported():
    result = validation_report(accounts_2019_data()).get("note-line:n3-cash:0")
    assert result.status == CheckStatus.FINDING
    assert (result.stated, result.computed, result.difference) == (3_207_731, 3_207_732, -1)
    assert result.year == 2019


def test_the_notes_own_sum_of_the_bank_accounts_agrees():
    result = validation_report(accounts_2019_data()).get("note-total:n3-cash:4:0")
    assert result.status == CheckStatus.OK and result.stated == 3_207_732


def test_trade_debtors_shown_net_of_a_provision_are_reported_with_the_gross_amount():
    result = validation_report(accounts_2019_data()).get("provision:n2-trade-debtors:1")
    assert result.status == CheckStatus.NOTE
    assert result.year == 2018
    assert [amount for _label, amount in result.figures] == [1_298_884, -80_000, 1_218_884]


def test_the_operating_cash_flow_label_shows_only_the_working_capital_changes():
    report = validation_report(accounts_2019_data())
    result = report.get("total:operating:current")
    assert (result.stated, result.computed, result.difference) == (612_967, 1_140_083, -527_116)
    assert report.get("formula:cash-change:current").difference == 527_116
    # while the change in cash itself agrees with the balance sheet
    assert report.get("cash-change:current").status == CheckStatus.OK


def test_the_seed_has_exactly_these_findings():
    report = validation_report(accounts_2019_data())
    assert sorted(r.key for r in report.findings) == [
        "formula:cash-change:current",
        "formula:cash-change:prior",
        "note-line:n3-cash:0",
        "provision:n2-trade-debtors:1",
        "total:operating:current",
        "total:operating:prior",
    ]


def test_the_controller_records_an_explanation_of_a_finding(accounts_2019, controller):
    services.explanation_record(
        accounts=accounts_2019,
        user=controller,
        check_key="note-line:n3-cash:0",
        text="Afrondingsverschil in de toelichting.",
    )
    report = selectors.accounts_report(accounts_2019)
    assert report.get("note-line:n3-cash:0").explanation == "Afrondingsverschil in de toelichting."
    assert report.get("note-line:n3-cash:0").status == CheckStatus.FINDING  # still reported


def test_an_explanation_needs_text_and_a_known_check(accounts_2019, controller):
    with pytest.raises(Exception) as excinfo:
        services.explanation_record(
            accounts=accounts_2019, user=controller, check_key="x", text="y"
        )
    assert excinfo.value.code == "accounts-unknown-check"
    with pytest.raises(Exception) as excinfo:
        services.explanation_record(
            accounts=accounts_2019, user=controller, check_key="note-line:n3-cash:0", text=" "
        )
    assert excinfo.value.code == "accounts-explanation-required"


def test_only_the_controller_explains(accounts_2019, secretariat):
    with pytest.raises(Exception) as excinfo:
        services.explanation_record(
            accounts=accounts_2019, user=secretariat, check_key="note-line:n3-cash:0", text="x"
        )
    assert excinfo.value.code == "finance-controller-only"
