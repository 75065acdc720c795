"""The home page (public for visitors, what needs attention for people who log in) and the
security pages: one's own (second factor, log out everywhere), the secretariat's locks and
audit trail."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.audit import AuditFilter, audit_count, audit_entries
from accounts.forms import AuditFilterForm, UnlockForm
from accounts.roles import is_secretariat
from accounts.selectors import home_panels
from accounts.services import lock_release, sessions_end_everywhere
from accounts.throttling import locks_current
from accounts.two_factor import has_device, is_verified, two_factor_required
from dimpact_portal.rules import RuleDenied
from members.selectors import member_register


def home(request: HttpRequest) -> HttpResponse:
    # The visitor's page counts the members; the logged-in person's shows panels instead.
    if request.user.is_authenticated:
        context = {"panels": home_panels(request.user)}
    else:
        context = {"member_count": member_register(on=timezone.localdate()).count()}
    return render(request, "home.html", context)


# Security: the person's own page, the secretariat's locks and audit trail.


@login_required
def security(request: HttpRequest) -> HttpResponse:
    """The person's own security page: the second factor, recovery codes, log out everywhere."""
    return render(
        request,
        "accounts/security.html",
        {
            "has_device": has_device(request.user),
            "verified": is_verified(request.user),
            "required": two_factor_required(request.user),
        },
    )


@require_POST
@login_required
def logout_everywhere(request: HttpRequest) -> HttpResponse:
    """End every session of this account, this one included."""
    sessions_end_everywhere(user=request.user)
    logout(request)
    messages.success(request, _("You are logged out on every device."))
    return redirect("login")


def _secretariat_only(request: HttpRequest, code: str) -> None:
    if not is_secretariat(request.user):
        raise RuleDenied(_("Only the secretariat sees this page."), code=code)


@login_required
def locks(request: HttpRequest) -> HttpResponse:
    """The log-in locks in force, each with its unlock button (secretariat)."""
    _secretariat_only(request, "locks-secretariat-only")
    if request.method == "POST":
        form = UnlockForm(request.POST)
        if form.is_valid():
            lock_release(actor=request.user, **form.cleaned_data)
            messages.success(request, _("Unlocked."))
        return redirect("account-locks")
    return render(request, "accounts/locks.html", {"locks": locks_current()})


AUDIT_PAGE_SIZE = 50


@login_required
def audit(request: HttpRequest) -> HttpResponse:
    """The audit trail, filtered by person, record and date, a page at a time (secretariat)."""
    _secretariat_only(request, "audit-secretariat-only")
    form = AuditFilterForm(request.GET or None)
    filters = form.filters() if form.is_valid() else AuditFilter()
    total = audit_count(filters)
    paginator = Paginator(range(total), AUDIT_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    entries = audit_entries(
        filters, offset=page.start_index() - 1 if total else 0, limit=AUDIT_PAGE_SIZE
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/audit.html",
        {
            "form": form,
            "entries": entries,
            "page": page,
            "total": total,
            "query": query.urlencode(),
        },
    )
