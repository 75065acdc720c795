"""The meeting pack: its input (built in the request, per reader) and its composer (run in the
worker after the documents service rendered the cover and agenda): the annexes' PDFs merged in
agenda order with pypdf, a bookmark per item and annex, and page numbers on every page."""

from __future__ import annotations

import dataclasses
import io
import logging
from typing import TYPE_CHECKING, Any

from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from documents.inputs import association_header
from documents.services import pdf_render
from meetings import selectors as meeting_selectors

if TYPE_CHECKING:
    from documents.pdf import RenderedPDF
    from meetings.models import Annex, Meeting
    from municipal.selectors import PackContent

logger = logging.getLogger(__name__)

A4 = (595.28, 841.89)  # points


def _annex_entry(annex: Annex, *, item_confidential: bool) -> dict[str, Any]:
    return {
        "code": annex.code,
        "title": annex.title,
        "confidential": annex.confidential or item_confidential,
        # The file's name and version are part of the pack's input: a replaced annex gives the
        # pack a new version, an unchanged one the same document.
        "file": annex.file.name if annex.file else "",
        "version": annex.version,
        "due": annex.due_date,
    }


def pack_context(meeting: Meeting, content: PackContent) -> dict[str, Any]:
    """The stored input of one entitlement's pack (no reader's name: readers share it)."""
    items = []
    for row, annexes in content.rows:
        item = row.item
        items.append(
            {
                "number": item.position,
                "title": item.title,
                "purpose": item.get_purpose_display() if item.purpose else "",
                "restricted": row.restricted,
                "lines": []
                if row.restricted
                else [
                    line.lstrip("- ").strip()
                    for line in item.description.splitlines()
                    if line.strip()
                ],
                "proposal": "" if row.restricted else item.proposal,
                "annexes": [_annex_entry(a, item_confidential=item.confidential) for a in annexes],
            }
        )
    return {
        "association": association_header(),
        "meeting": dataclasses.asdict(meeting_selectors.meeting_heading(meeting)),
        "with_confidential": content.with_confidential,
        "items": items,
        "left_out": [{"code": a.code, "title": a.title} for a in content.left_out],
        "pending": [a for item in items for a in item["annexes"] if not a["file"]],
        "confidential_included": [
            a["code"] for item in items for a in item["annexes"] if a["confidential"]
        ],
        "labels": {
            "cover": _("Cover and agenda"),
            "annex": _("Annex %(code)s: %(title)s"),
            "page": _("Meeting pack"),
        },
    }


def _annex_reader(name: str):
    from pypdf import PdfReader

    with default_storage.open(name, "rb") as handle:
        return PdfReader(io.BytesIO(handle.read()))


def _append_annexes(writer, context: dict[str, Any]) -> None:
    """Each item's available annexes after the agenda, with the item's and annex's bookmarks."""
    labels = context["labels"]
    for item in context["items"]:
        starts = []
        for annex in item["annexes"]:
            if annex["file"]:
                starts.append((annex, len(writer.pages)))
                writer.append(_annex_reader(annex["file"]), import_outline=False)
        if not starts:
            continue
        parent = writer.add_outline_item(
            title=f"{item['number']}. {item['title']}", page_number=starts[0][1]
        )
        for annex, start in starts:
            writer.add_outline_item(
                title=labels["annex"] % {"code": annex["code"], "title": annex["title"]},
                page_number=start,
                parent=parent,
            )


def _number_pages(writer, context: dict[str, Any]) -> None:
    """Stamp "Meeting pack n / N" on every page, scaled to the page's size."""
    from pypdf import PdfReader, Transformation

    total = len(writer.pages)
    overlay = PdfReader(
        io.BytesIO(
            pdf_render(
                template="municipal/pdf/page_numbers.html",
                context={
                    "association": context["association"],
                    "pages": range(total),
                    "footer": context.get("footer", ""),
                    "label": context["labels"]["page"],
                },
            ).content
        )
    )
    for page, stamp in zip(writer.pages, overlay.pages, strict=True):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        page.merge_transformed_page(
            stamp, Transformation().scale(width / A4[0], height / A4[1]), over=True
        )


def pack_compose(rendered: RenderedPDF, context: dict[str, Any]) -> RenderedPDF:
    """The documents service's composer of the meeting pack (registered in apps.py)."""
    from pypdf import PdfReader, PdfWriter

    # Cloned, not appended: the cover's catalog (structure tree, MarkInfo, language, title
    # metadata) stays, so the agenda part of the pack is read by a screen reader as rendered.
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(rendered.content)))
    writer.add_outline_item(title=context["labels"]["cover"], page_number=0)
    _append_annexes(writer, context)
    _number_pages(writer, context)
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return dataclasses.replace(rendered, content=out.getvalue(), page_count=len(writer.pages))
