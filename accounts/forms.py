"""Forms of the security pages: unlocking a log-in, filtering the audit trail."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.audit import SOURCES, AuditFilter


class UnlockForm(forms.Form):
    ip_address = forms.GenericIPAddressField(label=_("address"))
    username = forms.CharField(label=_("user name"), max_length=150, required=False)


class AuditFilterForm(forms.Form):
    person = forms.CharField(label=_("person (user name)"), max_length=150, required=False)
    record = forms.CharField(
        label=_("record (kind, e.g. meeting or statutes)"), max_length=100, required=False
    )
    record_id = forms.IntegerField(label=_("record number"), required=False, min_value=1)
    since = forms.DateField(
        label=_("from"), required=False, widget=forms.DateInput({"type": "date"})
    )
    until = forms.DateField(
        label=_("until"), required=False, widget=forms.DateInput({"type": "date"})
    )
    source = forms.ChoiceField(
        label=_("source"),
        required=False,
        choices=[
            ("", _("everything")),
            *zip(
                SOURCES,
                [_("records"), _("statute settings"), _("log-ins"), _("security")],
                strict=True,
            ),
        ],
    )

    def filters(self) -> AuditFilter:
        return AuditFilter(**self.cleaned_data)
