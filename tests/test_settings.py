"""The environment is parsed into settings as documented in .env.example."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dimpact_portal.conf import ImproperlyConfiguredError, read_config

BASE = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k7#Qm2$vX9!pL4@wR8^tY1&zN6*bH3(cJ5)dF0_gS7+eA2=uK9",
    "ALLOWED_HOSTS": "portaal.dimpact.example,www.portaal.dimpact.example",
    "DATABASE_URL": "postgres://portal:secret@db.internal:5432/portal",
    "REDIS_URL": "redis://cache.internal:6379/0",
    "EMAIL_URL": "smtp+tls://mailer:pw@smtp.internal:587",
}


def test_defaults_for_a_laptop_are_sqlite_and_in_process_tasks():
    config = read_config({"DEBUG": "1"}, base_dir=BASE)
    assert config.databases["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert config.databases["default"]["NAME"] == str(BASE / "db.sqlite3")
    assert config.celery["task_always_eager"] is True
    assert config.redis_url is None
    assert config.mailers["default"]["BACKEND"] == (
        "django.core.mail.backends.console.EmailBackend"
    )
    assert config.allowed_hosts == ["localhost", "127.0.0.1", "[::1]"]


def test_production_variables_are_parsed():
    config = read_config(PRODUCTION, base_dir=BASE)
    db = config.databases["default"]
    assert db["ENGINE"] == "dimpact_portal.db"  # Django's, with a cheaper health check
    assert (db["NAME"], db["HOST"], db["PORT"], db["USER"]) == (
        "portal",
        "db.internal",
        5432,
        "portal",
    )
    assert db["CONN_HEALTH_CHECKS"] is True
    assert config.celery["broker_url"] == "redis://cache.internal:6379/0"
    assert config.celery["task_always_eager"] is False
    assert config.celery["task_acks_late"] is True
    assert config.celery["broker_connection_timeout"] <= 5
    assert config.allowed_hosts == ["portaal.dimpact.example", "www.portaal.dimpact.example"]
    mailer = config.mailers["default"]
    assert mailer["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert mailer["OPTIONS"] == {
        "host": "smtp.internal",
        "port": 587,
        "username": "mailer",
        "password": "pw",
        "use_tls": True,
        "timeout": 10,
    }
    assert config.debug is False
    assert config.secure is True


def test_no_secret_key_outside_development():
    with pytest.raises(ImproperlyConfiguredError, match="SECRET_KEY"):
        read_config({"DEBUG": "0", "ALLOWED_HOSTS": "example.org"}, base_dir=BASE)


def test_wildcard_hosts_are_refused_in_production():
    with pytest.raises(ImproperlyConfiguredError, match="ALLOWED_HOSTS"):
        read_config({**PRODUCTION, "ALLOWED_HOSTS": "*"}, base_dir=BASE)


def test_development_key_only_with_debug():
    assert "insecure" in read_config({"DEBUG": "true"}, base_dir=BASE).secret_key


def test_check_deploy_reports_nothing_with_production_variables(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "SECURE", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(PRODUCTION, STATIC_ROOT=str(tmp_path / "static"))
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_files_go_to_the_file_system_unless_a_bucket_is_named():
    assert read_config({"DEBUG": "1"}, base_dir=BASE).storages_default == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }
    config = read_config(
        {
            "DEBUG": "1",
            "STORAGE_S3_BUCKET": "portal-files",
            "STORAGE_S3_ENDPOINT_URL": "https://s3.example.org",
            "STORAGE_S3_ACCESS_KEY_ID": "key",
            "STORAGE_S3_SECRET_ACCESS_KEY": "secret",
        },
        base_dir=BASE,
    )
    assert config.storages_default["BACKEND"] == "storages.backends.s3.S3Storage"
    assert config.storages_default["OPTIONS"] == {
        "bucket_name": "portal-files",
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
        "endpoint_url": "https://s3.example.org",
        "access_key": "key",
        "secret_key": "secret",
    }


def test_document_retries_and_sweeper_patience_come_from_the_environment():
    config = read_config(
        {"DEBUG": "1", "DOCUMENTS_RENDER_RETRIES": "2", "DOCUMENTS_REQUEUE_AFTER_SECONDS": "60"},
        base_dir=BASE,
    )
    assert config.documents["render_retries"] == 2
    assert config.documents["requeue_after_seconds"] == 60
    # A render running longer than the task's hard time limit has lost its worker.
    assert config.documents["rendering_stale_seconds"] > config.celery["task_time_limit"]


def test_csv_downloads_keep_typed_text_from_being_a_formula():
    from dimpact_portal.csv_export import csv_download

    response, writer = csv_download("x.csv")
    writer.writerow(['=HYPERLINK("http://evil")', "Gemeente A", 3, "-1"])
    text = response.content.decode("utf-8-sig")
    assert text.startswith("\"'=HYPERLINK")  # quoted by csv because of its quotes
    assert ";Gemeente A;3;'-1" in text
