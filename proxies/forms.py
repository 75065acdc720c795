"""The proxy form: holder, signatory, the executive's decision, instructions, signed letter."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.selectors import mandate_email
from proxies import selectors
from proxies.constants import Position
from proxies.services import Holder

if TYPE_CHECKING:
    from meetings.models import Meeting
    from members.models import Mandate, Member

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MandateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, mandate: Mandate) -> str:
        return f"{mandate.name}, {mandate.get_kind_display().lower()} {mandate.member}"


class ProxyForm(forms.Form):
    known_holder = MandateChoiceField(
        label=_("Holder: a representative or secretary of another member"),
        queryset=None,  # the candidates of the meeting and member (`__init__`)
        required=False,
        empty_label=_("(someone else: fill in below)"),
        help_text=_(
            "Only people with an e-mail address in the register are listed: the holder logs in "
            "and is invited at that address. Anyone else: fill in the name and e-mail below."
        ),
    )
    holder_name = forms.CharField(label=_("Holder's name"), max_length=200, required=False)
    holder_function = forms.CharField(label=_("Function"), max_length=200, required=False)
    holder_organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    holder_email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("A holder without an account gets an invitation at this address."),
    )
    signatory_name = forms.CharField(label=_("Signed by"), max_length=200)
    signatory_function = forms.CharField(label=_("Function of the signatory"), max_length=200)
    signed_on = forms.DateField(label=_("Date of the proxy"), widget=DATE)
    decision_reference = forms.CharField(
        label=_("Decision of the executive (number)"),
        max_length=100,
        required=False,
        help_text=_("For example: nota 2020-001138."),
    )
    decision_date = forms.DateField(label=_("Date of that decision"), required=False, widget=DATE)
    scan = forms.FileField(
        label=_("Signed letter (PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )

    def __init__(
        self,
        *args,
        meeting: Meeting,
        member: Member,
        change: bool = False,
        late: bool = False,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.items = list(selectors.decision_items(meeting))
        self.fields["known_holder"].queryset = selectors.holder_candidates(meeting, member)
        for item in self.items:
            self.fields[f"item_{item.pk}"] = forms.ChoiceField(
                label=f"{item.position}. {item.title}",
                choices=Position.choices,
                initial=Position.FREE,
                required=False,
                widget=forms.RadioSelect,
                help_text=item.proposal,
            )
        if change or late:
            self.fields["reason"] = forms.CharField(
                label=_("Reason for the change") if change else _("Reason for filing late"),
                required=late,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("Required once the meeting has started; it is kept with the proxy."),
            )
        if not self.is_bound:
            representative = selectors.representative_of(member, meeting.date)
            if representative is not None:
                self.fields["signatory_name"].initial = representative.name
                self.fields["signatory_function"].initial = representative.function_title
            self.fields["signed_on"].initial = timezone.localdate()

    def instruction_fields(self):
        return [self[f"item_{item.pk}"] for item in self.items]

    def clean(self):
        data = super().clean()
        mandate = data.get("known_holder")
        if mandate is not None:
            email = mandate_email(mandate)
            if not email:
                raise forms.ValidationError(
                    _("The register has no e-mail address for %(name)s; fill in the holder below.")
                    % {"name": mandate.display_name},
                    code="proxy-holder-no-email",
                )
            data["holder"] = Holder(
                name=mandate.name,
                email=email,
                function=mandate.function_title,
                organisation=selectors.member_phrase(mandate.member),
                member=mandate.member,
            )
        elif data.get("holder_name") and not data.get("holder_email"):
            raise forms.ValidationError(
                _("Give %(name)s's e-mail address: the holder logs in and is invited there.")
                % {"name": data["holder_name"]},
                code="proxy-holder-no-email",
            )
        elif data.get("holder_name") and data.get("holder_email"):
            data["holder"] = Holder(
                name=data["holder_name"],
                email=data["holder_email"],
                function=data.get("holder_function", ""),
                organisation=data.get("holder_organisation", ""),
            )
        else:
            raise forms.ValidationError(
                _("Choose the holder from the list, or give the holder's name and e-mail."),
                code="proxy-holder-missing",
            )
        data["instructions"] = {
            item.pk: data.get(f"item_{item.pk}") or Position.FREE for item in self.items
        }
        return data


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required once the meeting has started; it is kept with the proxy."),
    )
