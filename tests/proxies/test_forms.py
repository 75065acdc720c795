"""The proxy form's list of holder candidates: written in Python (`proxies.forms.Select`) for
hundreds of people, and the same HTML as Django's own Select."""

from django import forms

from members.constants import MandateKind
from proxies.forms import ProxyForm, Select
from tests.members.factories import MandateFactory


def _django_render(field: forms.BoundField) -> str:
    ours = field.field.widget
    widget = forms.Select(attrs=ours.attrs, choices=ours.choices)
    widget.is_required = ours.is_required
    return field.as_widget(widget=widget)


def test_the_candidate_list_is_djangos_select_markup(member_a, member_b, member_c, meeting):
    MandateFactory(member=member_b, name='D. "de" <Vries> & zn', email="vries@example.org")
    chosen = MandateFactory(
        member=member_c, kind=MandateKind.SECRETARY, name="S. Ecretaris", email="s@example.org"
    )
    unbound = ProxyForm(meeting=meeting, member=member_a)["known_holder"]
    bound = ProxyForm({"known_holder": str(chosen.pk)}, meeting=meeting, member=member_a)[
        "known_holder"
    ]
    for field in (unbound, bound):
        ours = field.as_widget()
        assert ours == _django_render(field)
    assert "&lt;Vries&gt; &amp; zn" in unbound.as_widget()
    assert f'<option value="{chosen.pk}" selected>' in bound.as_widget()


def test_the_select_writes_attributes_and_groups_as_django_does():
    choices = [("", "—"), ("Groep & co", [("1", "Een <1>"), ("2", "Twee")]), ("3", "Drie")]
    attrs = {"class": "form-select", "required": True, "disabled": False, "data-x": 'a"b'}
    for value in ("", "2", ["1", "3"]):
        ours = Select(attrs=attrs, choices=choices).render("f", value, attrs={"id": "id_f"})
        theirs = forms.Select(attrs=attrs, choices=choices).render("f", value, attrs={"id": "id_f"})
        assert ours == theirs


def test_the_plain_fields_are_crispys_and_show_each_forms_own_values(member_a, member_b, meeting):
    from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field

    from proxies.templatetags.proxy_forms import crispy_field_once

    MandateFactory(member=member_a, representative=True, name="R. Eerste", email="r@example.org")
    MandateFactory(member=member_b, representative=True, name="R. Tweede", email="t@example.org")
    plain = ["holder_name", "holder_email", "signatory_name", "signed_on", "scan", "reason"]
    for member, name in ((member_a, "R. Eerste"), (member_b, "R. Tweede")):
        for _visit in range(2):  # the second from the memo
            form = ProxyForm(meeting=meeting, member=member, late=True)
            for field in plain:
                assert crispy_field_once(form[field]) == as_crispy_field(form[field])
            assert f'value="{name}"' in crispy_field_once(form["signatory_name"])
    change = ProxyForm(meeting=meeting, member=member_a, change=True)["reason"]
    assert crispy_field_once(change) == as_crispy_field(change)  # its own label, not required
    bound = ProxyForm({"holder_email": "geen adres"}, meeting=meeting, member=member_a)
    assert bound.errors
    assert crispy_field_once(bound["holder_email"]) == as_crispy_field(bound["holder_email"])
    assert "is-invalid" in crispy_field_once(bound["holder_email"])
