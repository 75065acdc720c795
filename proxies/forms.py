"""The proxy form: holder, signatory, the executive's decision, instructions, signed letter."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext_lazy as _

from members.constants import MandateKind
from members.selectors import mandate_email
from proxies import selectors
from proxies.constants import Position
from proxies.services import Holder

if TYPE_CHECKING:
    from meetings.models import Meeting
    from members.models import Mandate, Member

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _format_s(value) -> str:
    """The templates' `value|stringformat:'s'`, output as the template engine does."""
    text = "%s" % (str(value) if isinstance(value, tuple) else value)
    # A safe value stays unescaped (`stringformat` is an is_safe filter).
    return text if isinstance(value, SafeData) else conditional_escape(text)


def _attributes(attrs: dict) -> str:
    """django/forms/widgets/attrs.html."""
    return "".join(
        f" {conditional_escape(name)}" + ("" if value is True else f'="{_format_s(value)}"')
        for name, value in attrs.items()
        if value is not False
    )


class Select(forms.Select):
    """Django's Select with its options written in Python, in one pass over the choices:
    the holder candidates are every other member's people, hundreds of options, and
    Django's option dicts and template includes cost more than the rest of the page. The
    markup is Django's, byte for byte (django/forms/widgets/select.html and
    select_option.html, `ChoiceWidget.optgroups`; tests/proxies/test_forms.py compares the
    two). Named Select: crispy-forms gives a widget its class name as CSS class."""

    def render(self, name, value, attrs=None, renderer=None):
        # `Widget.get_context` (name, value, attributes) without `optgroups`' dict per option.
        widget = forms.Widget.get_context(self, name, value, attrs)["widget"]
        if self.allow_multiple_selected:
            widget["attrs"]["multiple"] = True
        chosen = widget["value"]
        parts = [f'<select name="{conditional_escape(name)}"{_attributes(widget["attrs"])}>']
        has_selected = False
        for option_value, option_label in self.choices:
            option_value = "" if option_value is None else option_value
            group = isinstance(option_label, (list, tuple))
            if group and option_value:
                parts.append(f'\n  <optgroup label="{conditional_escape(localize(option_value))}">')
            for subvalue, sublabel in option_label if group else [(option_value, option_label)]:
                selected = (not has_selected or self.allow_multiple_selected) and str(
                    subvalue
                ) in chosen
                has_selected |= selected
                parts.append(
                    f'\n  <option value="{_format_s(subvalue)}"{" selected" if selected else ""}>'
                    f"{conditional_escape(localize(sublabel))}</option>\n"
                )
            if group and option_value:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        # Every value above went through conditional_escape.
        return mark_safe("".join(parts).strip())  # noqa: S308  # nosec B308 B703


class _MandateChoices(ModelChoiceIterator):
    """The options as plain values, the columns of their labels only, in one query (hundreds
    of people: a model instance per option and its member cost more than the rest of the
    page). A chosen mandate is still fetched whole by the field's queryset."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        rows = self.queryset.values_list("pk", "name", "kind", "member__name")
        for pk, name, kind, member_name in rows:
            yield (pk, self.field.label_from_values(name, kind, member_name))


class MandateChoiceField(forms.ModelChoiceField):
    iterator = _MandateChoices

    def label_from_values(self, name: str, kind: str, member_name: str) -> str:
        # `get_kind_display()`, with the choices looked up once for hundreds of rows.
        if not hasattr(self, "_kinds"):
            self._kinds = dict(MandateKind.choices)
        kind_label = str(self._kinds.get(kind, kind))
        return f"{name}, {kind_label.lower()} {member_name}"

    def label_from_instance(self, mandate: Mandate) -> str:
        return self.label_from_values(mandate.name, mandate.kind, mandate.member.name)


class ProxyForm(forms.Form):
    known_holder = MandateChoiceField(
        label=_("Holder: a representative or secretary of another member"),
        queryset=None,  # the candidates of the meeting and member (`__init__`)
        required=False,
        empty_label=_("(someone else: fill in below)"),
        widget=Select,
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
