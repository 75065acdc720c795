"""What the secretariat's proxy pages cost with hundreds of members: the holder candidates
filtered in SQL and listed from plain values, the overview from plain values; the same
content, and as many queries for a long register as for a short one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from members.constants import MandateKind
from members.selectors import mandate_email, mandates_of_others
from proxies import selectors
from proxies.constants import Position
from tests.accounts.factories import UserFactory
from tests.members.factories import MandateFactory, MemberFactory
from tests.proxies.conftest import holder

pytestmark = pytest.mark.django_db


def _queries(client, url) -> tuple[int, str]:
    client.get(url)  # what a first visit caches (the association's settings) is not counted
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode("utf-8-sig")


def _label(mandate) -> str:
    with translation.override("nl"):
        return f"{mandate.name}, {str(mandate.get_kind_display()).lower()} {mandate.member.name}"


def test_the_candidates_are_the_people_mandate_email_finds_an_address_for(
    member_a, member_b, member_c, meeting, django_assert_num_queries
):
    on_register = MandateFactory(member=member_b, name="Eigen Adres", email="eigen@example.org")
    by_account = MandateFactory(
        member=member_b,
        representative=True,
        name="Via Account",
        email="",
        user=UserFactory(email="account@example.org"),
    )
    MandateFactory(member=member_c, name="Zonder Account", email="")
    MandateFactory(member=member_c, representative=True, name="Account Zonder Adres", email="",
                   user=UserFactory(email=""))  # fmt: skip
    MandateFactory(member=member_a, name="Eigen Lid", email="lid@example.org")  # member A's own
    with django_assert_num_queries(1):
        candidates = list(selectors.holder_candidates(meeting, member_a))
    expected = [m for m in mandates_of_others(member_a, meeting.date) if mandate_email(m)]
    assert candidates == expected
    assert set(candidates) == {on_register, by_account}


def test_the_holder_list_shows_every_candidate_in_as_many_queries_for_a_long_register(
    client_for, secretariat, member_a, member_b, meeting
):
    chosen = MandateFactory(member=member_b, name='D. "de" <Vries>', email="vries@example.org")
    url = reverse("proxies:proxy-file", args=[meeting.pk, member_a.slug])
    client = client_for(secretariat)
    few, page = _queries(client, url)
    assert f'<option value="{chosen.pk}">D. &quot;de&quot; &lt;Vries&gt;, ' in page
    assert _label(chosen).replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;") in page
    more = [
        MandateFactory(member=MemberFactory(), email=f"s{n}@example.org", kind=kind)
        for n in range(12)
        for kind in (MandateKind.SECRETARY, MandateKind.REPRESENTATIVE)
    ]
    many, page = _queries(client, url)
    assert many == few
    for mandate in more:
        assert f'<option value="{mandate.pk}">{_label(mandate)}</option>' in page
    assert page.count("<option value=") == 1 + 1 + len(more)  # the empty choice first


def test_a_change_offers_the_same_list_and_keeps_the_choice_after_an_error(
    client_for, secretariat, file_proxy, member_a, member_b, meeting
):
    chosen = MandateFactory(member=member_b, name="S. Ecretaris", email="s@example.org")
    proxy = file_proxy(member_a, secretariat)
    url = reverse("proxies:proxy-edit", args=[proxy.pk])
    client = client_for(secretariat)
    few, page = _queries(client, url)
    assert f'<option value="{chosen.pk}">{_label(chosen)}</option>' in page
    for _n in range(10):
        MandateFactory(member=MemberFactory(), email=f"x{_n}@example.org")
    assert _queries(client, url)[0] == few
    # Without the date the form is shown again, the chosen holder still selected.
    response = client.post(url, {"known_holder": str(chosen.pk), "signatory_name": "R. König"})
    assert response.status_code == 200
    assert f'<option value="{chosen.pk}" selected>{_label(chosen)}</option>' in response.text


def _overview_world(file_proxy, secretariat, meeting, numbers: range) -> list:
    items = list(selectors.decision_items(meeting))
    proxies = []
    for n in numbers:
        member = MemberFactory(name=f"Gemeente P{n:02d}")
        proxies.append(
            file_proxy(
                member,
                secretariat,
                who=holder(name=f"Houder {n:02d}", email=f"houder{n}@example.org"),
                instructions={items[0].pk: Position.FOR, items[1].pk: Position.ABSTAIN},
            )
        )
        MemberFactory(name=f"Gemeente Q{n:02d}")  # without a proxy
    return proxies


def test_the_overview_and_its_csv_show_every_proxy_in_as_many_queries_for_many(
    client_for, secretariat, file_proxy, meeting
):
    client = client_for(secretariat)
    page_url = reverse("proxies:overview", args=[meeting.pk])
    csv_url = reverse("proxies:overview-csv", args=[meeting.pk])
    _overview_world(file_proxy, secretariat, meeting, range(2))
    few_page, _page = _queries(client, page_url)
    few_csv, _csv = _queries(client, csv_url)
    proxies = _overview_world(file_proxy, secretariat, meeting, range(2, 12))[-1:]
    many_page, page = _queries(client, page_url)
    many_csv, csv = _queries(client, csv_url)
    assert (many_page, many_csv) == (few_page, few_csv)
    with translation.override("nl"):
        voor, onthouding = str(Position.FOR.label), str(Position.ABSTAIN.label)
    proxy = proxies[0]
    row = page[page.index("Gemeente P11") : page.index("Gemeente Q00")]
    assert f'href="{reverse("proxies:proxy-detail", args=[proxy.pk])}">Houder 11</a>' in row
    assert f"3: {voor} · 4: {onthouding}" in row
    assert "Houder 11 (1)" in page
    assert "Gemeente P11;Houder 11;gemeentesecretaris;de gemeente Raalte;Ron König;" in csv
    line = next(line for line in csv.splitlines() if line.startswith("Gemeente P11;"))
    assert line.endswith(f";{voor};{onthouding}")
    assert next(line for line in csv.splitlines() if line.startswith("Gemeente Q11;")).startswith(
        "Gemeente Q11;;;;;;;;"
    )
    assert csv.splitlines()[0].endswith(";3. Jaarrekening 2019;4. Strategienota")


def test_the_overview_says_who_attends_for_a_member_without_a_proxy(
    client_for, secretariat, meeting, member_a
):
    from meetings.constants import AttendanceRole
    from meetings.models import Attendance

    Attendance.objects.create(
        meeting=meeting, role=AttendanceRole.MEMBER, member=member_a, person="A. Aanwezig"
    )
    page = client_for(secretariat).get(reverse("proxies:overview", args=[meeting.pk])).text
    row = page[page.index("<td>Gemeente A</td>") :]
    assert row[: row.index("</tr>")].count("A. Aanwezig") == 1
