"""`python manage.py reenact_assembly [script]`: play an assembly again from its script file
(default: the extra ALV of 17 June 2020, seed/reenactment/alv-2020-06-17.yaml) through the
apps' services; it first prints what the script assumes where the seed is silent."""

from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from meetings.reenactment import (
    SCRIPT,
    ReenactmentError,
    assembly_reenact,
    script_assumptions,
    script_read,
)


class Command(BaseCommand):
    help = (
        "Play an assembly again from a script file through the services (convene, proxies, "
        "attendance, polls, ballots, close, minutes, publish); a second run changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("script", nargs="?", type=Path, default=SCRIPT, help="The script file.")

    def handle(self, *args, script: Path, **options):
        data = script_read(script)
        self.stdout.write("The script assumes (the seed does not say):")
        for number, text in enumerate(script_assumptions(data), start=1):
            self.stdout.write(f"  {number}. {' '.join(text.split())}")
        try:
            meeting = assembly_reenact(data, say=self.stdout.write)
        except (ValidationError, PermissionDenied, ReenactmentError) as error:
            code = getattr(error, "code", None)
            raise CommandError(
                f"Not re-enacted, nothing stored: {error}" + (f" ({code})" if code else "")
            ) from error
        if meeting is not None:
            self.stdout.write(self.style.SUCCESS(f"{meeting}: re-enacted"))
