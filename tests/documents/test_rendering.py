"""The PDF helper: the seed's documents come out archivable, and hostile markup fetches nothing."""

import http.server
import threading

import pytest
from pypdf.generic import IndirectObject

from documents import demo
from documents.constants import DocumentKind
from documents.kinds import kind_spec
from documents.pdf import html_to_pdf, render_to_pdf
from tests.documents.helpers import pdf_reader, pdf_text


def _render(kind, data, title="Document"):
    spec = kind_spec(kind)
    return render_to_pdf(
        spec.template, {**data.as_context(), "title": title}, archival=spec.archival
    )


@pytest.mark.django_db
def test_proxy_letter_follows_the_seed_letter():
    rendered = _render(DocumentKind.PROXY_LETTER, demo.proxy_letter_deventer(), "Volmacht ALV")
    text = " ".join(pdf_text(rendered.content).split())

    assert rendered.page_count == 1
    assert "Postbus 548" in text and "7500 AM ENSCHEDE" in text
    assert "T.a.v. de directeur-bestuurder" in text
    assert "16 juni 2020" in text
    assert "Volmacht ALV Dimpact" in text
    assert (
        "Hierbij machtig ik Karin Cornelissen, gemeentesecretaris bij de gemeente Raalte, tot het "
        "uitbrengen van een stem namens de gemeente Deventer tijdens de Algemene Leden Vergadering "
        "van Dimpact, welke online plaatsvindt op 17 juni 2020." in text
    )
    assert "Ron König Burgemeester" in text


@pytest.mark.django_db
def test_archived_documents_are_pdf_a_with_embedded_fonts_and_metadata():
    rendered = _render(
        DocumentKind.DECISION_LIST, demo.decision_list_2020_03_10(), "Besluitenlijst ALV"
    )
    reader = pdf_reader(rendered.content)

    xmp = reader.xmp_metadata
    assert (xmp.pdfaid_part, xmp.pdfaid_conformance) == ("2", "A")  # level A: tagged
    assert reader.metadata.title == "Besluitenlijst ALV"
    assert reader.metadata.author == "Coöperatie Dimpact U.A."
    assert reader.trailer["/Root"]["/Lang"] == "nl"
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for font in fonts.values():
        font = font.get_object()
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        assert "Source-Sans-3" in font["/BaseFont"]
        assert "/FontFile2" in descriptor  # the font program is in the file
    assert "Bedrijfsplan 2021 en bijbehorende tarieven" in pdf_text(rendered.content)


@pytest.mark.django_db
def test_action_list_is_pdf_ua_not_pdf_a():
    rendered = _render(DocumentKind.ACTION_LIST, demo.action_list_2020_03_10(), "Actielijst")
    xmp = pdf_reader(rendered.content).xmp_metadata
    assert xmp.pdfaid_part is None
    pdfua_part = xmp.get_element("", "http://www.aiim.org/pdfua/ns/id/", "part")
    assert [attribute.value for attribute in pdfua_part] == ["1"]
    assert "Herbenoeming Carolien Besselink" in pdf_text(rendered.content)


@pytest.mark.django_db
def test_agenda_lists_items_and_annexes_with_their_marks():
    rendered = _render(DocumentKind.AGENDA, demo.agenda_2020_06_17(), "Agenda ALV")
    text = " ".join(pdf_text(rendered.content).split())
    assert "3. Notulen vorige vergadering" in text
    assert "Bijlage 1b: Notulen vertrouwelijk agendapunt (vertrouwelijk)" in text
    assert "wordt nagezonden, uiterlijk 4 juni 2020" in text
    assert "19.00 \u2013 21.00 uur" in text


@pytest.fixture
def listener():
    """A web server on loopback that records every request it gets."""
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()


def _objects(reader):
    """Every object of the PDF, resolved."""
    for number in range(1, len(reader.xref_objStm) + 2000):
        try:
            obj = reader.get_object(IndirectObject(number, 0, reader))
        except Exception:
            continue
        if obj is not None:
            yield obj


@pytest.mark.django_db
def test_raw_hostile_markup_fetches_no_file_and_no_url(listener):
    base, hits = listener
    html = f"""<html><head>
      <link rel="attachment" href="file:///etc/passwd">
      <link rel="stylesheet" href="{base}/style.css">
      <style>@import url("file:///etc/hostname");
        body {{ background: url("{base}/bg.png") }}</style>
      </head><body>
      <img src="file:///etc/passwd"> <img src="{base}/pixel.png">
      <img src="http://169.254.169.254/latest/meta-data/">
      <a rel="attachment" href="file:///etc/passwd">passwd</a>
      <img src="https://portal.invalid/static/../../../../etc/passwd">
      <object data="file:///etc/passwd"></object>
      <p>Tekst</p></body></html>"""

    rendered = html_to_pdf(html, archival=True)

    assert hits == []
    reader = pdf_reader(rendered.content)
    assert "/EmbeddedFiles" not in reader.trailer["/Root"].get("/Names", {})
    for obj in _objects(reader):
        if hasattr(obj, "get"):
            assert obj.get("/Subtype") not in ("/FileAttachment", "/Image")
            assert obj.get("/Type") != "/EmbeddedFile"
    assert "root:" not in pdf_text(rendered.content)
    assert any("file:///etc/passwd" in url for url in rendered.refused_urls)
    assert any(url.startswith(base) for url in rendered.refused_urls)


@pytest.mark.django_db
def test_user_text_in_a_document_is_escaped(listener):
    base, hits = listener
    hostile = f'<img src="file:///etc/passwd"><img src="{base}/x.png"> <b>vet</b>'
    data = demo.decision_list_2020_03_10()
    context = data.as_context()
    context["decisions"][0]["text"] = hostile
    spec = kind_spec(DocumentKind.DECISION_LIST)

    rendered = render_to_pdf(spec.template, {**context, "title": "x"}, archival=True)

    assert hits == []
    assert rendered.refused_urls == ()  # the markup never reached the renderer as markup
    text = pdf_text(rendered.content)
    assert '<img src="file:///etc/passwd">' in text.replace("\n", "")
    assert "root:" not in text


@pytest.mark.django_db
def test_static_files_other_than_the_project_ones_are_refused():
    html = (
        '<img src="https://portal.invalid/static/css/../../manage.py">'
        '<img src="https://portal.invalid/static/%2e%2e/%2e%2e/manage.py">'
        '<img src="https://portal.invalid/other/manage.py">'
    )
    rendered = html_to_pdf(html, archival=False)
    assert len(rendered.refused_urls) == 3
