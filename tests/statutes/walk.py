"""The walk's entries for the statute-settings page (see tests/walk.py)."""

from tests.walk import Page

PAGES = [
    Page("statutes:settings", ok=frozenset({"secretariat"})),
]
