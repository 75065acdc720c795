"""The one PDF helper: Django templates rendered by WeasyPrint, fetching nothing from outside.

WeasyPrint is imported inside the functions: only the worker (and the embedded default of
`make run`) renders, and the web processes need not load it.

Every PDF is tagged, with WeasyPrint's own tagging rather than any post-processing: a
structure tree built from the HTML (headings, paragraphs, lists, Table/TR/TH/TD with the
header cells linked to their data cells, figures with their alternative text), MarkInfo
Marked, the language of `<html lang>` in the catalog, and the `<title>` as /Title with
DisplayDocTitle so that a reader names the document by its title rather than its file name.
Two variants, both tagged (see docs/pdf.md):

- archived kinds (decision lists, adopted minutes, proxy letters, poll results): PDF/A-2a,
  level A of PDF/A-2, which is PDF/A-2u (embedded fonts, Unicode text, sRGB output intent,
  document identifier) plus the logical structure. WeasyPrint 70 turns tagging on for this
  variant itself. Its XMP names PDF/A-2 only: WeasyPrint writes one identification, and
  archives check the PDF/A one.
- every other kind: PDF/UA-1 (PDF 1.7, tagged, identified as PDF/UA-1 in the XMP metadata).
"""

from __future__ import annotations

import atexit
import logging
import mimetypes
import posixpath
import threading
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)

# Documents are laid out against this base. The reserved `.invalid` domain can never resolve,
# and the fetcher only maps its /static/ path to the project's own static files.
BASE_URL = "https://portal.invalid/"
STYLESHEET = "css/pdf.css"
# Both variants make WeasyPrint tag the document (`pdf_tags`).
ARCHIVAL_VARIANT = "pdf/a-2a"
ACCESSIBLE_VARIANT = "pdf/ua-1"


class RefusedURLError(ValueError):
    """The document asked for a resource that documents may not use."""


def static_file_bytes(name: str) -> bytes | None:
    """The content of the project's static file `name`, or None; never a path outside them."""
    parts = name.split("/")
    if not name or name.startswith("/") or any(part in ("", ".", "..") for part in parts):
        return None
    try:
        # After collectstatic (production) the templates name hashed files in STATIC_ROOT.
        if staticfiles_storage.exists(name):
            with staticfiles_storage.open(name) as handle:
                return handle.read()
    except (OSError, ValueError):
        pass
    path = finders.find(name)
    if path is None:
        return None
    with open(path, "rb") as handle:
        return handle.read()


def _url_fetcher_class():
    from weasyprint import URLFetcher
    from weasyprint.urls import URLFetcherResponse

    class PortalURLFetcher(URLFetcher):
        """Serves `data:` URLs and the project's static files; refuses everything else.

        No redirects, no network, no local files: documents include text typed by users, and
        a `file:///etc/passwd` or `http://169.254.169.254/` in it must come to nothing.
        """

        def __init__(self) -> None:
            super().__init__(allowed_protocols=("data", "https"), allow_redirects=False)
            self.refused: list[str] = []

        def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            parts = urlsplit(url)
            static_prefix = urlsplit(BASE_URL + settings.STATIC_URL.lstrip("/"))
            if (
                parts.scheme == static_prefix.scheme
                and parts.netloc == static_prefix.netloc
                and parts.path.startswith(static_prefix.path)
                and not parts.query
            ):
                name = posixpath.normpath(unquote(parts.path[len(static_prefix.path) :]))
                content = static_file_bytes(name)
                if content is not None:
                    mime, _encoding = mimetypes.guess_type(name)
                    return URLFetcherResponse(
                        url, content, {"Content-Type": mime or "application/octet-stream"}
                    )
            self.refused.append(url)
            logger.warning("document resource refused: %.200s", url)
            raise RefusedURLError(f"refused: {url[:200]}")

    return PortalURLFetcher


@dataclass(frozen=True)
class RenderedPDF:
    content: bytes
    page_count: int
    refused_urls: tuple[str, ...]


_local = threading.local()
# Drop the cached fonts before the interpreter tears down the modules they need.
atexit.register(_local.__dict__.clear)


def _shared_resources() -> tuple[Any, Any, dict]:
    """Font configuration, stylesheet and image cache, loaded once per worker thread.

    Loading the embedded fonts is most of the cost of a one-page letter; every render in
    this thread reuses them.
    """
    resources = getattr(_local, "resources", None)
    if resources is None:
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        font_config = FontConfiguration()
        fetcher = _url_fetcher_class()()
        css_bytes = static_file_bytes(STYLESHEET)
        if css_bytes is None:
            raise RuntimeError(f"the document stylesheet {STYLESHEET} is missing")
        stylesheet = CSS(
            string=css_bytes.decode(),
            base_url=BASE_URL + settings.STATIC_URL.lstrip("/") + STYLESHEET,
            font_config=font_config,
            url_fetcher=fetcher,
        )
        resources = (font_config, stylesheet, {})
        _local.resources = resources
    return resources


def pdf_variant(*, archival: bool) -> str:
    """The variant WeasyPrint writes: tagged PDF/A-2a when archived, tagged PDF/UA-1 otherwise."""
    return ARCHIVAL_VARIANT if archival else ACCESSIBLE_VARIANT


def render_to_pdf(template: str, context: dict[str, Any], *, archival: bool) -> RenderedPDF:
    """Render `template` with `context` to a tagged PDF; PDF/A when the document is archived.

    The document is written in the association's language unless its context names another
    (`"language": "en"`); `<html lang>`, and so the PDF's /Lang, follows the active language.
    """
    with translation.override(context.get("language") or settings.LANGUAGE_CODE):
        html = render_to_string(template, context)
    return html_to_pdf(html, archival=archival)


def html_to_pdf(html: str, *, archival: bool) -> RenderedPDF:
    from weasyprint import HTML

    font_config, stylesheet, image_cache = _shared_resources()
    fetcher = _url_fetcher_class()()
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render(
        stylesheets=[stylesheet], font_config=font_config, cache=image_cache
    )
    # Documents embed no files, whatever their markup asks for.
    document.metadata.attachments = []
    for page in document.pages:
        page.links[:] = [link for link in page.links if link[0] != "attachment"]
    content = document.write_pdf(pdf_variant=pdf_variant(archival=archival), attachments=[])
    return RenderedPDF(
        content=content, page_count=len(document.pages), refused_urls=tuple(fetcher.refused)
    )
