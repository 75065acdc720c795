"""Forms of the statute-settings page: the association's settings and a decision rule."""

from django import forms

from statutes.models import Association, DecisionRule
from statutes.services import RULE_FIELDS


class AssociationForm(forms.ModelForm):
    class Meta:
        model = Association
        fields = (
            "name",
            "short_name",
            "chamber_of_commerce_number",
            "founded_on",
            "seat",
            "postal_address",
            "addressee",
            "max_proxies_per_holder",
            "member_vote_weight",
            "leaving_notice_months",
            "max_leavers_per_year",
            "supervisory_term_years",
            "supervisory_max_terms",
            "supervisory_alert_months",
            "supervisory_bound_target",
            "supervisory_unbound_target",
            "solvency_norm_percent",
            "general_reserve_minimum",
            "continuity_months_min",
            "continuity_months_max",
            "accounts_drawn_up_months",
            "accounts_extension_months_max",
            "proxy_change_minutes_before_start",
            "proxy_reminder_days",
            "proxy_signed_letter_required",
            "proxy_requires_executive_decision",
            "confidential_annexes_for_secretaries",
            "ballot_change_allowed",
            "secret_tellers_needed",
            "remote_meetings_allowed",
            "voting_requires_two_factor",
        )
        widgets = {
            "founded_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "postal_address": forms.Textarea(attrs={"rows": 3}),
        }


class DecisionRuleForm(forms.ModelForm):
    class Meta:
        model = DecisionRule
        fields = RULE_FIELDS
