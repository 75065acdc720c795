"""The member register is shown a page at a time, with links a screen reader can follow."""

from dimpact_portal.paging import PAGE_SIZE
from tests.members.factories import MemberFactory


def test_the_register_pages_and_says_how_many_members_there_are(client_for, secretary_a):
    for n in range(PAGE_SIZE + 5):
        MemberFactory(name=f"Gemeente Lijst {n:03d}")
    client = client_for(secretary_a)
    first = client.get("/leden/").content.decode()
    # Member A (secretary A's) and the ones made here, by name.
    assert first.count('href="/leden/gemeente-') == PAGE_SIZE
    assert 'aria-current="page"' in first and 'rel="next"' in first
    assert f"{PAGE_SIZE + 6} members" in first or f"{PAGE_SIZE + 6} leden" in first
    second = client.get("/leden/", {"page": 2}).content.decode()
    assert second.count('href="/leden/gemeente-') == 6
    assert 'rel="prev"' in second
