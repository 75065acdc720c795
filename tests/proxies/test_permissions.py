"""A secretary of member A cannot see, file or revoke a proxy of member B, by form or by URL."""

import pytest
from django.urls import reverse

from proxies.models import Proxy

pytestmark = pytest.mark.django_db


@pytest.fixture
def proxy_b(file_proxy, member_b, secretary_b):
    return file_proxy(member_b, secretary_b)


def test_secretary_a_cannot_open_the_form_of_member_b(client_for, secretary_a, meeting, member_b):
    url = reverse("proxies:proxy-file", args=[meeting.pk, member_b.slug])
    assert client_for(secretary_a).get(url).status_code == 403


def test_secretary_a_cannot_post_a_proxy_for_member_b(client_for, secretary_a, meeting, member_b):
    url = reverse("proxies:proxy-file", args=[meeting.pk, member_b.slug])
    response = client_for(secretary_a).post(
        url,
        {
            "holder_name": "X",
            "holder_email": "x@example.org",
            "signatory_name": "Y",
            "signatory_function": "Burgemeester",
            "signed_on": "2020-06-16",
        },
    )
    assert response.status_code == 403
    assert Proxy.objects.count() == 0


@pytest.mark.parametrize(
    "name", ["proxies:proxy-detail", "proxies:proxy-edit", "proxies:proxy-scan"]
)
def test_secretary_a_cannot_see_the_proxy_of_member_b(client_for, secretary_a, proxy_b, name):
    assert client_for(secretary_a).get(reverse(name, args=[proxy_b.pk])).status_code == 403


def test_secretary_a_cannot_revoke_the_proxy_of_member_b(client_for, secretary_a, proxy_b):
    response = client_for(secretary_a).post(reverse("proxies:proxy-revoke", args=[proxy_b.pk]))
    assert response.status_code == 403
    proxy_b.refresh_from_db()
    assert proxy_b.status == "active"


def test_secretary_a_cannot_read_member_bs_letter(client_for, secretary_a, proxy_b):
    from documents.models import RenderedDocument

    letter = RenderedDocument.objects.for_source(proxy_b).get()
    assert (
        client_for(secretary_a)
        .get(reverse("documents:detail", args=[letter.public_id]))
        .status_code
        == 403
    )


def test_unknown_member_or_meeting_is_not_found(client_for, secretary_a, meeting):
    assert (
        client_for(secretary_a)
        .get(reverse("proxies:proxy-file", args=[meeting.pk, "nergens"]))
        .status_code
        == 404
    )
    assert (
        client_for(secretary_a)
        .get(reverse("proxies:proxy-file", args=[9999, "gemeente-a"]))
        .status_code
        == 404
    )


@pytest.mark.parametrize("persona", ["secretary_b", "secretariat"])
def test_the_members_secretary_and_the_secretariat_see_it(request, client_for, persona, proxy_b):
    user = request.getfixturevalue(persona)
    response = client_for(user).get(reverse("proxies:proxy-detail", args=[proxy_b.pk]))
    assert response.status_code == 200
    assert "Karin Cornelissen" in response.text


def test_the_holder_sees_the_proxy_it_holds(client_for, proxy_b):
    assert (
        client_for(proxy_b.holder_user)
        .get(reverse("proxies:proxy-detail", args=[proxy_b.pk]))
        .status_code
        == 200
    )


def test_the_overview_and_its_csv_are_for_the_secretariat(
    client_for, secretary_a, secretariat, meeting, proxy_b
):
    for name in ("proxies:overview", "proxies:overview-csv"):
        assert client_for(secretary_a).get(reverse(name, args=[meeting.pk])).status_code == 403
    page = client_for(secretariat).get(reverse("proxies:overview", args=[meeting.pk]))
    assert "Karin Cornelissen (1)" in page.text
    csv = client_for(secretariat).get(reverse("proxies:overview-csv", args=[meeting.pk]))
    text = csv.content.decode("utf-8-sig")
    assert "Gemeente B;Karin Cornelissen;gemeentesecretaris" in text
    assert "Gemeente A;;" in text


def test_filing_through_the_form(client_for, secretary_a, meeting, member_a):
    items = {i.title: i.pk for i in meeting.items.all()}
    response = client_for(secretary_a).post(
        reverse("proxies:proxy-file", args=[meeting.pk, member_a.slug]),
        {
            "holder_name": "Karin Cornelissen",
            "holder_email": "k@raalte.example",
            "holder_function": "gemeentesecretaris",
            "holder_organisation": "de gemeente Raalte",
            "signatory_name": "Ron König",
            "signatory_function": "Burgemeester",
            "signed_on": "2020-06-16",
            "decision_reference": "nota 2020-001138",
            "decision_date": "2020-06-16",
            f"item_{items['Jaarrekening 2019']}": "for",
            f"item_{items['Strategienota']}": "abstain",
        },
    )
    assert response.status_code == 302
    proxy = Proxy.objects.get()
    assert {i.agenda_item.title: i.position for i in proxy.instructions.all()} == {
        "Jaarrekening 2019": "for",
        "Strategienota": "abstain",
    }


def test_the_form_shows_a_refusal_and_keeps_the_input(
    client_for, secretary_a, meeting, member_a, representative_of_a
):
    response = client_for(secretary_a).post(
        reverse("proxies:proxy-file", args=[meeting.pk, member_a.slug]),
        {
            "holder_name": "R. Vertegenwoordiger",
            "holder_email": "rep-a@example.org",
            "signatory_name": "Ron König",
            "signatory_function": "Burgemeester",
            "signed_on": "2020-06-16",
        },
    )
    assert response.status_code == 200
    assert "eigen vertegenwoordiger" in response.text
    assert 'value="Ron König"' in response.text
    assert Proxy.objects.count() == 0
