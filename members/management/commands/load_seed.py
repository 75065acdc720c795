"""`python manage.py load_seed`: the demo association from the seed documents (idempotent).

Each app contributes a loader and its data file through `settings.SEED_LOADERS`, run in that
order, so this command imports no app's internals.
"""

from pathlib import Path

import yaml
from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

from dimpact_portal.seeding import SeedReport


class Command(BaseCommand):
    help = "Load the demo association (register, log-ins, meetings) from the seed data files."

    def add_arguments(self, parser):
        parser.add_argument(
            "--file",
            type=Path,
            help="The register's data file (default: the first file of SEED_LOADERS).",
        )
        parser.add_argument("--meetings-file", type=Path, help="The meetings' data file.")

    def handle(self, *args, file: Path | None, meetings_file: Path | None, **options):
        overrides = {"dimpact.yaml": file, "meetings.yaml": meetings_file}
        report = SeedReport()
        parsed: dict[Path, object] = {}
        for name, loader in settings.SEED_LOADERS:
            path = overrides.get(name) or Path(settings.BASE_DIR) / "seed" / name
            if path not in parsed:
                parsed[path] = yaml.safe_load(path.read_text(encoding="utf-8"))
            import_string(loader)(parsed[path], report)
        if report.changed_anything:
            for name, count in sorted(report.created.items()):
                self.stdout.write(f"created {count} {name}")
            for name, count in sorted(report.updated.items()):
                self.stdout.write(f"updated {count} {name}")
        else:
            self.stdout.write("nothing to change: the demo data is loaded already")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo log-ins (password {settings.DEMO_PASSWORD!r}): " + ", ".join(report.logins)
            )
        )
