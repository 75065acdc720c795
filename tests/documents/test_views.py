"""Who may follow, download and retry a document; the page never waits for the render."""

import pytest
from django.urls import reverse

from documents import services
from documents.constants import DocumentStatus
from documents.models import RenderedDocument
from tests.documents.helpers import pdf_text, request_letter


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def letter_a(member_a, secretary_a):
    return request_letter(member_a, requested_by=secretary_a)


def _ready(document):
    services.document_render(document_id=document.pk)
    document.refresh_from_db()
    return document


def test_queued_document_page_polls_for_progress(client_for, secretary_a, letter_a):
    response = client_for(secretary_a).get(reverse("documents:detail", args=[letter_a.public_id]))
    assert response.status_code == 200
    assert 'hx-trigger="every 1s"' in response.text
    assert "Het document staat in de wachtrij" in response.text


def test_htmx_poll_gets_the_download_once_ready(client_for, secretary_a, letter_a):
    _ready(letter_a)
    response = client_for(secretary_a).get(
        reverse("documents:detail", args=[letter_a.public_id]), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert "<html" not in response.text
    assert reverse("documents:download", args=[letter_a.public_id]) in response.text
    assert "every 1s" not in response.text


@pytest.mark.parametrize("persona", ["secretary_a", "representative_a", "secretariat"])
def test_the_members_people_and_the_secretariat_download(request, client_for, persona, letter_a):
    _ready(letter_a)
    user = request.getfixturevalue(persona)
    response = client_for(user).get(reverse("documents:download", args=[letter_a.public_id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert "Karin Cornelissen" in pdf_text(b"".join(response.streaming_content))


@pytest.mark.parametrize("persona", ["secretary_b", "chair", "board_member", "controller"])
def test_others_are_refused_the_page_and_the_file(request, client_for, persona, letter_a):
    _ready(letter_a)
    client = client_for(request.getfixturevalue(persona))
    for name in ("documents:detail", "documents:download"):
        assert client.get(reverse(name, args=[letter_a.public_id])).status_code == 403
    assert client.post(reverse("documents:retry", args=[letter_a.public_id])).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, letter_a):
    response = client.get(reverse("documents:download", args=[letter_a.public_id]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_unknown_document_is_not_found(client_for, secretariat):
    url = reverse("documents:detail", args=["00000000-0000-0000-0000-000000000000"])
    assert client_for(secretariat).get(url).status_code == 404


def test_download_before_ready_is_not_found(client_for, secretary_a, letter_a):
    url = reverse("documents:download", args=[letter_a.public_id])
    assert client_for(secretary_a).get(url).status_code == 404


def test_failed_document_shows_the_reason_and_can_be_retried(
    client_for, secretary_a, letter_a, django_capture_on_commit_callbacks
):
    RenderedDocument.objects.filter(pk=letter_a.pk).update(
        status=DocumentStatus.FAILED, error="Het bestand kon niet worden opgeslagen: schijf vol"
    )
    client = client_for(secretary_a)
    page = client.get(reverse("documents:detail", args=[letter_a.public_id]))
    assert "schijf vol" in page.text

    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("documents:retry", args=[letter_a.public_id]))

    assert response.status_code == 302
    letter_a.refresh_from_db()
    assert letter_a.status == DocumentStatus.QUEUED
    assert len(callbacks) == 1


def test_old_versions_stay_listed_and_downloadable(client_for, secretary_a, member_a, letter_a):
    _ready(letter_a)
    newer = _ready(request_letter(member_a, requested_by=secretary_a, holder="Johan Dijkstra"))
    client = client_for(secretary_a)
    page = client.get(reverse("documents:detail", args=[newer.public_id]))
    assert "v1" in page.text and "v2" in page.text
    old = client.get(reverse("documents:download", args=[letter_a.public_id]))
    assert "Karin Cornelissen" in pdf_text(b"".join(old.streaming_content))


def test_only_the_secretariat_sees_the_list(client_for, secretariat, secretary_a, letter_a):
    assert client_for(secretary_a).get(reverse("documents:list")).status_code == 403
    response = client_for(secretariat).get(reverse("documents:list") + "?status=queued")
    assert response.status_code == 200
    assert "Volmacht Gemeente A" in response.text


def test_embedded_default_shows_the_result_at_once(
    client_for, secretary_a, member_a, settings, django_capture_on_commit_callbacks
):
    # `make run` has no broker: the task runs in-process as soon as the request commits.
    from dimpact_portal.celery import app

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    try:
        with django_capture_on_commit_callbacks(execute=True):
            document = request_letter(member_a, requested_by=secretary_a)
    finally:
        app.conf.task_always_eager = eager

    page = client_for(secretary_a).get(reverse("documents:detail", args=[document.public_id]))
    assert "PDF downloaden" in page.text
    assert "every 1s" not in page.text
