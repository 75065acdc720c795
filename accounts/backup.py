"""Backup and restore of the association: its data (Django's `dumpdata` of every app, with
natural keys for the auth and content-type rows that migrations make) and its files (every
file of the default storage, the file system or a bucket) in one tar archive, with a manifest
of SHA-256 checksums. A restore checks every checksum before it writes anything, and writes
only into an empty database and storage.

In accounts because a backup holds what accounts guards (log-ins, second factors, the audit
trail) and must be as carefully kept; the archive is as confidential as the database.
"""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.translation import gettext as _

MANIFEST = "manifest.json"
# XML rather than JSON: Django's JSON encoder rounds times to milliseconds, the XML serializer
# keeps them exact (and reads them back with a parser that refuses entity tricks).
DATA = "data.xml"
FILES = "files/"
FORMAT = 1
# Made again by `migrate` in the empty database (rows referred to by their natural keys), or
# not worth restoring (sessions end with a restore).
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "axes.accessattempt"]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def storage_files(storage=default_storage, folder: str = "") -> list[str]:
    """Every file name in `storage`, below `folder`, sorted."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [f"{folder}{name}" for name in files]
    for sub in folders:
        names.extend(storage_files(storage, f"{folder}{sub}/"))
    return sorted(names)


def _dump_data() -> bytes:
    out = io.StringIO()
    call_command("dumpdata", exclude=EXCLUDED, natural_foreign=True, format="xml", stdout=out)
    return out.getvalue().encode()


def backup_write(*, path: Path, storage=default_storage) -> dict:
    """Write the archive to `path`; returns its manifest."""
    data = _dump_data()
    manifest = {"format": FORMAT, "made_at": timezone.now().isoformat(), "files": {}}
    manifest["files"][DATA] = _sha256(data)
    with tarfile.open(path, "w:gz") as archive:
        _add(archive, DATA, data)
        for name in storage_files(storage):
            with storage.open(name, "rb") as handle:
                content = handle.read()
            manifest["files"][FILES + name] = _sha256(content)
            _add(archive, FILES + name, content)
        _add(archive, MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode())
    return manifest


def _add(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(content))


@dataclass
class Archive:
    manifest: dict
    contents: dict[str, bytes]


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def _safe(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and name == str(path)


def archive_read(path: Path) -> Archive:
    """The archive's contents, every checksum checked (codes `backup-unreadable`,
    `backup-manifest-missing`, `backup-unsafe-name`, `backup-files-differ`,
    `backup-checksum-mismatch`)."""
    contents: dict[str, bytes] = {}
    try:
        with tarfile.open(path, "r:*") as archive:
            for member in archive.getmembers():
                if not member.isfile() or not _safe(member.name):
                    raise _refuse(
                        _("%(name)s: not a plain file name") % {"name": member.name},
                        "backup-unsafe-name",
                    )
                contents[member.name] = archive.extractfile(member).read()
    except (tarfile.TarError, OSError, EOFError) as error:
        raise _refuse(
            _("The archive cannot be read: %(e)s") % {"e": error}, "backup-unreadable"
        ) from error
    if MANIFEST not in contents:
        raise _refuse(_("The archive has no manifest."), "backup-manifest-missing")
    manifest = json.loads(contents.pop(MANIFEST))
    listed = manifest.get("files", {})
    if set(listed) != set(contents) or DATA not in listed:
        raise _refuse(
            _("The archive's files differ from its manifest: %(names)s")
            % {"names": ", ".join(sorted(set(listed) ^ set(contents)) or [DATA])},
            "backup-files-differ",
        )
    wrong = sorted(name for name, digest in listed.items() if _sha256(contents[name]) != digest)
    if wrong:
        raise _refuse(
            _("Checksums do not match for: %(names)s") % {"names": ", ".join(wrong)},
            "backup-checksum-mismatch",
        )
    return Archive(manifest=manifest, contents=contents)


def _database_holds_data() -> bool:
    """Whether any table other than those `migrate` fills (content types, permissions) has a
    row: a restore over data would mix two associations."""
    skipped = {"contenttypes", "sessions"}
    return any(
        model.objects.exists()
        for model in apps.get_models()
        if model._meta.app_label not in skipped
        and model._meta.label_lower != "auth.permission"
        and model._meta.managed
    )


def _require_empty(storage, names: list[str]) -> None:
    if _database_holds_data():
        raise _refuse(
            _("The database is not empty: restore into an empty one."), "restore-database-not-empty"
        )
    taken = [name for name in names if storage.exists(name)]
    if taken:
        raise _refuse(
            _("The storage already holds %(names)s: restore into an empty one.")
            % {"names": ", ".join(taken[:5])},
            "restore-storage-not-empty",
        )


def backup_restore(*, path: Path, storage=default_storage) -> Archive:
    """Restore the archive at `path` into the empty database (migrated) and storage."""
    archive = archive_read(path)
    names = [name.removeprefix(FILES) for name in archive.contents if name.startswith(FILES)]
    _require_empty(storage, names)
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / DATA
        data.write_bytes(archive.contents[DATA])
        # The archive holds the history as it was: loading many-to-many rows must not add
        # history entries of its own (django-simple-history records m2m changes even when raw).
        with transaction.atomic(), override_settings(SIMPLE_HISTORY_ENABLED=False):
            call_command("loaddata", str(data), stdout=io.StringIO())
    for name in names:
        saved = storage.save(name, ContentFile(archive.contents[FILES + name]))
        if saved != name:
            raise _refuse(
                _("%(name)s was stored as %(saved)s") % {"name": name, "saved": saved},
                "restore-storage-not-empty",
            )
    return archive
