"""`python manage.py load_seed`: the demo association from the seed documents (idempotent)."""

from pathlib import Path

import yaml
from django.conf import settings
from django.core.management.base import BaseCommand

from members.seed import SeedReport, demo_accounts_seed_load, members_seed_load

DEFAULT_FILE = Path(settings.BASE_DIR) / "seed" / "dimpact.yaml"
MEETINGS_FILE = Path(settings.BASE_DIR) / "seed" / "meetings.yaml"
PROXIES_FILE = Path(settings.BASE_DIR) / "seed" / "proxies.yaml"
RESOLUTIONS_FILE = Path(settings.BASE_DIR) / "seed" / "resolutions.yaml"


class Command(BaseCommand):
    help = "Load the demo association (register, log-ins, meetings) from the seed data files."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
        parser.add_argument("--meetings-file", type=Path, default=MEETINGS_FILE)

    def handle(self, *args, file: Path, meetings_file: Path, **options):
        from meetings.seed import meetings_seed_load
        from proxies.seed import proxies_seed_load
        from voting.seed import resolutions_seed_load

        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        report = SeedReport()
        members_seed_load(data, report)
        users = demo_accounts_seed_load(data, report)
        meetings_seed_load(yaml.safe_load(meetings_file.read_text(encoding="utf-8")), report)
        proxies_seed_load(yaml.safe_load(PROXIES_FILE.read_text(encoding="utf-8")), report)
        resolutions_seed_load(yaml.safe_load(RESOLUTIONS_FILE.read_text(encoding="utf-8")), report)
        if report.changed_anything:
            for name, count in sorted(report.created.items()):
                self.stdout.write(f"created {count} {name}")
            for name, count in sorted(report.updated.items()):
                self.stdout.write(f"updated {count} {name}")
        else:
            self.stdout.write("nothing to change: the demo data is loaded already")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo log-ins (password {settings.DEMO_PASSWORD!r}): "
                + ", ".join(user.username for user in users)
            )
        )
