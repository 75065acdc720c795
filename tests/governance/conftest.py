import io
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command

from dimpact_portal.seeding import SeedReport
from tests.seed_memo import seed_memoized


@pytest.fixture
def governance_seeded(db):
    """The demo data with the board: `load_seed`, plus the two loaders of seed/governance.yaml
    (until they are listed in SEED_LOADERS, when this runs them a second time, harmlessly)."""
    from governance.seed import governance_seed_load
    from meetings.seed import meetings_seed_load

    data = yaml.safe_load((Path(settings.BASE_DIR) / "seed" / "governance.yaml").read_text())

    def load():
        call_command("load_seed", stdout=io.StringIO())
        meetings_seed_load(data, SeedReport())
        governance_seed_load(data, SeedReport())

    # A real run for the first test, a copy of its rows for the others (tests/seed_memo.py).
    seed_memoized("governance_seeded", load)
    return data


@pytest.fixture(autouse=True)
def governance_urls(settings):
    settings.ROOT_URLCONF = "tests.governance.urls"
