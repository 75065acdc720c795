"""Forms of the municipal app: the executive's decision, the signed documents."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.selectors import agenda_items
from municipal.constants import DossierFile, Position

if TYPE_CHECKING:
    from meetings.models import Meeting

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ExecutiveDecisionForm(forms.Form):
    body = forms.CharField(
        label=_("Body"), max_length=100, initial="college van B&W", help_text=_("Who decided.")
    )
    date = forms.DateField(label=_("Date of the decision"), widget=DATE)
    note_number = forms.CharField(
        label=_("Note number"), max_length=50, help_text=_("For example 2020-001138.")
    )
    holder_name = forms.CharField(
        label=_("Authorised holder"),
        max_length=200,
        required=False,
        help_text=_("Leave blank when the member's own representative attends and votes."),
    )
    holder_function = forms.CharField(label=_("Function"), max_length=200, required=False)
    holder_organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    holder_email = forms.EmailField(label=_("E-mail"), required=False)

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(agenda_items(meeting, for_decision=True))
        for item in self.items:
            self.fields[f"item_{item.pk}"] = forms.ChoiceField(
                label=f"{item.position}. {item.title}",
                choices=Position.choices,
                initial=Position.FOR,
                widget=forms.RadioSelect,
                help_text=item.proposal,
            )

    def position_fields(self):
        return [self[f"item_{item.pk}"] for item in self.items]

    def positions(self) -> dict[int, str]:
        return {item.pk: self.cleaned_data[f"item_{item.pk}"] for item in self.items}

    def holder(self) -> dict[str, str]:
        return {
            key: self.cleaned_data[f"holder_{key}"]
            for key in ("name", "function", "organisation", "email")
        }


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=DossierFile.choices)
    file = forms.FileField(
        label=_("Signed PDF"), widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"})
    )
