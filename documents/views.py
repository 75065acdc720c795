"""Pages of the document service: progress, download and retry of one document; the list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import is_secretariat
from dimpact_portal.rules import RuleDenied
from documents import selectors, services
from documents.constants import DocumentStatus


@login_required
def document_detail(request, public_id):
    document = selectors.document_for_user(request.user, public_id)
    template = "documents/_status.html" if request.htmx else "documents/document_detail.html"
    return render(
        request,
        template,
        {"document": document, "versions": selectors.document_versions(document)},
    )


@login_required
def document_download(request, public_id):
    document = selectors.document_for_user(request.user, public_id)
    if document.status != DocumentStatus.READY:
        raise Http404(_("This document is not ready yet."))
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=request.GET.get("inline") != "1",
        filename=document.filename,
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def document_retry(request, public_id):
    document = selectors.document_for_user(request.user, public_id)
    services.document_retry(document=document)
    messages.info(request, _("The document is queued again."))
    return redirect("documents:detail", public_id=document.public_id)


@login_required
def document_list(request):
    if not is_secretariat(request.user):
        raise RuleDenied(
            _("Only the secretariat sees all documents."), code="documents-listed-to-secretariat"
        )
    status = request.GET.get("status", "")
    if status not in DocumentStatus.values:
        status = ""
    page = Paginator(selectors.documents_recent(status=status), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "documents/document_list.html",
        {"page": page, "status": status, "statuses": DocumentStatus.choices},
    )
