"""The self-evaluation is shown in aggregate only; no table links an answer to its author."""

import datetime

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError

from accounts.constants import Role
from dimpact_portal.rules import RuleDenied
from governance import selectors, services
from governance.constants import EvaluationCategory
from governance.models import (
    Evaluation,
    EvaluationAnswer,
    EvaluationParticipation,
    EvaluationResponse,
    EvaluationStatement,
)
from tests.accounts.factories import UserFactory
from tests.governance.factories import CommissionerFactory

TODAY = datetime.date(2019, 12, 1)


@pytest.fixture
def evaluation(db):
    evaluation = Evaluation.objects.create(
        year=2019, opens_on=datetime.date(2019, 11, 1), closes_on=datetime.date(2019, 12, 9)
    )
    for position, category in enumerate(EvaluationCategory.values, start=1):
        EvaluationStatement.objects.create(
            evaluation=evaluation, category=category, position=position, text=f"Stelling {position}"
        )
    return evaluation


def _commissioner_user(n):
    user = UserFactory(username=f"rvc-{n}", roles=[Role.SUPERVISORY_BOARD])
    CommissionerFactory(user=user)
    return user


def _answer(evaluation, user, score):
    scores = {s.pk: score for s in evaluation.statements.all()}
    services.evaluation_submit(evaluation=evaluation, user=user, scores=scores, today=TODAY)


def test_answers_are_stored_without_their_author(evaluation):
    user = _commissioner_user(1)
    _answer(evaluation, user, 4)
    assert EvaluationParticipation.objects.filter(user=user).count() == 1
    assert EvaluationResponse.objects.count() == 1
    with pytest.raises(ValidationError) as excinfo:
        _answer(evaluation, user, 2)
    assert excinfo.value.code == "evaluation-answered-once"
    assert EvaluationResponse.objects.count() == 1


def test_no_table_links_an_answer_to_its_author():
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    for model in (EvaluationResponse, EvaluationAnswer):
        related = {f.related_model for f in model._meta.get_fields() if f.is_relation}
        assert user_model not in related and EvaluationParticipation not in related
        assert not any(
            f.get_internal_type() in ("DateTimeField", "DateField")
            for f in model._meta.concrete_fields
        )
        assert model._meta.pk.get_internal_type() == "UUIDField"  # no order to match on
    historical = {m.__name__ for m in apps.get_models()}
    assert "HistoricalEvaluationResponse" not in historical
    assert "HistoricalEvaluationAnswer" not in historical
    participation = {
        f.related_model for f in EvaluationParticipation._meta.get_fields() if f.is_relation
    }
    assert EvaluationResponse not in participation and EvaluationAnswer not in participation


def test_results_are_averages_and_only_from_three_responses(evaluation):
    for n, score in enumerate((5, 3), start=1):
        _answer(evaluation, _commissioner_user(n), score)
    result = selectors.evaluation_result(evaluation)
    assert not result.shown
    assert all(s.average is None for _c, rows in result.categories for s in rows)
    _answer(evaluation, _commissioner_user(3), 4)
    result = selectors.evaluation_result(evaluation)
    assert result.shown and result.categories[0][1][0].average == 4.0


def test_only_commissioners_answer(evaluation, secretariat):
    with pytest.raises(RuleDenied) as excinfo:
        _answer(evaluation, secretariat, 3)
    assert excinfo.value.code == "evaluation-commissioners-only"
    assert not EvaluationResponse.objects.exists()


def test_every_statement_is_answered(evaluation):
    user = _commissioner_user(1)
    with pytest.raises(ValidationError) as excinfo:
        services.evaluation_submit(evaluation=evaluation, user=user, scores={}, today=TODAY)
    assert excinfo.value.code == "evaluation-incomplete"
    assert not EvaluationParticipation.objects.exists()


# Found by the walk (tests/walk.py): the questionnaire was offered to the whole board.


@pytest.mark.parametrize("persona", ["secretariat", "chair", "board_member"])
def test_the_questionnaire_is_offered_to_commissioners_only(
    persona, request, evaluation, client_for
):
    """The secretariat, the chair and a board account linked to no commissioner see the
    result but were offered the questionnaire, whose submission the service refused with a
    bare 403; now the page refuses them with the rule's reason and the result links it not."""
    from django.urls import reverse

    client = client_for(request.getfixturevalue(persona))
    result = client.get(reverse("governance:evaluation", args=[2019]))
    assert result.status_code == 200
    answer = reverse("governance:evaluation-answer", args=[2019])
    assert answer not in result.content.decode()
    assert client.get(answer).status_code == 403
    scores = {f"s{s.pk}": 3 for s in evaluation.statements.all()}
    assert client.post(answer, scores).status_code == 403
    assert not EvaluationResponse.objects.exists()


def test_a_commissioner_is_offered_the_questionnaire(evaluation, client_for):
    from django.urls import reverse

    client = client_for(_commissioner_user(1))
    answer = reverse("governance:evaluation-answer", args=[2019])
    assert answer in client.get(reverse("governance:evaluation", args=[2019])).content.decode()
    assert client.get(answer).status_code == 200
