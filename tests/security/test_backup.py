"""Backup → restore into an empty database and storage, every file's checksum compared; an
archive whose checksums do not match is refused."""

import hashlib
import io
import json
import tarfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.backup import DATA, FILES, storage_files

pytestmark = pytest.mark.django_db(transaction=True)


def _dump() -> list:
    out = io.StringIO()
    call_command(
        "dumpdata",
        exclude=["contenttypes", "auth.permission", "sessions", "axes.accessattempt"],
        natural_foreign=True,
        stdout=out,
    )
    return sorted(json.dumps(row, sort_keys=True) for row in json.loads(out.getvalue()))


def _checksums() -> dict[str, str]:
    return {
        name: hashlib.sha256(default_storage.open(name).read()).hexdigest()
        for name in storage_files()
    }


def _empty_everything():
    call_command("flush", interactive=False, verbosity=0)
    for name in storage_files():
        default_storage.delete(name)


def test_backup_and_restore_into_an_empty_database_keep_every_row_and_file(tmp_path):
    call_command("load_seed", stdout=io.StringIO())
    default_storage.save("bijlagen/1a.pdf", ContentFile(b"%PDF-1.7 one"))
    default_storage.save("volmachten/raalte.pdf", ContentFile(b"%PDF-1.7 two"))
    rows, files = _dump(), _checksums()
    assert len(files) >= 2
    archive = tmp_path / "dimpact.tar.gz"
    call_command("association_backup", str(archive), stdout=io.StringIO())

    _empty_everything()
    assert _checksums() == {}
    call_command("association_restore", str(archive), stdout=io.StringIO())

    assert _checksums() == files
    restored = _dump()
    assert sorted(set(rows) - set(restored))[:3] == sorted(set(restored) - set(rows))[:3]
    assert restored == rows


def test_a_restore_is_refused_when_a_checksum_does_not_match(tmp_path):
    default_storage.save("bijlagen/1a.pdf", ContentFile(b"%PDF-1.7 original"))
    archive = tmp_path / "a.tar.gz"
    call_command("association_backup", str(archive), stdout=io.StringIO())
    tampered = tmp_path / "b.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(tampered, "w:gz") as target:
        for member in source.getmembers():
            content = source.extractfile(member).read()
            if member.name == FILES + "bijlagen/1a.pdf":
                content = b"%PDF-1.7 changed!"
                member.size = len(content)
            target.addfile(member, io.BytesIO(content))
    _empty_everything()
    with pytest.raises(CommandError, match="backup-checksum-mismatch"):
        call_command("association_restore", str(tampered), stdout=io.StringIO())
    assert storage_files() == []


def test_a_restore_into_a_database_with_data_is_refused(tmp_path, secretariat):
    archive = tmp_path / "a.tar.gz"
    call_command("association_backup", str(archive), stdout=io.StringIO())
    with pytest.raises(CommandError, match="restore-database-not-empty"):
        call_command("association_restore", str(archive), stdout=io.StringIO())


def test_the_manifest_lists_the_data_and_every_file(tmp_path):
    default_storage.save("x/y.pdf", ContentFile(b"%PDF-1.7"))
    archive = tmp_path / "a.tar.gz"
    call_command("association_backup", str(archive), stdout=io.StringIO())
    with tarfile.open(archive) as source:
        manifest = json.loads(source.extractfile("manifest.json").read())
    assert set(manifest["files"]) == {DATA, FILES + "x/y.pdf"}
