"""`manage.py accounts_report YYYY` prints every check with its figures and difference, and
the ratios."""

import io

import pytest
from django.core.management import CommandError, call_command


def test_the_report_of_2019(accounts_2019):
    out = io.StringIO()
    call_command("accounts_report", "2019", stdout=out)
    text = out.getvalue()
    assert "stated 3.207.731, computed 3.207.732, difference \u22121" in text
    assert "[NOTE" in text and "1.298.884" in text
    assert "51,9%" in text and "42,8%" in text and "9,0" in text and "7,7" in text
    assert text.count("[OK") > 150


def test_a_year_without_accounts(db):
    with pytest.raises(CommandError):
        call_command("accounts_report", "2030", stdout=io.StringIO())
