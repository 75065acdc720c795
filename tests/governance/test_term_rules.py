"""Each rule on terms refuses with its code and stores nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from dimpact_portal.rules import RuleDenied
from governance import services
from governance.models import Term
from tests.governance.factories import CommissionerFactory, TermFactory

D = datetime.date


def _refused(code, **kwargs):
    before = Term.objects.count()
    with pytest.raises(ValidationError) as excinfo:
        services.term_appoint(**kwargs)
    assert excinfo.value.code == code
    assert Term.objects.count() == before


def test_a_term_lasts_four_years_by_default(secretariat):
    term = services.term_appoint(
        user=secretariat, commissioner=CommissionerFactory(), starts_on=D(2019, 2, 13)
    )
    assert term.ends_on == D(2023, 2, 13)


def test_another_end_needs_its_reason(secretariat):
    _refused(
        "term-length",
        user=secretariat,
        commissioner=CommissionerFactory(),
        starts_on=D(2019, 2, 13),
        ends_on=D(2022, 2, 13),
    )
    term = services.term_appoint(
        user=secretariat,
        commissioner=CommissionerFactory(),
        starts_on=D(2019, 2, 13),
        ends_on=D(2022, 2, 13),
        ends_on_reason="Rooster van aftreden",
    )
    assert term.ends_on_reason


def test_a_term_ends_after_it_starts(secretariat):
    _refused(
        "term-ends-before-start",
        user=secretariat,
        commissioner=CommissionerFactory(),
        starts_on=D(2019, 2, 13),
        ends_on=D(2019, 2, 13),
        ends_on_reason="x",
    )


def test_terms_of_one_person_do_not_overlap(secretariat):
    term = TermFactory(starts_on=D(2016, 6, 20))
    _refused(
        "term-overlap", user=secretariat, commissioner=term.commissioner, starts_on=D(2019, 1, 1)
    )  # (a number-1 term again is refused by overlap first)


def test_at_most_one_reappointment(secretariat, settings):
    first = TermFactory(starts_on=D(2011, 12, 8))
    second = TermFactory(commissioner=first.commissioner, number=2, starts_on=D(2015, 12, 9))
    with pytest.raises(ValidationError) as excinfo:
        services.term_reappoint(
            user=secretariat, commissioner=second.commissioner, decision=object()
        )  # any decision: the count refuses first
    assert excinfo.value.code == "term-max-reappointments"
    assert Term.objects.filter(commissioner=first.commissioner).count() == 2


def test_a_reappointment_needs_an_assembly_decision(secretariat):
    term = TermFactory()
    with pytest.raises(ValidationError) as excinfo:
        services.term_reappoint(user=secretariat, commissioner=term.commissioner)
    assert excinfo.value.code == "term-reappoint-needs-decision"
    assert Term.objects.count() == 1


def test_only_the_secretariat_keeps_terms(board_member):
    with pytest.raises(RuleDenied) as excinfo:
        services.term_appoint(
            user=board_member, commissioner=CommissionerFactory(), starts_on=D(2019, 2, 13)
        )
    assert excinfo.value.code == "governance-secretariat-only"
    assert not Term.objects.exists()


def test_an_unbound_commissioner_works_at_no_member(secretariat, member_a):
    commissioner = CommissionerFactory.build(slug="x", name="X", member=member_a)
    with pytest.raises(ValidationError) as excinfo:
        services.commissioner_save(user=secretariat, commissioner=commissioner)
    assert excinfo.value.code == "commissioner-unbound-has-member"
    assert commissioner.pk is None


def test_chair_periods_do_not_overlap(secretariat):
    a, b = TermFactory(), TermFactory()
    services.chair_period_set(
        user=secretariat,
        commissioner=a.commissioner,
        starts_on=D(2019, 1, 9),
        ends_on=D(2020, 3, 10),
    )
    with pytest.raises(ValidationError) as excinfo:
        services.chair_period_set(
            user=secretariat, commissioner=b.commissioner, starts_on=D(2020, 3, 1)
        )
    assert excinfo.value.code == "chair-overlap"
