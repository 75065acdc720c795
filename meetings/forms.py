"""Forms of the meetings app; each feeds one service."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.constants import MEETING_FIELDS, AttendanceRole
from meetings.models import ActionItem, AgendaItem, Meeting

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = list(MEETING_FIELDS)
        widgets = {"date": DATE, "start_time": TIME, "end_time": TIME}


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "purpose", "description", "proposal", "confidential"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "proposal": forms.Textarea(attrs={"rows": 3}),
        }


class AnnexForm(forms.Form):
    code = forms.CharField(
        label=_("Annex number"), max_length=10, help_text=_("For example 1a or 5.")
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    confidential = forms.BooleanField(label=_("Confidential"), required=False)
    upload = forms.FileField(
        label=_("File (PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
    due_date = forms.DateField(
        label=_("Or: to follow by"),
        required=False,
        widget=DATE,
        help_text=_("Announce the annex now and upload it later (nagezonden)."),
    )


class AnnexUploadForm(forms.Form):
    upload = forms.FileField(
        label=_("File (PDF)"), widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"})
    )


class ActionForm(forms.ModelForm):
    class Meta:
        model = ActionItem
        fields = ["text", "owner", "due_date", "agenda_item"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2}), "due_date": DATE}

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.items.order_by("position")


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 3}))
    agenda_item = forms.ModelChoiceField(
        label=_("Agenda item"), queryset=AgendaItem.objects.none(), required=False
    )
    confidential = forms.BooleanField(
        label=_("Confidential (left out of the public decision list)"), required=False
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.items.order_by("position")


class AttendanceForm(forms.Form):
    role = forms.ChoiceField(
        label=_("As"),
        choices=[c for c in AttendanceRole.choices if c[0] != AttendanceRole.MEMBER],
        required=False,
    )
    person = forms.CharField(label=_("Attended by"), max_length=200, required=False)
    present = forms.BooleanField(label=_("Present"), required=False, initial=True)
    remark = forms.CharField(label=_("Remark"), max_length=300, required=False)
    note = forms.CharField(label=_("Note"), max_length=100, required=False)


class MinutesCorrectionForm(forms.Form):
    text = forms.CharField(label=_("Corrected text"), widget=forms.Textarea(attrs={"rows": 6}))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    in_meeting = forms.ModelChoiceField(
        label=_("Decided in"),
        queryset=Meeting.objects.none(),
        help_text=_("The meeting whose decision allows this correction."),
    )

    def __init__(self, *args, after: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["in_meeting"].queryset = Meeting.objects.filter(date__gt=after.date).order_by(
            "date"
        )


class AnnexReplaceForm(forms.Form):
    upload = forms.FileField(
        label=_("Corrected file (PDF)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
    reason = forms.CharField(
        label=_("What was wrong (told to the invitees)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AnnexEditForm(forms.Form):
    code = forms.CharField(
        label=_("Annex number"), max_length=10, help_text=_("For example 1a or 5.")
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    confidential = forms.BooleanField(
        label=_("Confidential"),
        required=False,
        help_text=_("A confidential annex leaves the public pages at once."),
    )
    agenda_item = forms.ModelChoiceField(label=_("Agenda item"), queryset=AgendaItem.objects.none())

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.items.order_by("position")


class AnnexWithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawal (told to the invitees)"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
