"""Reads the portal's configuration from the environment: one typed helper, tested on its own.

Everything that differs between a laptop and production comes in through environment
variables (see `.env.example`); `settings.py` only calls these functions.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import environ

# A development key is only handed out while DEBUG is on; production must set SECRET_KEY.
DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-key-never-use-in-production-0123456789"


class ImproperlyConfiguredError(RuntimeError):
    """The environment lacks or misstates a variable that this configuration needs."""


@dataclass(frozen=True)
class PortalConfig:
    debug: bool
    secret_key: str
    allowed_hosts: list[str]
    csrf_trusted_origins: list[str]
    databases: dict[str, Any]
    redis_url: str | None
    celery: dict[str, Any]
    mailers: dict[str, Any]
    default_from_email: str
    base_url: str
    secure: bool
    media_root: Path
    static_root: Path
    storages_default: dict[str, Any]
    static_brotli: bool
    upload_max_bytes: int
    trusted_proxies: list[str]
    two_factor_required_roles: list[str]
    documents: dict[str, Any]


def _env(values: Mapping[str, str]) -> environ.Env:
    env = environ.Env()
    # django-environ reads os.environ; point it at the mapping we were given instead so that
    # the parsing can be exercised in tests without touching the process environment.
    env.ENVIRON = dict(values)
    return env


def database_config(url: str | None, *, base_dir: Path) -> dict[str, Any]:
    """The DATABASES["default"] entry for `url`, a SQLite file under `base_dir` when unset."""
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(base_dir / "db.sqlite3"),
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    config = environ.Env.db_url_config(url)
    if config["ENGINE"] == "django.db.backends.postgresql":
        # Django's backend with a health check that costs no round trip (dimpact_portal/db).
        config["ENGINE"] = "dimpact_portal.db"
        config.setdefault("CONN_MAX_AGE", 60)
        config.setdefault("CONN_HEALTH_CHECKS", True)
        config.setdefault("OPTIONS", {})
        config["OPTIONS"].setdefault("connect_timeout", 5)
    return config


def celery_config(redis_url: str | None) -> dict[str, Any]:
    """Celery settings: a Redis broker when `redis_url` is set, tasks run in-process otherwise."""
    common: dict[str, Any] = {
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "worker_prefetch_multiplier": 1,
        "task_soft_time_limit": 120,
        "task_time_limit": 180,
        "task_serializer": "json",
        "result_serializer": "json",
        "accept_content": ["json"],
        "result_expires": 24 * 3600,
        "timezone": "Europe/Amsterdam",
    }
    if not redis_url:
        # The embedded default of `make run`: no broker, every task runs where it is queued.
        return {
            **common,
            "task_always_eager": True,
            "task_eager_propagates": True,
            # With a host name: kombu warns "No hostname was supplied" for a bare memory://.
            "broker_url": "memory://localhost/",
            "result_backend": None,
        }
    return {
        **common,
        "task_always_eager": False,
        "broker_url": redis_url,
        "result_backend": redis_url,
        # A request that queues a task must not hang while Redis is down: fail fast instead.
        "broker_connection_timeout": 3,
        "broker_connection_retry_on_startup": True,
        "broker_transport_options": {
            "socket_timeout": 3,
            "socket_connect_timeout": 3,
            "max_retries": 1,
            "visibility_timeout": 3600,
        },
        "redis_socket_timeout": 3,
        "redis_socket_connect_timeout": 3,
    }


# django-environ's EMAIL_* keys, renamed to the OPTIONS of Django 6.1's MAILERS.
_MAILER_OPTIONS = {
    "EMAIL_HOST": "host",
    "EMAIL_PORT": "port",
    "EMAIL_HOST_USER": "username",
    "EMAIL_HOST_PASSWORD": "password",
    "EMAIL_USE_TLS": "use_tls",
    "EMAIL_USE_SSL": "use_ssl",
    "EMAIL_FILE_PATH": "file_path",
}


def mailer_config(url: str) -> dict[str, Any]:
    """A MAILERS entry from an e-mail URL (smtp+tls://user:pw@host:587, consolemail://, …)."""
    parsed = environ.Env.email_url_config(url)
    backend = parsed["EMAIL_BACKEND"]
    options: dict[str, Any] = {}
    for key, option in _MAILER_OPTIONS.items():
        value = parsed.get(key)
        if value not in (None, "", False):
            options[option] = value
    if backend.endswith("smtp.EmailBackend"):
        options["timeout"] = 10
    else:
        # Only the SMTP backend takes connection options.
        options = {k: v for k, v in options.items() if k == "file_path"}
    return {"BACKEND": backend, "OPTIONS": options}


def storage_config(env: environ.Env) -> dict[str, Any]:
    """The default file store: the file system, or an S3-compatible bucket when one is named.

    Uploaded annexes and rendered documents go through Django's storage API, so switching to
    S3 (with the `s3` extra installed) needs these variables only, no code.
    """
    bucket = env.str("STORAGE_S3_BUCKET", default="")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    options: dict[str, Any] = {
        "bucket_name": bucket,
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
    }
    for variable, option in (
        ("STORAGE_S3_ENDPOINT_URL", "endpoint_url"),
        ("STORAGE_S3_REGION", "region_name"),
        ("STORAGE_S3_ACCESS_KEY_ID", "access_key"),
        ("STORAGE_S3_SECRET_ACCESS_KEY", "secret_key"),
    ):
        value = env.str(variable, default="")
        if value:
            options[option] = value
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


def documents_config(env: environ.Env, celery: dict[str, Any]) -> dict[str, Any]:
    """Retries and the sweeper's patience for the document renderer."""
    return {
        # Transient faults (storage, database) are retried this many times with back-off.
        "render_retries": env.int("DOCUMENTS_RENDER_RETRIES", default=4),
        "retry_backoff_seconds": env.float("DOCUMENTS_RETRY_BACKOFF_SECONDS", default=5.0),
        # A request still queued after this long is queued again (the broker may have been down).
        "requeue_after_seconds": env.int("DOCUMENTS_REQUEUE_AFTER_SECONDS", default=300),
        # How often beat runs the sweeper (`documents-sweep`).
        "sweep_seconds": env.float("DOCUMENTS_SWEEP_SECONDS", default=60.0),
        # A render still running after the task's hard time limit has lost its worker.
        "rendering_stale_seconds": celery["task_time_limit"] + 60,
    }


# Who confirms every log-in with a second factor when TWO_FACTOR_REQUIRED_ROLES is unset: the
# association-wide roles and "staff" (staff and superuser accounts).
# "voters": the association's voting_requires_two_factor then applies at log-in too.
TWO_FACTOR_ROLES_ALL = [
    "secretariat",
    "chair",
    "supervisory_board",
    "controller",
    "staff",
    "voters",
]
TWO_FACTOR_ROLES_DEFAULT = TWO_FACTOR_ROLES_ALL


def trusted_proxies_config(env: environ.Env) -> list[str]:
    """The proxies in front of the portal (addresses or networks, comma-separated) whose
    X-Forwarded-For entries are believed; none by default: the client is REMOTE_ADDR."""
    proxies = env.list("TRUSTED_PROXIES", default=[])
    for proxy in proxies:
        try:
            ipaddress.ip_network(proxy, strict=False)
        except ValueError as error:
            raise ImproperlyConfiguredError(
                f"TRUSTED_PROXIES: {proxy!r} is not an address or a network"
            ) from error
    return proxies


def two_factor_roles_config(env: environ.Env) -> list[str]:
    """TWO_FACTOR_REQUIRED_ROLES: role values and "staff", comma-separated; "none" for nobody."""
    roles = env.list("TWO_FACTOR_REQUIRED_ROLES", default=TWO_FACTOR_ROLES_DEFAULT)
    if roles == ["none"]:
        return []
    unknown = sorted(set(roles) - set(TWO_FACTOR_ROLES_ALL))
    if unknown:
        raise ImproperlyConfiguredError(f"TWO_FACTOR_REQUIRED_ROLES: unknown {unknown}")
    return roles


def read_config(values: Mapping[str, str], *, base_dir: Path) -> PortalConfig:
    env = _env(values)
    debug = env.bool("DEBUG", default=False)
    secret_key = env.str("SECRET_KEY", default="")
    if not secret_key:
        if not debug:
            raise ImproperlyConfiguredError(
                "SECRET_KEY must be set when DEBUG is off (see .env.example)."
            )
        secret_key = DEVELOPMENT_SECRET_KEY
    default_hosts = ["localhost", "127.0.0.1", "[::1]"] if debug else []
    allowed_hosts = env.list("ALLOWED_HOSTS", default=default_hosts)
    if not debug and (not allowed_hosts or "*" in allowed_hosts):
        raise ImproperlyConfiguredError(
            "ALLOWED_HOSTS must name the portal's host names when DEBUG is off, not '*'."
        )
    redis_url = env.str("REDIS_URL", default="") or None
    mailers = {"default": mailer_config(env.str("EMAIL_URL", default="consolemail://"))}
    return PortalConfig(
        debug=debug,
        secret_key=secret_key,
        allowed_hosts=allowed_hosts,
        csrf_trusted_origins=env.list("CSRF_TRUSTED_ORIGINS", default=[]),
        databases={
            "default": database_config(env.str("DATABASE_URL", default=""), base_dir=base_dir)
        },
        redis_url=redis_url,
        celery=celery_config(redis_url),
        mailers=mailers,
        default_from_email=env.str(
            "DEFAULT_FROM_EMAIL", default="Dimpact portaal <noreply@localhost>"
        ),
        base_url=env.str("PORTAL_BASE_URL", default="http://127.0.0.1:8000").rstrip("/"),
        secure=env.bool("SECURE", default=not debug),
        media_root=Path(env.str("MEDIA_ROOT", default=str(base_dir / "media"))),
        static_root=Path(env.str("STATIC_ROOT", default=str(base_dir / "staticfiles"))),
        storages_default=storage_config(env),
        static_brotli=env.bool("STATIC_BROTLI", default=True),
        upload_max_bytes=env.int("UPLOAD_MAX_MB", default=20) * 1024 * 1024,
        trusted_proxies=trusted_proxies_config(env),
        two_factor_required_roles=two_factor_roles_config(env),
        documents=documents_config(env, celery_config(redis_url)),
    )
