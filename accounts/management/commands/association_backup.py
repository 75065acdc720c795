"""`manage.py association_backup ARCHIVE`: the association's data and files in one archive."""

from pathlib import Path

from django.core.management.base import BaseCommand

from accounts.backup import backup_write


class Command(BaseCommand):
    help = "Write the association's data and files, with SHA-256 checksums, to one archive."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="where to write (a .tar.gz)")

    def handle(self, *args, archive: Path, **options):
        manifest = backup_write(path=archive)
        self.stdout.write(f"{archive}: {len(manifest['files'])} files, checksums in manifest.json")
