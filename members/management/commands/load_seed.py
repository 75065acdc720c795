"""`python manage.py load_seed`: the demo association from the seed documents.

It creates what is missing and leaves what exists alone, so a record changed in the portal
stays changed (its history shows who changed it): `make run` runs it at every start.
`--reset` restores the seed's values: it first says which records it will replace and asks
(or takes `--yes`). Each app contributes a loader and its data file through
`settings.SEED_LOADERS`, run in that order, so this command imports no app's internals.
"""

from pathlib import Path

import yaml
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string

from dimpact_portal.seeding import SeedReport


class _TrialOver(Exception):
    """Rolls the trial run of `--reset` back."""


class Command(BaseCommand):
    help = (
        "Load the demo association (register, log-ins, meetings) from the seed data files: "
        "create what is missing, leave what exists alone (--reset to restore the seed)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--file",
            type=Path,
            help="The register's data file (default: the first file of SEED_LOADERS).",
        )
        parser.add_argument("--meetings-file", type=Path, help="The meetings' data file.")
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Write the seed's values over the demo records users changed (asks first).",
        )
        parser.add_argument(
            "--yes", action="store_true", help="With --reset: replace without asking."
        )

    def handle(self, *args, file, meetings_file, reset, yes, **options):
        self.overrides = {"dimpact.yaml": file, "meetings.yaml": meetings_file}
        if reset:
            differences = self._trial()
            if not differences:
                self.stdout.write("nothing to replace: the demo records are as the seed has them")
            else:
                self.stdout.write(f"--reset will replace {len(differences)} records:")
                for line in differences:
                    self.stdout.write(f"  {line}")
                self.stdout.write(
                    "Records the seed does not describe (polls, new proxies, …) are kept."
                )
                self._confirm(yes)
        report = self._load(SeedReport(reset=reset))
        self._summary(report)

    def _trial(self) -> list[str]:
        """What a reset would replace: a create-only run, rolled back, lists the differences."""
        report = SeedReport(dry_run=True)
        try:
            with transaction.atomic():
                self._load(report)
                raise _TrialOver
        except _TrialOver:
            pass
        return report.differences

    def _confirm(self, yes: bool) -> None:
        if yes:
            return
        if not self.stdin_is_interactive():
            raise CommandError("Nothing replaced: add --yes to replace without asking.")
        answer = input("Replace them with the seed's values? [y/N] ")
        if answer.strip().lower() not in {"y", "yes", "j", "ja"}:
            raise CommandError("Nothing replaced.")

    @staticmethod
    def stdin_is_interactive() -> bool:
        import sys

        return sys.stdin.isatty()

    def _load(self, report: SeedReport) -> SeedReport:
        parsed: dict[Path, object] = {}
        for name, loader in settings.SEED_LOADERS:
            path = self.overrides.get(name) or Path(settings.BASE_DIR) / "seed" / name
            if path not in parsed:
                parsed[path] = yaml.safe_load(path.read_text(encoding="utf-8"))
            import_string(loader)(parsed[path], report)
        return report

    def _summary(self, report: SeedReport) -> None:
        if report.changed_anything:
            for name, count in sorted(report.created.items()):
                self.stdout.write(f"created {count} {name}")
            for name, count in sorted(report.updated.items()):
                self.stdout.write(f"updated {count} {name}")
        else:
            self.stdout.write("nothing to change: the demo data is loaded already")
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(warning))
        if report.differences and not report.reset:
            self.stdout.write(
                f"kept {len(report.differences)} records changed in the portal "
                "(load_seed --reset restores the seed)"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo log-ins (password {settings.DEMO_PASSWORD!r}): " + ", ".join(report.logins)
            )
        )
