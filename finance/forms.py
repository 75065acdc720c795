"""Input shapes of the finance pages (the rules are in `services`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from finance.constants import OpinionKind, ProposalKind


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Annual accounts file (YAML)"),
        help_text=_("The format of the export: see the README, section Annual accounts."),
    )


class LineForm(forms.Form):
    label = forms.CharField(label=_("Label"), max_length=200)
    amount = forms.IntegerField(label=_("Amount (whole euros)"), required=False)
    prior_amount = forms.IntegerField(label=_("Prior-year amount (whole euros)"), required=False)


class SignatureForm(forms.Form):
    signed_on = forms.DateField(
        label=_("Signed on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    missing_reason = forms.CharField(
        label=_("Reason the signature is missing"), required=False, max_length=500
    )


class ExplanationForm(forms.Form):
    check_key = forms.CharField(widget=forms.HiddenInput)
    text = forms.CharField(label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 2}))


class AuditorForm(forms.Form):
    auditor_firm = forms.CharField(label=_("Auditor's firm"), required=False, max_length=200)
    auditor_signatory = forms.CharField(label=_("Signed for the firm by"), required=False)
    auditor_date = forms.DateField(
        label=_("Date of the opinion"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    opinion_kind = forms.ChoiceField(
        label=_("Kind of opinion"),
        required=False,
        choices=[("", "—"), *OpinionKind.choices],
    )
    appropriation_amount = forms.IntegerField(label=_("Result appropriated (€)"), required=False)
    appropriation_text = forms.CharField(
        label=_("Appropriation"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ExtensionForm(forms.Form):
    months = forms.IntegerField(label=_("Extension granted by the assembly (months)"), min_value=0)


class ProposalForm(forms.Form):
    kind = forms.ChoiceField(label=_("Proposal"), choices=ProposalKind.choices)
    agenda_item = forms.IntegerField(widget=forms.HiddenInput, required=False)
