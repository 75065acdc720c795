"""The request's memo (`dimpact_portal.request_memo`): once per request, a copy per call,
nothing outside a request."""

from django.http import HttpResponse

from dimpact_portal.request_memo import RequestMemoMiddleware, request_memo, request_memo_forget


def test_read_once_per_request_and_a_copy_for_each_caller():
    reads = []

    def compute():
        reads.append(1)
        return {"weight": 1}

    def view(request):
        first = request_memo("thing", compute)
        first["weight"] = 99  # a caller changes its copy
        assert request_memo("thing", compute) == {"weight": 1}
        request_memo_forget("thing")  # saved: read again
        request_memo("thing", compute)
        return HttpResponse()

    RequestMemoMiddleware(view)(None)
    assert len(reads) == 2
    RequestMemoMiddleware(view)(None)  # the next request reads for itself
    assert len(reads) == 4


def test_nothing_is_remembered_outside_a_request():
    reads = []
    for _ in range(3):
        request_memo("thing", lambda: reads.append(1))
    assert len(reads) == 3


def test_the_association_is_read_once_per_request_and_anew_after_a_save(
    db, django_assert_num_queries
):
    from statutes.selectors import association_current

    association_current()  # created if missing (outside a request: read every time)

    def view(request):
        with django_assert_num_queries(1):
            for _ in range(3):
                association_current()
        changed = association_current()
        changed.member_vote_weight = 7  # a caller's copy, not saved: the others don't see it
        assert association_current().member_vote_weight != 7
        changed.save()
        assert association_current().member_vote_weight == 7  # saved: read again
        return HttpResponse()

    RequestMemoMiddleware(view)(None)


def test_the_association_can_be_remembered_as_a_shallow_copy():
    """A JSON field would be shared between the copies (`request_memo` copies shallowly)."""
    from django.db.models import JSONField

    from statutes.models import Association

    assert not [f for f in Association._meta.concrete_fields if isinstance(f, JSONField)]
