"""The accounts' own pages: the second factor, one's security page, the secretariat's locks and
audit trail (Django's log-in pages are included beside these in the project's URL conf)."""

from django.urls import path

from accounts import two_factor, views

urlpatterns = [
    path("tweestaps/instellen/", two_factor.setup, name="two-factor-setup"),
    path("tweestaps/bevestigen/", two_factor.verify, name="two-factor-verify"),
    path("tweestaps/herstelcodes/", two_factor.recovery_codes, name="recovery-codes"),
    path("tweestaps/herstelcodes/nieuw/", two_factor.recovery_codes_new, name="recovery-codes-new"),
    path("beveiliging/", views.security, name="account-security"),
    path("beveiliging/overal-uitloggen/", views.logout_everywhere, name="logout-everywhere"),
    path("vergrendelingen/", views.locks, name="account-locks"),
    path("audit/", views.audit, name="audit-trail"),
]
