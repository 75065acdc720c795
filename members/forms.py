"""Forms of the member register."""

from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from members.constants import PROPOSABLE_MEMBER_FIELDS, MandateKind, Region, SizeClass
from members.models import Member


class RegisterFilterForm(forms.Form):
    on = forms.DateField(
        label=_("Register on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    region = forms.ChoiceField(
        label=_("Region"), required=False, choices=[("", _("All regions")), *Region.choices]
    )
    size_class = forms.ChoiceField(
        label=_("Size class"),
        required=False,
        choices=[("", _("All size classes")), *SizeClass.choices],
    )


PERSON_FIELDS = ("salutation", "name", "function_title", "email", "starts_on")


def _person_fields(prefix: str) -> dict[str, forms.Field]:
    return {
        f"{prefix}_salutation": forms.CharField(
            label=_("Salutation"), required=False, max_length=20
        ),
        f"{prefix}_name": forms.CharField(label=_("Name"), required=False, max_length=200),
        f"{prefix}_function_title": forms.CharField(
            label=_("Function"), required=False, max_length=200
        ),
        f"{prefix}_email": forms.EmailField(label=_("E-mail address"), required=False),
        f"{prefix}_starts_on": forms.DateField(
            label=_("Starts on"),
            required=False,
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        ),
    }


class ChangeProposalForm(forms.Form):
    """What a member's secretary reports: member data, a new representative or secretary."""

    inhabitants = forms.IntegerField(label=_("Inhabitants"), required=False, min_value=0)
    postal_address = forms.CharField(
        label=_("Postal address"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    email = forms.EmailField(label=_("General e-mail address"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    reason = forms.CharField(
        label=_("Explanation for the secretariat"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: the council appointed a new alderman on 1 July."),
    )

    def __init__(self, *args: Any, member: Member, **kwargs: Any) -> None:
        initial = {field: getattr(member, field) for field in PROPOSABLE_MEMBER_FIELDS}
        super().__init__(*args, initial=initial, **kwargs)
        self.member = member
        for kind in MandateKind:
            self.fields.update(_person_fields(kind.value))
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset(_("Member data"), *PROPOSABLE_MEMBER_FIELDS),
            Fieldset(
                _("New representative (leave empty if unchanged)"),
                *[f"representative_{f}" for f in PERSON_FIELDS],
            ),
            Fieldset(
                _("New municipal secretary (leave empty if unchanged)"),
                *[f"secretary_{f}" for f in PERSON_FIELDS],
            ),
            "reason",
            Submit("submit", _("Send to the secretariat")),
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for kind in MandateKind:
            given = [f for f in PERSON_FIELDS if cleaned.get(f"{kind.value}_{f}")]
            if given and not cleaned.get(f"{kind.value}_name"):
                self.add_error(f"{kind.value}_name", _("Give the name of the new person."))
            if given and not cleaned.get(f"{kind.value}_starts_on"):
                self.add_error(f"{kind.value}_starts_on", _("Give the date they start."))
        return cleaned

    def to_changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        changes: dict[str, Any] = {
            "member": {
                field: data[field]
                for field in PROPOSABLE_MEMBER_FIELDS
                if field in self.changed_data
            }
        }
        for kind in MandateKind:
            if data.get(f"{kind.value}_name"):
                person = {f: data.get(f"{kind.value}_{f}") or "" for f in PERSON_FIELDS}
                person["starts_on"] = data[f"{kind.value}_starts_on"].isoformat()
                changes[kind.value] = person
        return changes


class ProposalDecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the secretary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you reject the proposal."),
    )


class MemberLeaveForm(forms.Form):
    notice_given_on = forms.DateField(
        label=_("Notice given on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    left_on = forms.DateField(label=_("Leaves on"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "notice_given_on", "left_on", Submit("submit", _("Record leaving"))
        )
