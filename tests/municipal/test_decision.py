"""The executive's decision, entered once: it pre-fills the proxy and its instructions, the
letter names it, the ballot page shows it as the member's mandate; its history is kept."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from documents.constants import DocumentKind
from documents.selectors import document_latest
from meetings.constants import ItemPurpose, MeetingStatus
from municipal import selectors, services
from municipal.constants import Position
from proxies.constants import Position as ProxyPosition
from proxies.models import Proxy
from proxies.services import Holder, proxy_file
from statutes.selectors import association_current
from tests.members.factories import MandateFactory


def _record(meeting, member, user, **changes):
    minutes, accounts = meeting.items.filter(purpose=ItemPurpose.DECISION).order_by("position")
    data = {
        "meeting": meeting,
        "member": member,
        "user": user,
        "body": "college van B&W",
        "date": datetime.date(2020, 6, 16),
        "note_number": "2020-001138",
        "positions": {minutes.pk: Position.FOR, accounts.pk: Position.AGAINST},
        "holder": {
            "name": "Karin Cornelissen",
            "function": "gemeentesecretaris",
            "organisation": "gemeente Raalte",
            "email": "k.cornelissen@raalte.example",
        },
    }
    data.update(changes)
    return services.executive_decision_record(**data), minutes, accounts


def _form_data(form) -> dict:
    """What the secretary sends when accepting the form as the page fills it in."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or name in ("scan", "known_holder"):
            continue
        data[name] = value.isoformat() if isinstance(value, datetime.date) else value
    return data


def test_the_positions_are_the_proxys_positions():
    assert Position.choices == ProxyPosition.choices


def test_the_decision_prefills_the_proxy_form_and_the_filed_proxy_follows_it(
    alv, member_a, secretary_a, client_for
):
    decision, minutes, accounts = _record(alv, member_a, secretary_a)
    client = client_for(secretary_a)
    url = reverse("proxies:proxy-file", args=[alv.pk, member_a.slug])
    form = client.get(url).context["form"]
    assert form[f"item_{minutes.pk}"].value() == "for"
    assert form[f"item_{accounts.pk}"].value() == "against"
    assert form["holder_name"].value() == "Karin Cornelissen"
    assert "2020-001138" in form["decision_reference"].value()
    assert form["decision_date"].value() == datetime.date(2020, 6, 16)
    data = _form_data(form) | {"signatory_name": "R. König", "signatory_function": "Burgemeester"}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    proxy = Proxy.objects.get(meeting=alv, member=member_a)
    positions = {i.agenda_item_id: i.position for i in proxy.instructions.all()}
    assert positions == {minutes.pk: "for", accounts.pk: "against"}
    assert proxy.holder_email == "k.cornelissen@raalte.example"
    assert proxy.decision_date == decision.date
    # The letter names the decision.
    letter = document_latest(kind=DocumentKind.PROXY_LETTER, source=proxy).context["letter"]
    assert "2020-001138" in letter["decision_reference"]


def test_without_a_decision_the_form_is_empty_and_a_proxy_can_still_be_filed(
    alv, member_a, secretary_a, client_for
):
    form = (
        client_for(secretary_a)
        .get(reverse("proxies:proxy-file", args=[alv.pk, member_a.slug]))
        .context["form"]
    )
    assert not form["decision_reference"].value()
    proxy = proxy_file(
        meeting=alv,
        member=member_a,
        filed_by=secretary_a,
        holder=Holder(name="K. Cornelissen", email="k@raalte.example"),
        signatory_name="R. König",
        signatory_function="Burgemeester",
        signed_on=datetime.date.today(),
    )
    assert proxy.decision_reference == ""


def test_where_the_statutes_require_it_a_proxy_names_the_decision(alv, member_a, secretary_a):
    association = association_current()
    association.proxy_requires_executive_decision = True
    association.save()
    with pytest.raises(ValidationError) as excinfo:
        proxy_file(
            meeting=alv,
            member=member_a,
            filed_by=secretary_a,
            holder=Holder(name="K. Cornelissen", email="k@raalte.example"),
            signatory_name="R. König",
            signatory_function="Burgemeester",
            signed_on=datetime.date.today(),
        )
    assert excinfo.value.code == "proxy-decision-required"


def test_the_ballot_page_shows_the_members_mandate(
    alv, member_a, secretary_a, representative_a, client_for
):
    _record(alv, member_a, secretary_a, holder={})
    alv.status = MeetingStatus.IN_SESSION
    alv.save()
    response = client_for(representative_a).get(reverse("voting:vote", args=[alv.pk]))
    assert response.status_code == 200
    (mandate,) = response.context["mandates"]
    assert mandate.member == member_a
    assert [(item.position, label) for item, label in mandate.positions] == [
        (3, str(Position.FOR.label)),
        (4, str(Position.AGAINST.label)),
    ]
    assert "2020-001138" in response.content.decode()


def test_the_decision_keeps_its_history(alv, member_a, secretary_a, secretariat):
    decision, _m, _a = _record(alv, member_a, secretary_a)
    _record(alv, member_a, secretariat, note_number="2020-001139")
    decision.refresh_from_db()
    history = selectors.decision_history(alv, member_a)
    assert [h.note_number for h in history] == ["2020-001139", "2020-001138"]
    assert [h.history_user for h in history] == [secretariat, secretary_a]


def test_only_the_members_own_secretary_or_the_secretariat_records_it(
    alv, member_a, secretary_b, representative_a
):
    for user in (secretary_b, representative_a):
        with pytest.raises(Exception) as excinfo:
            _record(alv, member_a, user)
        assert excinfo.value.code == "municipal-own-secretary-only"


def test_positions_only_for_decision_items(alv, member_a, secretary_a):
    opening = alv.items.get(position=1)
    with pytest.raises(ValidationError) as excinfo:
        _record(alv, member_a, secretary_a, positions={opening.pk: Position.FOR})
    assert excinfo.value.code == "municipal-position-not-a-decision-item"


def test_a_holder_needs_an_email(alv, member_a, secretary_a):
    with pytest.raises(ValidationError) as excinfo:
        _record(alv, member_a, secretary_a, holder={"name": "K. Cornelissen"})
    assert excinfo.value.code == "municipal-holder-no-email"


def test_the_decision_page_records_it(alv, member_a, secretary_a, secretary_b, client_for):
    url = reverse("municipal:decision", args=[alv.pk, member_a.slug])
    assert client_for(secretary_b).get(url).status_code == 403
    minutes, accounts = alv.items.filter(purpose=ItemPurpose.DECISION).order_by("position")
    response = client_for(secretary_a).post(
        url,
        {
            "body": "college van B&W",
            "date": "2020-06-16",
            "note_number": "2020-001138",
            f"item_{minutes.pk}": "for",
            f"item_{accounts.pk}": "abstain",
        },
    )
    assert response.status_code == 302
    decision = selectors.executive_decision(alv, member_a)
    assert selectors.decision_positions(decision) == {minutes.pk: "for", accounts.pk: "abstain"}
    assert decision.holder_name == ""  # the representative votes


@pytest.fixture(autouse=True)
def _representative_of_b(member_b):
    MandateFactory(member=member_b, kind="representative", name="J. Janssen", email="j@b.example")
