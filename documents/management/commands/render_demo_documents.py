"""Render the seed's proxy letter and the 10 March 2020 lists to PDF files, to look at them."""

from pathlib import Path

from django.core.management.base import BaseCommand

from documents import demo
from documents.constants import DocumentKind
from documents.kinds import kind_spec
from documents.pdf import render_to_pdf


class Command(BaseCommand):
    help = "Render the demo proxy letter, decision list and action list into a folder."

    def add_arguments(self, parser):
        parser.add_argument("--out", default="demo-documents", help="folder for the PDF files")

    def handle(self, *args, out, **options):
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        documents = {
            "volmacht-deventer-2020-06-17": (
                DocumentKind.PROXY_LETTER,
                "Volmacht ALV Dimpact 17 juni 2020",
                demo.proxy_letter_deventer(),
            ),
            "besluitenlijst-alv-2020-03-10": (
                DocumentKind.DECISION_LIST,
                "Besluitenlijst ALV 10 maart 2020",
                demo.decision_list_2020_03_10(),
            ),
            "agenda-alv-2020-06-17": (
                DocumentKind.AGENDA,
                "Agenda ALV 17 juni 2020",
                demo.agenda_2020_06_17(),
            ),
            "actielijst-alv-2020-03-10": (
                DocumentKind.ACTION_LIST,
                "Actielijst ALV 10 maart 2020",
                demo.action_list_2020_03_10(),
            ),
        }
        for name, (kind, title, data) in documents.items():
            spec = kind_spec(kind)
            context = {**data.as_context(), "title": title}
            rendered = render_to_pdf(spec.template, context, archival=spec.archival)
            path = folder / f"{name}.pdf"
            path.write_bytes(rendered.content)
            self.stdout.write(f"{path} ({rendered.page_count} p., {len(rendered.content)} bytes)")
