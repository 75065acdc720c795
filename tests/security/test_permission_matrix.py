"""The permission matrix: every URL of the URL conf, for every persona and the anonymous
visitor, against an explicit table.

The table is the walk's (`tests/<app>/walk.py`, one `Page` per URL name with who gets it;
`tests/walk.py` enumerates the URL conf, and a URL name without an entry fails there). This
test adds what the walk leaves out: the admin, the refusal a non-owner gets (never the page,
never a server error), and the second factor: with it required, no page but the set-up, the
confirmation, the log-out and the language switch answers a key holder whose log-in is not
confirmed.
"""

import pytest
from django.test import Client
from django.urls import reverse

from tests.walk import PERSONAS, REFUSED, build_world, entries, url_names

# The admin, per persona (the walk skips its namespace): staff only; our personas are no staff.
ADMIN = dict.fromkeys(PERSONAS, 302)
OPEN_UNCONFIRMED = {
    "two-factor-setup",
    "two-factor-verify",
    "recovery-codes",
    "logout",
    "set_language",
}
KEY_HOLDERS = ("secretariat", "chair", "board_member", "controller")


def _client(world, persona) -> Client:
    client = Client(raise_request_exception=False)
    if persona != "anonymous":
        client.force_login(
            world.users[persona], backend="django.contrib.auth.backends.ModelBackend"
        )
    return client


def _expected(page, persona) -> set[int]:
    if page.post_only:
        return {302, 405} if persona == "anonymous" else {405}
    if persona in page.ok:
        return set(page.status) if isinstance(page.status, tuple) else {page.status}
    # The anonymous visitor is sent to log in (the API answers 401 or 403); a logged-in person
    # is refused (403, 404) or sent elsewhere with a message.
    # (405: an API route whose only method here is POST, as the walk's REFUSED allows).
    return {302, 401, 403, 405} if persona == "anonymous" else set(REFUSED)


@pytest.mark.django_db
def test_every_url_for_every_persona_answers_as_the_table_says(request, settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = []
    pages = entries()
    names = {name for name in url_names() if name in pages}
    world = build_world(request)
    wrong = []
    for persona in PERSONAS:
        client = _client(world, persona)
        for name in sorted(names):
            page = pages[name]
            url = reverse(name, args=page.args(world))
            code = client.get(url, page.query).status_code
            if code not in _expected(page, persona):
                wrong.append(
                    f"{persona} {url} ({name}): {code}, table says {_expected(page, persona)}"
                )
        code = client.get(reverse("admin:index")).status_code
        if code != ADMIN[persona]:
            wrong.append(f"{persona} admin: {code}, table says {ADMIN[persona]}")
    assert not wrong, "\n".join(wrong[:60])


@pytest.mark.django_db
def test_an_unconfirmed_key_holder_reaches_no_page_but_the_confirmation(request, settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = [
        "secretariat",
        "chair",
        "supervisory_board",
        "controller",
        "staff",
    ]
    pages = entries()
    names = {name for name in url_names() if name in pages}
    world = build_world(request)
    wrong = []
    for persona in KEY_HOLDERS:
        client = _client(world, persona)
        for name in sorted(names - OPEN_UNCONFIRMED):
            page = pages[name]
            url = reverse(name, args=page.args(world))
            response = client.get(url, page.query)
            if url.startswith("/api/"):
                confirmed = response.status_code == 403  # the API refuses: two-factor-required
            else:
                confirmed = response.status_code == 302 and "/tweestaps/" in response["Location"]
            if not confirmed:
                wrong.append(f"{persona} {url} ({name}): {response.status_code}")
    assert not wrong, "\n".join(wrong[:60])
