"""Forms of the voting app."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.selectors import agenda_items
from statutes.constants import DecisionKind
from voting import selectors
from voting.constants import PollKind

if TYPE_CHECKING:
    from meetings.models import Meeting


class PollForm(forms.Form):
    agenda_item = forms.ModelChoiceField(label=_("Agenda item"), queryset=None, required=False)
    question = forms.CharField(
        label=_("Proposal put to the vote"), widget=forms.Textarea(attrs={"rows": 2})
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=PollKind.choices)
    decision_kind = forms.ChoiceField(label=_("Kind of decision"), choices=DecisionKind.choices)
    secret = forms.TypedChoiceField(
        label=_("Ballot"),
        choices=[
            ("", _("As the rule for this kind of decision says")),
            ("1", _("Secret")),
            ("0", _("Named")),
        ],
        required=False,
        coerce=lambda value: value == "1",
        empty_value=None,
    )
    candidates = forms.CharField(
        label=_("Candidates (one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    tellers = forms.ModelMultipleChoiceField(
        label=_("Tellers (secret polls)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "They confirm the close with their teller key; none chosen: every holder of a "
            "teller key."
        ),
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = agenda_items(meeting)
        self.fields["tellers"].queryset = selectors.teller_candidates()


class ResolutionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    proposal = forms.CharField(label=_("Proposal"), widget=forms.Textarea(attrs={"rows": 5}))
    deadline = forms.DateTimeField(
        label=_("Answers until"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )


class BoardForm(forms.Form):
    on = forms.DateField(
        label=_("Board informed on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(
        label=_("Board's advice"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
