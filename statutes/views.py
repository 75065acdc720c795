"""The statute-settings page: the secretariat edits the association's settings and the
decision rule of each kind of decision; every change is kept in the history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from dimpact_portal.forms import form_add_service_errors
from dimpact_portal.rules import RuleDenied
from statutes import forms, selectors, services


def _only_secretariat(user) -> None:
    if not selectors.can_keep_statutes(user):
        raise RuleDenied(
            _("Only the secretariat keeps the statute settings."),
            code="statutes-secretariat-only",
        )


def _rule_forms(association, data=None) -> list:
    return [
        forms.DecisionRuleForm(data, instance=rule, prefix=rule.kind)
        for rule in selectors.decision_rules_all(association)
    ]


@login_required
def statute_settings(request: HttpRequest) -> HttpResponse:
    _only_secretariat(request.user)
    association = selectors.association_current()
    form = forms.AssociationForm(None, instance=association, prefix="association")
    rule_forms = _rule_forms(association)
    if request.method == "POST" and request.POST.get("action") == "association":
        form = forms.AssociationForm(request.POST, instance=association, prefix="association")
        if form.is_valid():
            try:
                services.association_update(user=request.user, values=form.cleaned_data)
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, _("The statute settings are saved."))
                return redirect("statutes:settings")
    elif request.method == "POST" and request.POST.get("action") == "rule":
        kind = request.POST.get("kind", "")
        rule_forms = _rule_forms(association)
        for index, rule_form in enumerate(rule_forms):
            if rule_form.prefix == kind:
                rule_form = rule_forms[index] = forms.DecisionRuleForm(
                    request.POST, instance=rule_form.instance, prefix=kind
                )
                if rule_form.is_valid() and _save_rule(request, kind, rule_form):
                    return redirect("statutes:settings")
    return render(
        request,
        "statutes/settings.html",
        {"form": form, "rule_forms": rule_forms, "history": selectors.statutes_history()},
    )


def _save_rule(request, kind: str, rule_form) -> bool:
    try:
        services.decision_rule_update(user=request.user, kind=kind, values=rule_form.cleaned_data)
    except ValidationError as error:
        form_add_service_errors(rule_form, error)
        return False
    messages.success(
        request,
        _("The rule for %(kind)s is saved; polls prepared from now on follow it.")
        % {"kind": rule_form.instance.get_kind_display().lower()},
    )
    return True
