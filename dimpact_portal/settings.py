"""Django settings for the governance portal; every value that varies comes from the environment."""

import datetime
import os
from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from dimpact_portal.conf import read_config

BASE_DIR = Path(__file__).resolve().parent.parent
# A developer's checkout has a .env (made by `make`) with DEBUG=1; the process environment
# wins over it, and production has none.
environ.Env.read_env(BASE_DIR / ".env")
CONFIG = read_config(os.environ, base_dir=BASE_DIR)

DEBUG = CONFIG.debug
SECRET_KEY = CONFIG.secret_key
ALLOWED_HOSTS = CONFIG.allowed_hosts
CSRF_TRUSTED_ORIGINS = CONFIG.csrf_trusted_origins

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_filters",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Recovery codes: single-use codes for a lost authenticator app.
    "django_otp.plugins.otp_static",
    "rest_framework",
    "knox",
    "dimpact_portal.api",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "accounts",
    "documents",
    "statutes",
    "members",
    "meetings",
    "proxies",
    "voting",
    "governance",
    "finance",
    "municipal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # What a request reads more than once and that does not change during it (the statute
    # settings), read once: `dimpact_portal.request_memo`.
    "dimpact_portal.request_memo.RequestMemoMiddleware",
    # `API-Version` on every response under /api/, refusals and redirects included.
    "dimpact_portal.api.middleware.ApiVersionMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "dimpact_portal.middleware.PortalLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before the CSRF check reads a body: refuses one over the limit by its Content-Length
    # (a visitor who is not logged in uploads nothing).
    "documents.uploads.RequestBodyLimitMiddleware",
    # Second factor (TOTP): sets `request.user.is_verified()`; voting asks for it where the
    # association requires it.
    "django_otp.middleware.OTPMiddleware",
    # Who must confirm the log-in with a second factor (TWO_FACTOR_REQUIRED_ROLES) is sent to
    # set it up or to confirm before any other page, the admin included.
    "accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as its documentation asks: it answers locked-out log-ins.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dimpact_portal.urls"
WSGI_APPLICATION = "dimpact_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.roles",
            ],
            "libraries": {"portal": "dimpact_portal.template_tags"},
        },
    },
]

DATABASES = CONFIG.databases
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Axes' lock-out per user name and address, plus a limit on user names per address.
    "accounts.backends.PortalAxesBackend",
    "accounts.backends.PortalModelBackend",
    # Sessions made before PortalModelBackend (and by tests' force_login) name this one.
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Log-in throttling: five failures for one user name from one address lock it for an hour.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# A refused try during a lock does not extend it: the time the locked person is told holds.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Tells the locked-out person when to try again (accounts/throttling.py).
AXES_LOCKOUT_CALLABLE = "accounts.throttling.lockout_response"
# The client's address: REMOTE_ADDR, or the X-Forwarded-For entry a trusted proxy added when
# the deployment names its proxies (TRUSTED_PROXIES); never a header a client could set itself.
AXES_CLIENT_IP_CALLABLE = "accounts.throttling.client_ip"
TRUSTED_PROXIES = CONFIG.trusted_proxies
# One address (a town hall behind one NAT) may fail with this many user names within the
# cool-off time; then it may try none until the oldest failure expires or the secretariat
# unlocks it. A person's own failures lock only that name from that address.
LOGIN_USERNAMES_PER_ADDRESS = 20
# Roles (accounts.constants.Role values, and "staff" for staff and superuser accounts) that
# confirm every log-in with a second factor; the association's voting_requires_two_factor adds
# everyone who votes. Empty: nobody is made to (TWO_FACTOR_REQUIRED_ROLES=none).
TWO_FACTOR_REQUIRED_ROLES = CONFIG.two_factor_required_roles

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
# One Dutch date format everywhere (dimpact_portal/formats: 17-06-2020, 17 juni 2020).
FORMAT_MODULE_PATH = ["dimpact_portal.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = CONFIG.static_root
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Installed from the npm registry by `make` (package.json): served by us, never by a CDN.
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", BASE_DIR / "node_modules" / "bootstrap-icons" / "font"),
    # The font embedded in every PDF (documents app): shipped by a package, never fetched.
    ("vendor/source-sans", BASE_DIR / "node_modules" / "source-sans" / "TTF"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = CONFIG.media_root
STORAGES = {
    "default": CONFIG.storages_default,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "dimpact_portal.storage.StaticFilesStorage"
        )
    },
}

STATIC_BROTLI = CONFIG.static_brotli
# Fonts are for the PDF renderer, which reads them from disk: compressing them (brotli at its
# highest level) would only slow collectstatic down.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [
    *("jpg", "jpeg", "png", "gif", "webp", "zip", "gz", "tgz", "bz2", "br", "xz"),
    *("woff", "woff2", "ttf", "otf", "pdf"),
]

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Security. Behind a TLS-terminating proxy in production; SECURE=0 only for local runs.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = CONFIG.secure
SESSION_COOKIE_SECURE = CONFIG.secure
CSRF_COOKIE_SECURE = CONFIG.secure
SECURE_HSTS_SECONDS = 31_536_000 if CONFIG.secure else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = CONFIG.secure
SECURE_HSTS_PRELOAD = CONFIG.secure
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

MAILERS = CONFIG.mailers
DEFAULT_FROM_EMAIL = CONFIG.default_from_email
# Links in e-mails point here.
PORTAL_BASE_URL = CONFIG.base_url
SERVER_EMAIL = CONFIG.default_from_email

REDIS_URL = CONFIG.redis_url
CACHES = {
    "default": (
        {
            "BACKEND": "dimpact_portal.cache.RedisCache",
            "LOCATION": REDIS_URL,
            # Short timeouts: a slow Redis costs a request a fraction of a second, once per
            # `down_seconds` (dimpact_portal/cache.py), and the request goes on without it.
            "OPTIONS": {"socket_timeout": 0.3, "socket_connect_timeout": 0.3, "down_seconds": 5},
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Sessions live in the database alone: a log-in, a log-out or a ballot never depends on Redis,
# and a session ended while Redis was away cannot come back from a stale cached copy.
SESSION_ENGINE = "accounts.sessions"  # the database's, read with its user in one prepared statement

# Celery: read by dimpact_portal/celery.py with namespace "CELERY".
for _key, _value in CONFIG.celery.items():
    vars()[f"CELERY_{_key.upper()}"] = _value
DOCUMENTS = CONFIG.documents
# Uploaded annexes and signed proxies: PDF only, at most this size.
UPLOAD_MAX_BYTES = CONFIG.upload_max_bytes
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# The first handler counts the bytes as they stream in and stops at the limit, before the
# others keep the chunk in memory or write it to a temporary file.
FILE_UPLOAD_HANDLERS = [
    "documents.uploads.BodyLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
CELERY_BEAT_SCHEDULE = {
    "proxies-remind-missing": {
        "task": "proxies.tasks.remind_missing_proxies",
        "schedule": crontab(hour=9, minute=0),
    },
    "documents-sweep": {
        "task": "documents.tasks.sweep_documents",
        "schedule": DOCUMENTS["sweep_seconds"],
    },
    "members-remind-pending-change-proposals": {
        "task": "members.tasks.remind_pending_change_proposals",
        "schedule": crontab(hour=8, minute=0, day_of_week="mon-fri"),
    },
    # Once per deadline of the accounts' legal calendar (the task records what it sent).
    "finance-remind-accounts-deadlines": {
        "task": "finance.tasks.remind_accounts_deadlines",
        "schedule": crontab(hour=7, minute=30),
    },
    "governance-alert-terms": {
        "task": "governance.tasks.alert_terms",
        "schedule": crontab(hour=7, minute=30),
    },
}

# The API (dimpact_portal/api/__init__.py says which design rules it follows, and how).
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # First: a refusal without credentials is a 401 with `WWW-Authenticate: Bearer`.
        "dimpact_portal.api.authentication.PortalTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "dimpact_portal.api.pagination.Pagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "EXCEPTION_HANDLER": "dimpact_portal.api.exceptions.problem_exception_handler",
    "URL_FORMAT_OVERRIDE": None,
}
# Personal API tokens (accounts/tokens.py): hashed (SHA-512), each with the expiry its owner
# chose; `Authorization: Bearer <token>`.
KNOX_TOKEN_MODEL = "knox.AuthToken"  # knox's migrations read it
REST_KNOX = {
    "AUTH_HEADER_PREFIX": "Bearer",
    "TOKEN_TTL": datetime.timedelta(days=90),
    "TOKEN_PREFIX": "dp_",
    "AUTO_REFRESH": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Dimpact governance portal API",
    "DESCRIPTION": (
        "Members, meetings, agendas, annexes, minutes, decisions, proxies, polls, written "
        "resolutions, documents, the supervisory board and the finances of the association. "
        "Errors are application/problem+json; lists are paginated with `limit` and `offset`."
    ),
    "VERSION": "1.0.0",
    "CONTACT": {"name": "Dimpact governance portal"},
    "LICENSE": {"name": "EUPL-1.2"},
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SCHEMA_PATH_PREFIX_TRIM": False,
    "SERVERS": [{"url": "/", "description": "This portal"}],
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "dimpact_portal.api.schema.add_problems_and_headers",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"refusals": {"()": "dimpact_portal.log_filters.RefusalsWithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["refusals"]}},
    "root": {"handlers": ["console"], "level": "INFO" if not DEBUG else "WARNING"},
    # WeasyPrint reports each render step at INFO; its warnings (refused URLs) stay.
    "loggers": {
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # One line per refused request: Django's own handlers (runserver's "django.server"
        # line) are not repeated through the root's.
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

OTP_TOTP_ISSUER = "Dimpact portaal"

# Demo accounts are made by `load_seed` only; this is their shared password (README).
DEMO_PASSWORD = "Dimpact-demo-2020"

if DEBUG:
    # Development: serve static files straight from the finders, no collectstatic needed.
    WHITENOISE_USE_FINDERS = True
    WHITENOISE_AUTOREFRESH = True

# The demo loaders (`load_seed`), in order: a data file in seed/ and the app's loader for it.
SEED_LOADERS = [
    ("dimpact.yaml", "members.seed.members_seed_load"),
    ("dimpact.yaml", "members.seed.demo_accounts_seed_load"),
    ("statutes.yaml", "statutes.seed.statutes_seed_load"),
    ("meetings.yaml", "meetings.seed.meetings_seed_load"),
    ("proxies.yaml", "proxies.seed.proxies_seed_load"),
    ("resolutions.yaml", "voting.seed.resolutions_seed_load"),
    # The board's meetings of 2019 first (the meetings loader reads `meetings:`), then the board.
    ("governance.yaml", "meetings.seed.meetings_seed_load"),
    ("governance.yaml", "governance.seed.governance_seed_load"),
    ("finance.yaml", "finance.seed.finance_seed_load"),
    # Last: the extra ALV of 17 June 2020 played through the services (it feeds all the above).
    ("reenactment/alv-2020-06-17.yaml", "meetings.reenactment.reenactment_seed_load"),
]

# Home-page panels other apps add (accounts.selectors.home_panels): `provider(user) -> [Panel]`.
HOME_PANELS: list[str] = [
    "voting.selectors.home_panels",  # "Stemming open" while a poll the user votes in is open
    "governance.selectors.home_panels",
    "finance.selectors.finance_panels",
    "documents.selectors.home_panels",  # for the secretariat: documents queued over a minute
]
