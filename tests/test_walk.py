"""The walk of every page and every button (tests/walk.py), collected with the suite."""

from tests.walk import (  # noqa: F401
    test_every_page_has_an_entry,
    test_walk_every_page_and_press_every_button,
)
