"""The seed's own documents as document inputs: the Deventer proxy letter of 16 June 2020 and
the decision and action lists of the ALV of 10 March 2020.

Used by `manage.py render_demo_documents` (to look at the layout) and by `bench/pdf`.
"""

from __future__ import annotations

import datetime

from documents.inputs import (
    ActionEntry,
    ActionList,
    Agenda,
    AgendaAnnex,
    AgendaEntry,
    DecisionEntry,
    DecisionList,
    MeetingHeading,
    ProxyInstruction,
    ProxyLetter,
)

ALV_2020_03_10 = MeetingHeading(
    title="Algemene Ledenvergadering Dimpact",
    date=datetime.date(2020, 3, 10),
    location="Park Plaza, Utrecht",
)


def proxy_letter_deventer(*, with_instructions: bool = False) -> ProxyLetter:
    instructions = ()
    if with_instructions:
        instructions = (
            ProxyInstruction("3", "Notulen ALV van 10 maart 2020", "Voor"),
            ProxyInstruction("4", "Vaststellen jaarrekening 2019", "Voor"),
            ProxyInstruction("5", "Samenstelling RvC", "Voor"),
            ProxyInstruction("6", "Strategienota 2020-2025", "Voor"),
            ProxyInstruction("7", "Voordracht en benoeming interim-directeur", "Voor"),
        )
    return ProxyLetter(
        member_name="Gemeente Deventer",
        member_phrase="de gemeente Deventer",
        date=datetime.date(2020, 6, 16),
        holder_name="Karin Cornelissen",
        holder_function="gemeentesecretaris",
        holder_organisation="de gemeente Raalte",
        meeting_title="Algemene Leden Vergadering van Dimpact",
        meeting_date=datetime.date(2020, 6, 17),
        meeting_where="online",
        signatory_name="Ron König",
        signatory_function="Burgemeester",
        decision_reference="",
        instructions=instructions,
    )


def decision_list_2020_03_10(*, repeat: int = 1) -> DecisionList:
    entries = [
        "Voorstel RvC inzake vertrouwelijke agendapunt wordt goedgekeurd door de ALV.",
        "Bedrijfsplan 2021 en bijbehorende tarieven worden goedgekeurd door de ALV.",
        "De nieuwe samenwerkingsovereenkomsten worden, met inachtnaam van enkele opmerkingen, "
        "vastgesteld.",
    ]
    decisions = tuple(
        DecisionEntry(number=index + 1, text=entries[index % 3], date=datetime.date(2020, 3, 10))
        for index in range(3 * repeat)
    )
    return DecisionList(meeting=ALV_2020_03_10, decisions=decisions)


def action_list_2020_03_10() -> ActionList:
    return ActionList(
        meeting=ALV_2020_03_10,
        actions=(
            ActionEntry(1, "Weergeven van proces e-Suite vervanging.", "RvC", status="Open"),
            ActionEntry(
                2, "Herbenoeming Carolien Besselink als commissaris.", "RvC", status="Open"
            ),
        ),
    )


def agenda_2020_06_17() -> Agenda:
    heading = MeetingHeading(
        title="Algemene Ledenvergadering Dimpact",
        date=datetime.date(2020, 6, 17),
        start="19.00",
        end="21.00 uur",
        location="Video-call (instructies inbellen volgen later)",
        invitees="ALV-leden Dimpact",
    )
    follows = datetime.date(2020, 6, 4)
    return Agenda(
        meeting=heading,
        items=(
            AgendaEntry(1, "Opening en vaststelling agenda"),
            AgendaEntry(2, "Mededelingen"),
            AgendaEntry(
                3,
                "Notulen vorige vergadering",
                annexes=(
                    AgendaAnnex("1a", "Notulen ALV van 10 maart 2020"),
                    AgendaAnnex("1b", "Notulen vertrouwelijk agendapunt", confidential=True),
                ),
            ),
            AgendaEntry(
                4,
                "Jaarverslag Dimpact 2019",
                purpose="ter besluitvorming",
                annexes=(AgendaAnnex("2", "Jaarrekening 2019 inclusief accountantsverklaring"),),
            ),
            AgendaEntry(
                6,
                "Strategienota",
                purpose="ter besluitvorming",
                lines=("Bepalen van strategierichting.",),
                annexes=(AgendaAnnex("6", "Strategiedocument 2020-2025", due=follows),),
            ),
            AgendaEntry(8, "WVTTK"),
            AgendaEntry(9, "Sluiting"),
        ),
    )
