"""Each check of the validation report agrees on consistent data and reports data made wrong
on purpose, with both figures and the difference."""

import pytest

from finance.checks import validation_report
from finance.constants import CheckStatus
from tests.finance.factories import consistent_2019_data, line, table


def _report(data):
    return validation_report(data)


def _finding(data, key):
    result = _report(data).get(key)
    assert result is not None, key
    assert result.status == CheckStatus.FINDING, (key, result.status)
    return result


def test_consistent_accounts_have_no_findings_only_the_provision_to_note():
    report = _report(consistent_2019_data())
    statuses = {r.status for r in report.results}
    assert CheckStatus.FINDING not in statuses
    assert [r.key for r in report.findings] == ["provision:n2-trade-debtors:1"]
    assert report.passed > 150


@pytest.mark.parametrize("period", ["current", "prior"])
def test_assets_must_equal_equity_and_liabilities(period):
    data = consistent_2019_data()
    assert _report(data).get(f"balance:{period}").status == CheckStatus.OK
    key = "amount" if period == "current" else "prior"
    line(data, "equity-and-liabilities")[key] += 10
    result = _finding(data, f"balance:{period}")
    assert result.difference == 10


def test_a_subtotal_must_add_up():
    data = consistent_2019_data()
    line(data, "trade-debtors")["amount"] = 162_000
    result = _finding(data, "total:receivables:current")
    assert (result.stated, result.computed, result.difference) == (899_478, 899_375, 103)


def test_a_heading_without_an_amount_adds_its_lines_into_the_total():
    data = consistent_2019_data()
    line(data, "cash")["amount"] += 1
    assert _finding(data, "total:assets:current").difference == -1


def test_a_total_by_formula_must_agree():
    data = consistent_2019_data()
    line(data, "gross-margin")["amount"] = 3_390_000
    result = _finding(data, "formula:gross-margin:current")
    assert result.difference == -672
    assert [amount for _label, amount in result.figures] == [12_336_669, 8_945_997]


def test_equity_at_the_start_plus_result_and_movements_equals_equity_at_the_end():
    data = consistent_2019_data()
    assert _report(data).get("equity:current").status == CheckStatus.OK
    data["other_equity_movements"] = -100
    assert _finding(data, "equity:current").difference == 100


def test_the_cash_flow_must_explain_the_change_in_cash():
    data = consistent_2019_data()
    assert _report(data).get("cash-change:current").status == CheckStatus.OK
    line(data, "cash-change")["amount"] = 1_106_000
    assert _finding(data, "cash-change:current").difference == -821


def test_each_cash_flow_line_agrees_with_the_other_statements():
    data = consistent_2019_data()
    report = _report(data)
    for code in (
        "cf-result",
        "cf-depreciation",
        "cf-receivables",
        "cf-current-liabilities",
        "cf-investments",
        "cash-start",
        "cash-end",
    ):
        assert report.get(f"reconcile:{code}:current").status == CheckStatus.OK, code
    line(data, "cf-receivables")["amount"] = 800_000
    result = _finding(data, "reconcile:cf-receivables:current")
    assert (result.stated, result.computed) == (800_000, 837_785)


def test_a_check_that_needs_the_year_before_the_prior_year_says_so():
    result = _report(consistent_2019_data()).get("reconcile:cf-receivables:prior")
    assert result.status == CheckStatus.SKIPPED
    assert result.remark


def test_every_total_of_a_note_table_must_add_up():
    data = consistent_2019_data()
    table(data, "n8-personnel-costs")["rows"][0]["values"][1] = 1_264_000
    result = _finding(data, "note-total:n8-personnel-costs:4:1")
    assert result.difference == 54


def test_a_deducted_row_is_subtracted_in_its_total():
    data = consistent_2019_data()
    assert _report(data).get("note-total:n1-tangible-fixed-assets:8:3").status == CheckStatus.OK
    table(data, "n1-tangible-fixed-assets")["rows"][7]["subtract"] = False
    assert _finding(data, "note-total:n1-tangible-fixed-assets:8:3").difference == -184_970


def test_a_total_column_must_add_up_per_row():
    data = consistent_2019_data()
    table(data, "n1-tangible-fixed-assets")["rows"][1]["values"][3] = 33_000
    assert _finding(data, "note-row:n1-tangible-fixed-assets:1").difference == -262


def test_a_statement_line_must_agree_with_its_note():
    data = consistent_2019_data()
    note = table(data, "n6-net-turnover")
    note["rows"][0]["values"][0] += 5
    note["rows"][2]["values"][0] += 5
    result = _finding(data, "note-line:n6-net-turnover:0")
    assert (result.stated, result.computed, result.difference) == (12_336_669, 12_336_674, -5)


def test_a_note_shown_with_the_opposite_sign_is_compared_negated():
    report = _report(consistent_2019_data())
    assert report.get("note-line:n12-interest-expenses:0").status == CheckStatus.OK


def test_a_specification_must_agree_with_its_row_in_the_main_note():
    data = consistent_2019_data()
    housing = table(data, "n10-housing")
    housing["rows"][0]["values"][0] += 1
    housing["rows"][-1]["values"][0] += 1
    assert _finding(data, "note-line:n10-housing:0").difference == -1


def test_a_line_whose_note_is_missing_is_reported():
    data = consistent_2019_data()
    data["notes"] = [t for t in data["notes"] if t["note"] != "13"]
    assert _finding(data, "note-missing:tax").status == CheckStatus.FINDING


def test_the_appropriation_must_cover_the_result():
    data = consistent_2019_data()
    assert _report(data).get("appropriation:current").status == CheckStatus.OK
    data["appropriation"]["amount"] = 499_950
    assert _finding(data, "appropriation:current").difference == -3
