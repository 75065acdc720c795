"""Long lists a page at a time: Django's Paginator, the same page size everywhere, and the
other GET parameters kept for the links (`templates/_pagination.html`)."""

from __future__ import annotations

from django.core.paginator import Page, Paginator

PAGE_SIZE = 50


def page_of(request, items, *, per_page: int = PAGE_SIZE) -> tuple[Page, str]:
    """The page of `items` the request asks for (`?page=`; the first or the last when out of
    range) and the request's other GET parameters, urlencoded, for the page links."""
    page = Paginator(items, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()
