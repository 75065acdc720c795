"""The draft decision note for the municipal executive (the seed's "Nota voor burgemeester en
wethouders", note 2020-001138): its content from the agenda, the executive's decision and the
confidential annexes, and the .docx the secretary finishes (the PDF is the documents service's).

Everything is written in the association's language: the note is the municipality's record.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import io
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from documents.inputs import association_header
from meetings import selectors as meeting_selectors
from members import selectors as member_selectors
from municipal import selectors
from municipal.constants import Position
from statutes.selectors import association_current

if TYPE_CHECKING:
    from meetings.models import AgendaItem, Meeting
    from members.models import Mandate, Member
    from municipal.models import ExecutiveDecision


def _decided_pattern(position: str) -> str:
    """ "Besloten wordt: in te stemmen met …" per position of the executive."""
    return {
        Position.FOR: _("to agree with item %(number)s, %(title)s: %(proposal)s;"),
        Position.AGAINST: _("not to agree with item %(number)s, %(title)s: %(proposal)s;"),
        Position.ABSTAIN: _("to abstain from voting on item %(number)s, %(title)s: %(proposal)s;"),
        Position.FREE: _(
            "to leave the vote on item %(number)s, %(title)s to the holder: %(proposal)s;"
        ),
    }[Position(position)]


def placeholder() -> str:
    return _("(For the secretary to write.)")


def section_titles() -> list[str]:
    """The background sections of the seed's note ("Toelichting"), left for the secretary."""
    return [
        _("Introduction"),
        _("Intended result"),
        _("Framework"),
        _("Arguments for and against"),
        _("External support (partners)"),
        _("Financial consequences"),
        _("Approach and implementation"),
    ]


def decided_line(item: AgendaItem, position: str) -> str:
    # One line of the list, ending as the seed's lines do ("…vast;").
    proposal = " ".join(item.proposal.split()).rstrip(".;") or item.title
    return _decided_pattern(position) % {
        "number": item.position,
        "title": item.title,
        "proposal": proposal,
    }


def _authorisation(
    member: Member, decision: ExecutiveDecision | None, representative: Mandate | None
) -> str:
    phrase = _("the municipality %(name)s") % {"name": member.name}
    if decision is not None and decision.holder_name:
        holder = ", ".join(
            part
            for part in (
                decision.holder_name,
                decision.holder_function,
                decision.holder_organisation,
            )
            if part
        )
        return _("to authorise %(holder)s to speak and vote on behalf of %(member)s;") % {
            "holder": holder,
            "member": phrase,
        }
    name = representative.display_name if representative else _("the representative")
    return _("that %(representative)s, the representative, speaks and votes for %(member)s;") % {
        "representative": name,
        "member": phrase,
    }


def note_content(meeting: Meeting, member: Member) -> selectors.NoteContent:
    """The note's content now; the lines follow the decision items' proposed decisions, with the
    executive's positions once recorded (until then the draft proposes to agree)."""
    return note_content_of(meeting, member, selectors.executive_decision(meeting, member))


def note_content_of(
    meeting: Meeting, member: Member, decision: ExecutiveDecision | None
) -> selectors.NoteContent:
    """`note_content` with the member's `executive_decision`, when the caller has it already."""
    positions = selectors.decision_positions(decision)
    association = association_current()
    with translation.override(settings.LANGUAGE_CODE):
        items = meeting_selectors.agenda_items(meeting, for_decision=True)
        decided = [decided_line(item, positions.get(item.pk, Position.FOR)) for item in items]
        representative = member_selectors.representative_on(member, meeting.date)
        heading = meeting_selectors.meeting_heading(meeting)
        annexes = list(meeting_selectors.annexes_of(meeting))
        confidential = [a for a in annexes if meeting_selectors.annex_is_confidential(a)]
        return selectors.NoteContent(
            member=_("Municipality %(name)s") % {"name": member.name},
            subject=_("ALV %(association)s %(date)s")
            % {"association": association.short_name, "date": meeting.date.strftime("%d%m%y")},
            note_number=decision.note_number if decision else "",
            date=timezone.localdate().strftime("%d-%m-%Y"),
            body=decision.body if decision else _("college van B&W"),
            decision_date=decision.date.strftime("%d-%m-%Y") if decision else "",
            portfolio_holder=(
                f"{representative.display_name}, {representative.function_title}".strip(", ")
                if representative
                else ""
            ),
            meeting=[
                (_("Meeting"), f"{heading.title} {association.short_name}"),
                (_("Date"), meeting.date.strftime("%d-%m-%Y")),
                (_("Time"), f"{heading.start} \N{EN DASH} {heading.end}".strip(" \N{EN DASH}")),
                (_("Location"), heading.location),
            ],
            annexes=[
                f"{annex.code} {annex.title}"
                + (f" ({_('confidential')})" if annex in confidential else "")
                for annex in annexes
            ],
            decided=decided,
            authorisation=_authorisation(member, decision, representative),
            publication=selectors.publication_clause(meeting, confidential=confidential),
            left_out=[a.code for a in confidential],
            sections=section_titles(),
        )


def note_context(content: selectors.NoteContent) -> dict:
    return {
        "association": association_header(),
        "note": dataclasses.asdict(content),
        "placeholder": placeholder(),
    }


@functools.cache
def _docx_template():
    """python-docx's default template, parsed once per process, with the ids of the styles the
    note uses, looked up once: python-docx scans every style of the template for the default
    one on each assignment by name, most of a note's cost. None is the default paragraph
    style's id, which python-docx leaves out as well."""
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE

    template = Document()
    styles = {
        name: template.part.get_style_id(name, WD_STYLE_TYPE.PARAGRAPH)
        for name in ("Title", "Heading 1", "Heading 2", "List Bullet", "List Bullet 2")
    }
    styles["Table Grid"] = template.part.get_style_id("Table Grid", WD_STYLE_TYPE.TABLE)
    return template, styles


def _new_document():
    """A document of the template: its main and core-properties parts copied (the note writes
    them), the parts it only reads (styles, numbering, theme, settings) shared."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    template, styles = _docx_template()
    package = template.part.package
    written = (template.part, package.part_related_by(RELATIONSHIP_TYPE.CORE_PROPERTIES))
    shared = {id(part): part for part in package.iter_parts() if part not in written}
    return copy.deepcopy(template, shared), styles


# The notes made, by their content: building and writing a .docx was most of the download's
# cost, for the same bytes until the note's content changes (its date is today's).
_NOTES: dict[str, bytes] = {}
_MAX_NOTES = 64  # members' notes of the day; emptied when full


def note_docx(content: selectors.NoteContent) -> bytes:
    """The note as .docx: the header table, "Besloten wordt" with one line per decision item,
    the authorisation and the publication clause, and the sections to write. Made once per
    process for the same content."""
    key = repr(content)
    made = _NOTES.get(key)
    if made is None:
        if len(_NOTES) >= _MAX_NOTES:
            _NOTES.clear()
        made = _NOTES[key] = _note_docx(content)
    return made


def _note_docx(content: selectors.NoteContent) -> bytes:
    document, styles = _new_document()

    def add(text: str, style: str):
        # As document.add_paragraph(text, style), with the style's id looked up once.
        paragraph = document.add_paragraph(text)
        if styles[style] is not None:
            paragraph._p.style = styles[style]

    def heading(text: str, level: int):
        add(text, "Title" if level == 0 else f"Heading {level}")

    with translation.override(settings.LANGUAGE_CODE):
        document.core_properties.title = content.subject
        document.core_properties.author = content.member
        heading(_("Note for the mayor and aldermen"), 0)
        rows = [
            (_("Subject"), content.subject),
            (_("Note number"), content.note_number),
            (_("Date"), content.date),
            (_("Body"), f"{content.body} {content.decision_date}".strip()),
            (_("Portfolio holder"), content.portfolio_holder),
            *content.meeting,
        ]
        table = document.add_table(rows=0, cols=2)
        table._tbl.tblStyle_val = styles["Table Grid"]
        for label, value in rows:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, value
        heading(_("Annexes"), 2)
        for annex in content.annexes:
            add(annex, "List Bullet 2")
        heading(_("It is decided:"), 1)
        for line in [*content.decided, content.authorisation, content.publication]:
            add(line, "List Bullet")
        heading(_("Proposal for publication (Woo)"), 2)
        document.add_paragraph(content.publication)
        confidential = _("confidential")
        for code in content.left_out:
            annex = _("Annex %(code)s") % {"code": code}
            add(f"{annex} ({confidential})", "List Bullet 2")
        heading(_("Background"), 1)
        for title in content.sections:
            heading(title, 2)
            document.add_paragraph(placeholder())
        out = io.BytesIO()
        document.save(out)
    return out.getvalue()
