"""Who sees and does what: the controller enters and imports; the secretariat and the RvC read;
members see the accounts once on an assembly's agenda; adopted accounts are public."""

import pytest
from django.test import Client
from django.urls import reverse

from finance import exchange, services
from finance.constants import AccountsStatus
from tests.finance.factories import TariffYearFactory, accounts_2019_data

pytestmark = pytest.mark.django_db


def _get(client, name, *args):
    return client.get(reverse(name, args=args))


@pytest.mark.parametrize("persona", ["controller", "secretariat", "board_member"])
def test_staff_read_the_draft(request, persona, accounts_2019, client_for):
    client = client_for(request.getfixturevalue(persona))
    for name in ("finance:accounts-detail", "finance:accounts-report", "finance:accounts-ratios"):
        assert _get(client, name, 2019).status_code == 200, name
    export = _get(client, "finance:accounts-export", 2019)
    assert export.status_code == 200
    assert exchange.yaml_read(export.content) == accounts_2019_data()


@pytest.mark.parametrize("persona", ["secretary_a", "representative_a", "chair"])
def test_others_do_not_see_a_draft_not_on_an_agenda(request, persona, accounts_2019, client_for):
    client = client_for(request.getfixturevalue(persona))
    assert _get(client, "finance:accounts-detail", 2019).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(accounts_2019):
    response = Client().get(reverse("finance:accounts-detail", args=[2019]))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("persona", ["secretary_a", "representative_a"])
def test_members_see_the_accounts_once_on_an_assembly_agenda(
    request, persona, accounts_2019, accounts_item, controller, client_for
):
    services.proposal_create(
        kind="adopt-accounts", agenda_item=accounts_item, user=controller, accounts=accounts_2019
    )
    client = client_for(request.getfixturevalue(persona))
    response = _get(client, "finance:accounts-detail", 2019)
    assert response.status_code == 200
    assert "3.207.731" in response.content.decode()
    assert "/stemming/" not in response.content.decode()  # members do not prepare polls


def test_only_the_controller_imports(controller, secretariat, client_for):
    assert _get(client_for(secretariat), "finance:accounts-import").status_code == 403
    client = client_for(controller)
    assert _get(client, "finance:accounts-import").status_code == 200
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("j.yaml", exchange.yaml_write(accounts_2019_data()).encode())
    response = client.post(reverse("finance:accounts-import"), {"file": upload})
    assert response.status_code == 302


def test_a_wrong_file_is_shown_with_its_problems(controller, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_for(controller).post(
        reverse("finance:accounts-import"), {"file": SimpleUploadedFile("j.yaml", b"year: x\n")}
    )
    assert response.status_code == 200 and "year" in response.content.decode()


def test_only_the_controller_edits_a_line(accounts_2019, controller, secretariat, client_for):
    url = reverse("finance:line-edit", args=[2019, "cash"])
    data = {"label": "Liquide middelen", "amount": "3207732", "prior_amount": "2100910"}
    assert client_for(secretariat).post(url, data).status_code == 403
    assert client_for(controller).post(url, data).status_code == 302
    assert accounts_2019.lines.get(code="cash").amount == 3_207_732


def test_only_the_controller_explains_a_finding(accounts_2019, secretariat, controller, client_for):
    url = reverse("finance:accounts-report", args=[2019])
    data = {"check_key": "note-line:n3-cash:0", "text": "Afronding"}
    assert client_for(secretariat).post(url, data).status_code == 403
    assert client_for(controller).post(url, data).status_code == 302
    assert accounts_2019.explanations.get().text == "Afronding"


def test_adopted_accounts_are_public(accounts_2019):
    anonymous = Client()
    assert anonymous.get(reverse("finance-public:accounts", args=[2019])).status_code == 404
    accounts_2019.status, accounts_2019.frozen = AccountsStatus.ADOPTED, True
    accounts_2019.save()
    response = anonymous.get(reverse("finance-public:accounts", args=[2019]))
    assert response.status_code == 200 and "3.207.731" in response.content.decode()
    assert "2019" in anonymous.get(reverse("finance-public:index")).content.decode()


def test_tariffs_for_staff_and_each_member_its_own(
    member_a, member_b, secretary_a, controller, client_for
):
    TariffYearFactory(year=2021)
    assert _get(client_for(controller), "finance:tariffs", 2021).status_code == 200
    csv = _get(client_for(controller), "finance:tariffs-csv", 2021)
    text = csv.content.decode("utf-8-sig").upper()
    assert csv.status_code == 200 and ("EXAMPLE" in text or "VOORBEELD" in text)
    secretary = client_for(secretary_a)
    assert _get(secretary, "finance:tariffs", 2021).status_code == 403
    assert _get(secretary, "finance:tariff-member", 2021, member_a.slug).status_code == 200
    assert _get(secretary, "finance:tariff-member", 2021, member_b.slug).status_code == 403


def test_the_finance_index_lists_what_each_persona_may_see(
    accounts_2019, controller, secretary_a, client_for
):
    assert "Jaarrekening 2019" in _get(client_for(controller), "finance:index").content.decode()
    assert (
        "Jaarrekening 2019" not in _get(client_for(secretary_a), "finance:index").content.decode()
    )


def test_the_home_page_shows_what_is_due_to_the_controller(
    accounts_2019, controller, secretary_a, client_for
):
    page = client_for(controller).get(reverse("home")).content.decode()
    assert "2019" in page and reverse("finance:accounts-detail", args=[2019]) in page
    other = client_for(secretary_a).get(reverse("home")).content.decode()
    assert reverse("finance:accounts-detail", args=[2019]) not in other


# Found by the walk (tests/walk.py): pages that offered what the service then refused.


@pytest.mark.parametrize("persona", ["secretary_a", "board_member", "chair"])
def test_the_extension_form_is_only_for_who_records_it(
    request, persona, accounts_2019, accounts_item, controller, client_for
):
    """The extension page was shown to everyone who saw the accounts; its form then answered
    a bare 403 (`extension_grant` is for the controller and the secretariat)."""
    services.proposal_create(
        kind="adopt-accounts", agenda_item=accounts_item, user=controller, accounts=accounts_2019
    )
    client = client_for(request.getfixturevalue(persona))
    assert _get(client, "finance:accounts-detail", 2019).status_code == 200
    assert _get(client, "finance:extension-edit", 2019).status_code == 403
    response = client.post(reverse("finance:extension-edit", args=[2019]), {"months": 2})
    assert response.status_code == 403
    accounts_2019.refresh_from_db()
    assert accounts_2019.extension_months == 0


@pytest.mark.parametrize("persona", ["controller", "secretariat"])
def test_the_controller_and_the_secretariat_record_an_extension(
    request, persona, accounts_2019, client_for
):
    client = client_for(request.getfixturevalue(persona))
    assert _get(client, "finance:extension-edit", 2019).status_code == 200
    response = client.post(reverse("finance:extension-edit", args=[2019]), {"months": 2})
    assert response.status_code == 302
    accounts_2019.refresh_from_db()
    assert accounts_2019.extension_months == 2


@pytest.mark.parametrize("persona", ["controller", "board_member"])
def test_the_poll_button_is_only_for_who_prepares_polls(
    request, persona, accounts_2019, accounts_item, controller, secretariat, client_for
):
    """The accounts page offered "Prepare the poll" to the controller and the board, and the
    voting service refused them with a bare 403: only the chair and the secretariat prepare
    the assembly's polls."""
    proposal = services.proposal_create(
        kind="discharge-board", agenda_item=accounts_item, user=controller, accounts=accounts_2019
    )
    client = client_for(request.getfixturevalue(persona))
    page = _get(client, "finance:accounts-detail", 2019).content.decode()
    assert "/stemming/" not in page
    response = client.post(reverse("finance:proposal-poll", args=[2019, proposal.pk]))
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.poll_id is None
    staff = client_for(secretariat)
    assert "/stemming/" in _get(staff, "finance:accounts-detail", 2019).content.decode()
    response = staff.post(reverse("finance:proposal-poll", args=[2019, proposal.pk]))
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.poll_id is not None
