"""The walk's entries for the documents app's pages (see tests/walk.py)."""

from tests.walk import Page

PAGES = [
    Page("documents:list", ok=frozenset({"secretariat"})),
    Page(
        "documents:detail", lambda w: [w.extra["document"].public_id], ok=frozenset({"secretariat"})
    ),
    # Rendered by the worker after the commit, which never comes in the walk: not there yet.
    Page(
        "documents:download",
        lambda w: [w.extra["document"].public_id],
        ok=frozenset({"secretariat"}),
        status=404,
    ),
    Page("documents:retry", lambda w: [w.extra["document"].public_id], post_only=True),
]
