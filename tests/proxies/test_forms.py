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
