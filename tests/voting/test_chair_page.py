"""The chair's page during an assembly: who is there and how, the polls, the form to prepare
one; its queries do not grow with the members present."""

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings import services as meeting_services
from tests.accounts.factories import UserFactory
from tests.meetings.factories import AgendaItemFactory
from tests.members.factories import MemberFactory
from tests.voting.conftest import representative
from voting import forms, services
from voting.views import _poll_form_html


def _members_there(meeting, give_proxy, count, start=0):
    """`count` members more, in turns registered present, represented by proxy and voting
    online (on the open poll)."""
    poll = meeting.polls.get(status="open")
    for n in range(start, start + count):
        member = MemberFactory(name=f"Gemeente Extra {n:03d}")
        how = n % 3
        if how == 0:
            meeting_services.attendance_record(
                meeting=meeting, member=member, person=f"Wethouder {n}", present=True
            )
        elif how == 1:  # a holder each: the statutes limit how many one holds
            give_proxy(member, to=UserFactory(username=f"holder-extra-{n}"))
        else:
            user = representative(member, f"rep-extra-{n}")
            services.ballot_cast(poll=poll, member_id=member.pk, user=user, choice="for")


def _get(client, meeting):
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("voting:chair", args=[meeting.pk]))
    assert page.status_code == 200
    return page, len(queries)


def test_who_is_there_says_how_each_member_is_there(
    client_for, chair, motion, member_a, member_b, member_c, rep_a, give_proxy, holder
):
    meeting = motion.meeting
    meeting_services.attendance_record(
        meeting=meeting, member=member_a, person="Jan de Vries", present=True
    )
    give_proxy(member_b)
    rep_c = representative(member_c, "rep-c")
    services.ballot_cast(poll=motion, member_id=member_c.pk, user=rep_c, choice="for")
    page, _count = _get(client_for(chair), meeting)
    assert "3 van 3 leden" in page.text
    assert "<li>Gemeente A: Jan de Vries</li>" in page.text
    assert f"<li>Gemeente B: via volmacht: {holder.get_full_name()}</li>" in page.text
    assert "<li>Gemeente C: online gestemd</li>" in page.text
    # In the order of the members' names.
    assert page.text.index("Gemeente A:") < page.text.index("Gemeente B:")
    assert page.text.index("Gemeente B:") < page.text.index("Gemeente C:")


def test_a_member_with_a_proxy_is_there_by_its_holder_even_when_registered_present(
    client_for, chair, motion, member_a, give_proxy, holder
):
    meeting_services.attendance_record(
        meeting=motion.meeting, member=member_a, person="Jan de Vries", present=True
    )
    give_proxy(member_a)
    page, _count = _get(client_for(chair), motion.meeting)
    assert f"<li>Gemeente A: via volmacht: {holder.get_full_name()}</li>" in page.text
    assert "1 van 1 leden" in page.text


def test_the_chairs_page_makes_as_many_queries_with_more_members_there(
    client_for, chair, secretariat, motion, give_proxy
):
    """Who is there, the quorum and the polls: a fixed number of queries (the list read every
    present member's mandates as well, most of the page's time at ten times the members)."""
    meeting = motion.meeting
    services.poll_create(meeting=meeting, user=chair, question="Straks")  # a draft as well
    _members_there(meeting, give_proxy, 3)
    clients = {user: client_for(user) for user in (chair, secretariat)}
    few = {}
    for user, client in clients.items():
        page, few[user] = _get(client, meeting)
        assert "3 van 3 leden" in page.text
    _members_there(meeting, give_proxy, 12, start=3)
    for user, client in clients.items():
        page, many = _get(client, meeting)
        assert "15 van 15 leden" in page.text
        assert page.text.count("<li>Gemeente Extra") == 15
        assert many == few[user], f"{few[user]} queries with 3 members there, {many} with 15"


def test_the_poll_form_is_what_crispy_renders_for_the_choices_now(chair, in_session, item):
    form = forms.PollForm(meeting=in_session)
    html, items = _poll_form_html(form)
    assert html == as_crispy_form(forms.PollForm(meeting=in_session))
    assert items == [item]
    again, _items = _poll_form_html(forms.PollForm(meeting=in_session))
    assert again is html  # rendered once
    # A new item on the agenda is a new choice: rendered again.
    AgendaItemFactory(meeting=in_session, position=9, title="Rondvraag")
    changed, items = _poll_form_html(forms.PollForm(meeting=in_session))
    assert "Rondvraag" in changed and "Rondvraag" not in html
    assert changed == as_crispy_form(forms.PollForm(meeting=in_session))
    assert [i.title for i in items] == [item.title, "Rondvraag"]


def test_a_bound_poll_form_shows_its_errors_not_a_kept_render(chair, in_session, item):
    kept, _items = _poll_form_html(forms.PollForm(meeting=in_session))
    bound = forms.PollForm({"question": ""}, meeting=in_session)
    assert not bound.is_valid()
    html, _items = _poll_form_html(bound)
    assert html != kept and "is-invalid" in html
    assert html == as_crispy_form(forms.PollForm({"question": ""}, meeting=in_session))


def test_preparing_a_poll_from_the_chairs_page(client_for, chair, in_session, item):
    client = client_for(chair)
    url = reverse("voting:chair", args=[in_session.pk])
    page = client.get(url)
    assert f'<option value="{item.pk}">4. Jaarrekening 2019</option>' in page.text
    response = client.post(
        url,
        {"question": "Vaststellen", "agenda_item": item.pk, "kind": "motion",
         "decision_kind": "ordinary", "secret": ""},
    )  # fmt: skip
    assert response.status_code == 302
    assert in_session.polls.get().question == "Vaststellen"
    assert "Stemming openen" in client.get(url).text
