"""A real database hiccup (PostgreSQL cancels the ballot's statement: a timeout) is answered so
that the page retries with the same submission token; the retry is recorded once."""

import uuid

import pytest
from django.db import connection
from django.urls import reverse

from voting.models import Ballot

pytestmark = pytest.mark.django_db


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("injects a statement timeout of PostgreSQL")


def test_a_ballot_retried_after_a_database_error_is_recorded_once(
    postgres, client_for, motion, rep_a, member_a
):
    client = client_for(rep_a)
    data = {"member": member_a.pk, "choice": "for", "token": str(uuid.uuid4())}
    injected = []

    def timeout_on_the_first_insert(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("INSERT INTO VOTING_BALLOT") and not injected:
            injected.append(sql)
            # The server itself cancels the statement (as under load or during a restart).
            with context["connection"].cursor() as cursor:
                cursor.execute("SET LOCAL statement_timeout = '1ms'")
                cursor.execute("SELECT pg_sleep(0.05)")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(timeout_on_the_first_insert):
        first = client.post(
            reverse("voting:ballot", args=[motion.pk]), data, headers={"HX-Request": "true"}
        )
    assert injected and first.status_code == 503 and first["Retry-After"] == "1"
    assert "Server Error" not in first.text
    assert not Ballot.objects.exists()
    # The page's retry: the same submission, the same token.
    retry = client.post(
        reverse("voting:ballot", args=[motion.pk]), data, headers={"HX-Request": "true"}
    )
    assert retry.status_code == 200 and "Gemeente A: voor, vastgelegd om" in retry.text
    again = client.post(
        reverse("voting:ballot", args=[motion.pk]), data, headers={"HX-Request": "true"}
    )
    assert "al vastgelegd: voor" in again.text
    assert Ballot.objects.filter(poll=motion).count() == 1
