"""Ratios for 2019 and 2018 against Dimpact's norms, side by side, with a chart."""

from decimal import Decimal

from finance import selectors


def test_ratios_2019_and_2018(accounts_2019):
    years = selectors.accounts_ratios(accounts_2019)
    assert [y.year for y in years] == [2018, 2019]
    y2018, y2019 = years
    # solvency: 2.179.480 / 4.201.928 and 1.679.527 / 3.926.793
    assert y2019.get("solvency").value == Decimal("51.9") and y2019.get("solvency").meets
    assert y2018.get("solvency").value == Decimal("42.8") and y2018.get("solvency").meets
    # the general reserve against the auditor's advised € 1.750.000
    assert (y2019.get("general-reserve").value, y2019.get("general-reserve").meets) == (
        2_179_480,
        True,
    )
    assert (y2018.get("general-reserve").value, y2018.get("general-reserve").meets) == (
        1_679_527,
        False,
    )
    # continuity: equity / (Som der kosten / 12): 2.179.480 x 12 / 2.890.111 = 9,05 months
    assert y2019.get("continuity").value == Decimal("9.0") and y2019.get("continuity").meets
    assert (
        y2018.get("continuity").value == Decimal("7.7") and y2018.get("continuity").meets is False
    )


def test_the_chart_is_an_svg_with_a_bar_per_year_and_ratio(accounts_2019):
    svg = selectors.ratios_chart(selectors.accounts_ratios(accounts_2019))
    assert svg.startswith("<svg") and svg.count("<rect") == 6
    assert "<script" not in svg
    assert "9,0" in svg and "51,9%" in svg


def test_the_norms_are_the_associations_settings(accounts_2019, monkeypatch):
    from statutes.selectors import association_current

    association = association_current()
    if not hasattr(association, "solvency_norm_percent"):
        assert selectors.norms()["solvency_norm_percent"] == 30  # Dimpact's default
        return
    association.solvency_norm_percent = 55
    association.save()
    years = selectors.accounts_ratios(accounts_2019)
    assert years[1].get("solvency").meets is False
