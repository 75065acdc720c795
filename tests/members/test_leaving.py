"""A member leaves (uittreden) under the statutes' notice period and yearly limit."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from members import selectors, services
from members.constants import MandateKind
from statutes.selectors import association_current
from tests.members.factories import MandateFactory, MemberFactory

NOTICE = datetime.date(2020, 3, 15)


def leave(member, left_on, by):
    return services.member_leave(
        member=member, notice_given_on=NOTICE, left_on=left_on, recorded_by=by
    )


@pytest.fixture
def association(db):
    association = association_current()
    association.leaving_notice_months = 12
    association.max_leavers_per_year = 1
    association.save()
    return association


def test_leaving_ends_the_mandates_and_the_membership(association, member_a, secretariat):
    representative = MandateFactory(member=member_a, kind=MandateKind.REPRESENTATIVE)
    leave(member_a, datetime.date(2021, 3, 15), by=secretariat)
    member_a.refresh_from_db()
    representative.refresh_from_db()
    assert member_a.left_on == datetime.date(2021, 3, 15)
    assert representative.ends_on == datetime.date(2021, 3, 15)
    assert member_a in selectors.member_register(on=datetime.date(2021, 3, 14))
    assert member_a not in selectors.member_register(on=datetime.date(2021, 3, 15))


def test_leaving_before_the_notice_period_ends_is_refused(association, member_a, secretariat):
    with pytest.raises(ValidationError) as excinfo:
        leave(member_a, datetime.date(2021, 1, 1), by=secretariat)
    assert excinfo.value.error_dict["left_on"][0].code == "member-leaving-notice"
    assert "15-03-2021" in excinfo.value.messages[0]  # the earliest day it may leave
    member_a.refresh_from_db()
    assert member_a.left_on is None


def test_no_more_leavers_in_a_year_than_the_statutes_allow(
    association, member_a, member_b, secretariat
):
    leave(member_a, datetime.date(2021, 6, 1), by=secretariat)
    with pytest.raises(ValidationError) as excinfo:
        leave(member_b, datetime.date(2021, 12, 31), by=secretariat)
    assert excinfo.value.error_dict["left_on"][0].code == "member-leaving-yearly-limit"
    # The next year is open again.
    leave(member_b, datetime.date(2022, 1, 1), by=secretariat)


def test_a_member_leaves_once(association, member_a, secretariat):
    leave(member_a, datetime.date(2021, 6, 1), by=secretariat)
    with pytest.raises(ValidationError) as excinfo:
        leave(member_a, datetime.date(2022, 6, 1), by=secretariat)
    assert excinfo.value.code == "member-already-left"


def test_only_the_secretariat_records_leaving(association, member_a, secretary_a, client_for):
    with pytest.raises(PermissionDenied) as excinfo:
        leave(member_a, datetime.date(2021, 6, 1), by=secretary_a)
    assert excinfo.value.code == "member-register-kept-by-secretariat"
    url = reverse("members:member-leave", args=[member_a.slug])
    assert (
        client_for(secretary_a)
        .post(url, {"notice_given_on": "2020-03-15", "left_on": "2021-06-01"})
        .status_code
        == 403
    )


def test_the_secretariat_records_leaving_in_the_browser(association, client_for, secretariat):
    member = MemberFactory(name="Gemeente Vertrek")
    url = reverse("members:member-leave", args=[member.slug])
    response = client_for(secretariat).post(
        url, {"notice_given_on": "2020-03-15", "left_on": "2020-06-01"}
    )
    assert response.status_code == 200
    assert "12 maanden" in response.content.decode()
    response = client_for(secretariat).post(
        url, {"notice_given_on": "2020-03-15", "left_on": "2021-03-15"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.left_on == datetime.date(2021, 3, 15)


def test_a_member_cannot_leave_before_it_joined(association, secretariat):
    member = MemberFactory(joined_on=datetime.date(2022, 1, 1))
    with pytest.raises(ValidationError) as excinfo:
        services.member_leave(
            member=member,
            notice_given_on=datetime.date(2020, 1, 1),
            left_on=datetime.date(2021, 6, 1),
            recorded_by=secretariat,
        )
    assert excinfo.value.error_dict["left_on"][0].code == "member-leaving-before-joining"


def test_a_member_cannot_leave_before_it_gives_notice(association, member_a, secretariat):
    with pytest.raises(ValidationError) as excinfo:
        services.member_leave(
            member=member_a,
            notice_given_on=datetime.date(2021, 6, 1),
            left_on=datetime.date(2021, 5, 1),
            recorded_by=secretariat,
        )
    assert excinfo.value.error_dict["left_on"][0].code == "member-leaving-before-notice"


def test_the_leaving_date_is_read_only_in_the_admin(rf, secretariat):
    from django.contrib.admin.sites import site

    from members.models import Member

    request = rf.get("/")
    request.user = secretariat
    readonly = site._registry[Member].get_readonly_fields(request)
    assert {"left_on", "notice_given_on"} <= set(readonly)
