"""The validation report's rows, built in code (`finance_tags.report_rows`): every check once,
its figures and result escaped, and for the controller of draft accounts a form per finding or
note that records the explanation through the CSRF check, as the template's form did."""

import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from finance import selectors
from tests.accounts.factories import log_in_as

pytestmark = pytest.mark.django_db


def test_the_controller_explains_a_finding_through_the_rendered_form(accounts_2019, controller):
    client = log_in_as(Client(enforce_csrf_checks=True), controller)
    url = reverse("finance:accounts-report", args=[2019])
    report = selectors.accounts_report(accounts_2019)
    page = client.get(url).content.decode()
    # Every check a row, each section's heading once, in the report's order.
    titles = re.findall(r'<tr class="[^"]*"><td>([^<]*)', page)
    assert titles == [html.escape(r.title, quote=False) for r in report.results]
    sections = re.findall(r'scope="rowgroup">([^<]*)</th>', page)
    assert len(sections) == len({r.section for r in report.results})
    forms = re.findall(r'<form method="post".*?</form>', page, flags=re.S)
    assert len(forms) == len(report.findings) > 0
    first = forms[0]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', first).group(1)
    key = html.unescape(re.search(r'name="check_key" value="([^"]+)"', first).group(1))
    assert key == report.findings[0].key
    text = "Afronding <b>in</b> de jaarrekening"
    answer = client.post(url, {"csrfmiddlewaretoken": token, "check_key": key, "text": text})
    assert answer.status_code == 302
    assert dict(accounts_2019.explanations.values_list("check_key", "text")) == {key: text}
    page = client.get(url).content.decode()
    assert "Afronding &lt;b&gt;in&lt;/b&gt; de jaarrekening" in page and "<b>in</b>" not in page
    # Without the token the form is refused, as any other.
    assert client.post(url, {"check_key": key, "text": "x"}).status_code == 403
