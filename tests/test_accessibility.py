"""What the browser journeys (tests/e2e) rely on, checked without a browser: one short date
format, and a form with errors that says so in the page title and lists every error, each
linked to its field, in a summary that takes the focus (issue 17)."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import formats, translation


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_short_date_has_a_two_digit_day_and_month(language):
    with translation.override(language):
        assert formats.date_format(datetime.date(2020, 6, 17), "SHORT_DATE_FORMAT") == (
            "17-06-2020"
        )
        assert formats.date_format(datetime.date(2020, 6, 7), "SHORT_DATE_FORMAT") == ("07-06-2020")


def test_a_form_with_errors_says_so_in_the_title_and_lists_every_error(client_for, secretariat):
    with translation.override("nl"):
        page = client_for(secretariat).post(reverse("meetings:meeting-create"), {"title": ""})
    html = page.content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    summary = re.search(r"<div[^>]*data-error-summary[^>]*>(.*?)</div>", html, re.S)
    assert page.status_code == 200
    assert title.split(":")[0] in {"Fout", "Error"}
    assert "autofocus" in summary.group(0) and 'tabindex="-1"' in summary.group(0)
    links = re.findall(r'<a class="alert-link" href="#id_(\w+)"', summary.group(1))
    assert {"kind", "title", "date"} <= set(links)


def test_a_page_without_errors_has_a_plain_title(client_for, secretariat):
    page = client_for(secretariat).get(reverse("meetings:meeting-create"))
    title = re.search(r"<title>(.*?)</title>", page.content.decode(), re.S).group(1)
    assert title.split(":")[0] not in {"Fout", "Error"}
    assert "data-error-summary" not in page.content.decode()
