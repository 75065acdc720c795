"""The secretariat's audit trail: governance records' history, settings, log-ins, locks;
filtered by person, record and date, paged; nothing on it editable."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from accounts.constants import SecurityEventKind
from accounts.services import security_event_record
from statutes.selectors import association_current
from tests.accounts.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_audit_trail_shows_settings_log_ins_and_locks(client_for, secretariat, chair):
    association = association_current()
    association.voting_requires_two_factor = True
    association.save()
    Client().post(reverse("login"), {"username": "chair", "password": PASSWORD})
    security_event_record(kind=SecurityEventKind.LOCKED, username="chair", ip_address="203.0.113.9")
    page = client_for(secretariat).get(reverse("audit-trail"))
    assert page.status_code == 200
    sources = {entry.source for entry in page.context["entries"]}
    assert {"settings", "logins", "security"} <= sources
    assert '<form method="post"' not in page.text.split("<main")[-1]


def test_the_filters_narrow_by_person_record_and_date(client_for, secretariat, chair):
    security_event_record(kind=SecurityEventKind.LOCKED, username="chair", ip_address="203.0.113.9")
    association_current()
    client = client_for(secretariat)
    by_person = client.get(reverse("audit-trail"), {"person": "chair"}).context["entries"]
    assert by_person and all("chair" in entry.person for entry in by_person)
    by_record = client.get(reverse("audit-trail"), {"record": "statutes"}).context["entries"]
    assert by_record and all(entry.source == "settings" for entry in by_record)
    tomorrow = datetime.date.today() + datetime.timedelta(days=2)
    later = client.get(reverse("audit-trail"), {"since": tomorrow.isoformat()}).context["entries"]
    assert later == []


def test_the_audit_trail_is_paged(client_for, secretariat):
    for n in range(60):
        security_event_record(
            kind=SecurityEventKind.LOCKED, username=f"u{n}", ip_address="203.0.113.9"
        )
    client = client_for(secretariat)
    first = client.get(reverse("audit-trail"), {"source": "security"})
    second = client.get(reverse("audit-trail"), {"source": "security", "page": 2})
    assert len(first.context["entries"]) == 50
    assert len(second.context["entries"]) == 10
    assert set(first.context["entries"]).isdisjoint(second.context["entries"])


def test_only_the_secretariat_reads_it(client_for, chair, secretary_a):
    for user in (chair, secretary_a):
        assert client_for(user).get(reverse("audit-trail")).status_code == 403
    assert Client().get(reverse("audit-trail")).status_code == 302


def test_a_page_of_the_trail_is_two_queries_however_many_tables_keep_a_history(
    django_assert_num_queries, secretariat, chair
):
    """Every history table, the log-ins and the security events merged in the database."""
    from accounts.audit import AuditFilter, audit_count, audit_entries

    association = association_current()
    association.name = "Dimpact (gewijzigd)"
    association.save()
    security_event_record(kind=SecurityEventKind.UNLOCKED, username="someone", actor=secretariat)
    with django_assert_num_queries(2):
        entries = audit_entries(AuditFilter(), offset=0, limit=50)
        total = audit_count(AuditFilter())
    assert total == len(entries) >= 3
    assert entries == sorted(entries, key=lambda entry: entry.at, reverse=True)
    # The person filter finds who did it, too (the actor of a security event).
    by_actor = audit_entries(AuditFilter(person=secretariat.username), offset=0, limit=50)
    assert any(entry.source == "security" and entry.person == "someone" for entry in by_actor)
    assert audit_count(AuditFilter(person=secretariat.username)) == len(by_actor)
