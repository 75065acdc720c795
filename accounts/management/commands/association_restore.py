"""`manage.py association_restore ARCHIVE`: an archive of `association_backup` into an empty
(migrated) database and an empty storage; refused when a checksum does not match."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.backup import backup_restore


class Command(BaseCommand):
    help = "Restore an association_backup archive into an empty database and storage."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)

    def handle(self, *args, archive: Path, **options):
        try:
            restored = backup_restore(path=archive)
        except ValidationError as error:
            raise CommandError(f"{error.code}: {' '.join(error.messages)}") from error
        self.stdout.write(
            f"restored {len(restored.contents)} files of {restored.manifest['made_at']}, "
            "every checksum matched"
        )
