"""Every kind of PDF is tagged: a structure tree in reading order, marked, with its language,
its title shown, and tables as Table/TR/TH/TD (read back with pikepdf)."""

from __future__ import annotations

import datetime
import io
import itertools

import pikepdf
import pytest
from django.db import transaction

from accounts.constants import Role
from documents import demo
from documents import services as document_services
from documents.constants import DocumentKind
from documents.kinds import KINDS, kind_spec
from documents.pdf import render_to_pdf
from finance import services as finance_services
from finance.documents import accounts_summary_request
from governance.services import roster_document_request
from meetings import services as meeting_services
from meetings.constants import ItemPurpose, MeetingFormat
from meetings.documents import meeting_document_request
from members.constants import MandateKind
from municipal.services import decision_note_request
from statutes.selectors import association_current
from tests.accounts.factories import UserFactory
from tests.documents.helpers import pdf_text
from tests.finance.factories import accounts_2019_data
from tests.governance.factories import TermFactory
from tests.meetings.factories import AgendaItemFactory, MeetingFactory
from tests.members.factories import MandateFactory, MemberFactory
from tests.voting.conftest import representative
from voting import services as voting_services
from voting.documents import poll_result_request

ARCHIVED = {DocumentKind.PROXY_LETTER, DocumentKind.DECISION_LIST, DocumentKind.POLL_RESULT}
WITHOUT_TABLES = {DocumentKind.MINUTES, DocumentKind.MINUTES_CONFIDENTIAL}
# Kinds another app completes after rendering: the meeting pack's composer appends its annexes
# to the tagged cover; tests/municipal/test_pack.py checks that the cover's tags stay.
COMPOSED = {"meeting-pack"}


def _meeting_documents(secretariat, chair):
    """An assembly held and minuted, with a closed poll: its documents as the apps ask for them."""
    meeting = MeetingFactory(convened=True, format=MeetingFormat.DIGITAL, title="ALV 17 juni 2020")
    item = AgendaItemFactory(
        meeting=meeting,
        position=1,
        title="Jaarrekening 2019",
        purpose=ItemPurpose.DECISION,
        proposal="De ALV stelt de jaarrekening 2019 vast.",
    )
    secret = AgendaItemFactory(
        meeting=meeting, position=2, title="Vertrouwelijk agendapunt", confidential=True
    )
    voters = [MemberFactory(name=f"Gemeente {name}") for name in ("Assen", "Deventer")]
    meeting_services.meeting_open(meeting=meeting, user=chair)
    poll = voting_services.poll_create(
        meeting=meeting, user=chair, question="Vaststellen jaarrekening 2019", agenda_item=item
    )
    poll = voting_services.poll_open(poll=poll, user=chair)
    for member, choice in zip(voters, ("for", "against"), strict=True):
        user = representative(member, f"rep-{member.pk}")
        voting_services.ballot_cast(poll=poll, member_id=member.pk, user=user, choice=choice)
    poll = voting_services.poll_close(poll=poll, user=chair)
    meeting_services.meeting_close(meeting=meeting, user=secretariat)
    meeting_services.minutes_entry_save(item=item, user=secretariat, text="Jaarrekening besproken.")
    meeting_services.minutes_entry_save(item=secret, user=secretariat, text="Het geheime voorstel.")
    meeting_services.action_add(
        meeting=meeting, user=secretariat, text="Jaarverslag publiceren", owner="Secretariaat"
    )
    documents = [
        meeting_document_request(meeting=meeting, kind=kind, user=secretariat)
        for kind in (
            DocumentKind.AGENDA,
            DocumentKind.ACTION_LIST,
            DocumentKind.DECISION_LIST,
            DocumentKind.ATTENDANCE_LIST,
            DocumentKind.MINUTES,
            DocumentKind.MINUTES_CONFIDENTIAL,
        )
    ]
    secretary = UserFactory(username="pdf-secretary")
    MandateFactory(member=voters[1], kind=MandateKind.SECRETARY, user=secretary)
    note = decision_note_request(meeting=meeting, member=voters[1], user=secretary)
    return [*documents, poll_result_request(poll=poll, user=chair), note]


def _requested_documents():
    association = association_current()
    association.postal_address = "Postbus 548\n7500 AM ENSCHEDE"
    association.save()
    secretariat = UserFactory(username="pdf-secretariat", roles=[Role.SECRETARIAT])
    chair = UserFactory(username="pdf-chair", roles=[Role.CHAIR])
    letter = document_services.document_request(
        kind=DocumentKind.PROXY_LETTER,
        source=MemberFactory(name="Gemeente Deventer"),
        context=demo.proxy_letter_deventer(with_instructions=True).as_context(),
        title="Volmacht ALV Dimpact 17 juni 2020",
    )
    TermFactory(starts_on=datetime.date(2018, 6, 20))
    roster = roster_document_request(on=datetime.date(2020, 6, 17), user=None)
    accounts = finance_services.accounts_store(data=accounts_2019_data())
    summary = accounts_summary_request(accounts=accounts, user=secretariat)
    return [letter, *_meeting_documents(secretariat, chair), roster, summary]


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker):
    """Each kind rendered once by the worker's path; the data it needed is rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        pdfs = {}
        for document in _requested_documents():
            document_services.document_render(document_id=document.pk)
            document.refresh_from_db()
            with document.file.open("rb") as handle:
                pdfs[document.kind] = (document.title, document.archival, handle.read())
        transaction.set_rollback(True)
    return pdfs


def _elements(node):
    """The structure elements under `node`, depth first, in reading order."""
    kids = node.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
            yield kid
            yield from _elements(kid)


def _open(content: bytes) -> pikepdf.Pdf:
    return pikepdf.Pdf.open(io.BytesIO(content))


# Every kind of documents.kinds, but the composed ones.
_KIND_PARAMS = [kind for kind in KINDS if kind not in COMPOSED]


def test_every_kind_has_a_sample_here(rendered):
    assert set(rendered) == set(_KIND_PARAMS)


@pytest.mark.parametrize("kind", _KIND_PARAMS)
def test_each_kind_is_tagged_with_its_language_and_title_shown(rendered, kind):
    if kind not in rendered:
        pytest.fail(f"no sample of {kind}: add one to _requested_documents")
    title, archival, content = rendered[kind]
    with _open(content) as pdf:
        root = pdf.Root
        assert root.MarkInfo.Marked is True
        assert str(root.Lang) == "nl"
        assert root.ViewerPreferences.DisplayDocTitle is True
        assert title and str(pdf.docinfo.Title) == title
        tree = root.StructTreeRoot
        assert tree.Type == "/StructTreeRoot" and "/ParentTree" in tree
        tags = [str(element.S) for element in _elements(tree)]
        assert tags[0] == "/Document" and len(tree.K) == 1
        with pdf.open_metadata() as xmp:
            if archival:
                assert (xmp["pdfaid:part"], xmp["pdfaid:conformance"]) == ("2", "A")
            else:
                assert xmp["pdfuaid:part"] == "1"
    assert archival == (kind in ARCHIVED)
    assert {"/P", "/Span"} & set(tags)
    if kind not in WITHOUT_TABLES:
        assert {"/Table", "/TR", "/TH", "/TD"} <= set(tags), kind
    headings = [int(tag[2]) for tag in tags if tag in ("/H1", "/H2", "/H3", "/H4")]
    if kind == DocumentKind.PROXY_LETTER:
        assert headings == []  # a letter names its subject in its header lines
    else:
        # One title heading, the first heading; no level skipped after it.
        assert headings[0] == 1 and headings.count(1) == 1
        assert all(b - a <= 1 for a, b in itertools.pairwise(headings))


@pytest.mark.parametrize(
    "kind", [DocumentKind.AGENDA, DocumentKind.DECISION_LIST, DocumentKind.ACCOUNTS_SUMMARY]
)
def test_the_title_heading_is_read_first(rendered, kind):
    """The footer line of the page margin is not read before the title (it was, as a hidden
    block at the top of the body)."""
    _title, _archival, content = rendered[kind]
    with _open(content) as pdf:
        (document,) = list(pdf.Root.StructTreeRoot.K)
        assert document.K[0].S == "/H1"


def test_header_cells_are_linked_to_their_data_cells(rendered):
    _title, _archival, content = rendered[DocumentKind.DECISION_LIST]
    with _open(content) as pdf:
        elements = list(_elements(pdf.Root.StructTreeRoot))
        headers = {str(e.ID) for e in elements if e.S == "/TH"}
        cells = [e for e in elements if e.S == "/TD"]
        assert cells and headers
        for cell in cells:
            assert cell.A.O == "/Table"
            assert {str(h) for h in cell.A.Headers} <= headers
            assert len(cell.A.Headers) >= 1


def test_the_chart_of_the_accounts_summary_has_a_text_alternative(rendered):
    _title, _archival, content = rendered[DocumentKind.ACCOUNTS_SUMMARY]
    with _open(content) as pdf:
        figures = [e for e in _elements(pdf.Root.StructTreeRoot) if e.S == "/Figure"]
        assert figures and all(str(figure.Alt) for figure in figures)


@pytest.mark.django_db
def test_a_document_in_english_says_so_in_its_catalog():
    spec = kind_spec(DocumentKind.DECISION_LIST)
    context = {**demo.decision_list_2020_03_10().as_context(), "title": "ALV 10-3-2020"}
    rendered = render_to_pdf(spec.template, {**context, "language": "en"}, archival=True)
    with _open(rendered.content) as pdf:
        assert str(pdf.Root.Lang) == "en"
    text = pdf_text(rendered.content)
    assert "Decision list" in text and "Besluitenlijst" not in text
