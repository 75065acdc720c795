"""The accounts summary PDF: rendered from plain data with the report, ratios and chart."""

import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder

from documents.services import pdf_render
from finance.documents import summary_context

pytestmark = pytest.mark.django_db


def test_the_summary_renders_with_the_chart(accounts_2019):
    context = json.loads(json.dumps(summary_context(accounts_2019), cls=DjangoJSONEncoder))
    assert context["findings"] == 6 and "<svg" in context["chart"]
    pdf = pdf_render(template="documents/pdf/accounts_summary.html", context=context)
    assert pdf.content.startswith(b"%PDF") and pdf.page_count >= 2
