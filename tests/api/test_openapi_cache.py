"""The OpenAPI document is generated once per process, language and version
(`dimpact_portal.api.views`), and answers the same bytes as a freshly generated one."""

import pytest
from django.test import Client, override_settings
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator

from dimpact_portal.api import views

URL = "/api/v1/openapi.json"


@pytest.fixture
def generated(monkeypatch):
    """The languages the document was generated in, one entry per generation."""
    views.schema_cache_clear()
    languages = []
    original = SchemaGenerator.get_schema

    def counting(self, *args, **kwargs):
        languages.append(translation.get_language())
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SchemaGenerator, "get_schema", counting)
    yield languages
    views.schema_cache_clear()


def test_the_openapi_document_is_generated_once_per_language(db, generated):
    client = Client()
    dutch = client.get(URL)
    again = client.get(URL)
    assert generated == ["nl"]
    assert again.content == dutch.content
    assert again["Content-Type"] == dutch["Content-Type"]
    assert again["Content-Disposition"] == dutch["Content-Disposition"]

    english = client.get(URL, {"lang": "en"})
    assert generated == ["nl", "en"]
    assert english.content != dutch.content  # its descriptions are translated
    assert client.get(URL, {"lang": "en"}).content == english.content
    assert client.get(URL).content == dutch.content
    assert generated == ["nl", "en"]


def test_a_remembered_document_is_the_same_as_a_new_one(db, generated):
    client = Client()
    remembered = client.get(URL) and client.get(URL)
    views.schema_cache_clear()
    assert client.get(URL).content == remembered.content
    assert len(generated) == 2


def test_another_version_or_language_is_made_each_time_not_kept(db, generated):
    """The caller chooses them: kept, they could fill the memory."""
    client = Client()
    plain = client.get(URL)
    for n in range(3):
        versioned = client.get(URL, {"version": f"9.{n}"})
        assert versioned.json()["info"]["version"] == f"1.0.0 (9.{n})"
        assert f"9.{n}" in versioned["Content-Disposition"]
    client.get(URL, {"lang": "xx"})
    indented = client.get(URL, HTTP_ACCEPT="application/json; indent=2")
    assert indented.content != plain.content
    assert client.get(URL).content == plain.content
    assert len(generated) == 5
    assert len(views._schemas) == 1 and len(views._rendered) == 1


def test_a_changed_setting_forgets_the_document(db, generated):
    Client().get(URL)
    with override_settings(LANGUAGE_CODE="en"):
        Client().get(URL)
    assert generated == ["nl", "en"]
