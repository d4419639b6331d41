"""Django settings for Klankbord.

Development defaults work with no configuration at all (SQLite in ``var/``, demo secrets, mail written to
``var/mail``). ``KLANKBORD_ENV=production`` refuses to start with demo secrets or without an encryption key.
The configuration table in README.md lists every variable read here.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .env import (
    env_bool,
    env_choice,
    env_colour,
    env_email,
    env_float,
    env_int,
    env_int_list,
    env_list,
    env_phone,
    env_str,
    user_cache_dir,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PACKAGE_DIR = BASE_DIR / "klankbord"
VAR_DIR = Path(env_str("KLANKBORD_VAR_DIR", str(BASE_DIR / "var")))
# Built once per machine and user, shared by every checkout: deduce's lookup cache (klankbord/deidentify/engine.py).
KLANKBORD_CACHE_DIR = Path(env_str("KLANKBORD_CACHE_DIR", str(user_cache_dir("klankbord"))))

ENVIRONMENT = env_choice("KLANKBORD_ENV", "development", ("development", "production"))
PRODUCTION = ENVIRONMENT == "production"
if not PRODUCTION:
    (VAR_DIR / "static").mkdir(
        parents=True, exist_ok=True
    )  # the zero-configuration SQLite database and mail live here

# Demo values: usable on a laptop, refused in production (see ``_refuse_demo_secrets``).
DEMO_SECRET_KEY = "demo-insecure-klankbord-secret-key-never-use-in-production"  # noqa: S105
DEMO_ENCRYPTION_KEYS = "demo1:ZGVtby1rZXktZm9yLWtsYW5rYm9yZC0zMi1ieXRlcyE="
DEMO_AUDIT_KEY = "demo-insecure-audit-chain-key"

SECRET_KEY = env_str("SECRET_KEY", "" if PRODUCTION else DEMO_SECRET_KEY)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
ADMIN_URL_PATH = env_str("ADMIN_URL_PATH", "beheer")

# Encryption at rest: "id:base64key" entries separated by commas, the newest last (see klankbord/crypto).
ENCRYPTION_KEYS = env_str("KLANKBORD_ENCRYPTION_KEYS", "" if PRODUCTION else DEMO_ENCRYPTION_KEYS)
AUDIT_CHAIN_KEY = env_str("KLANKBORD_AUDIT_KEY", "" if PRODUCTION else DEMO_AUDIT_KEY)
# `audit verify` appends the verified head here, then compares the chain with every line (klankbord/audit/anchor.py).
# Put it on append-only storage or ship it elsewhere; empty: anchor only in the log (logger klankbord.audit.anchor).
AUDIT_ANCHOR_FILE = env_str(
    "KLANKBORD_AUDIT_ANCHOR_FILE", "" if PRODUCTION else str(VAR_DIR / "audit-anchor.jsonl")
)


def _refuse_demo_secrets() -> None:
    problems = []
    if not SECRET_KEY or SECRET_KEY == DEMO_SECRET_KEY or len(SECRET_KEY) < 40:
        problems.append("SECRET_KEY must be set to a random value of at least 40 characters")
    if not ENCRYPTION_KEYS or "demo1:" in ENCRYPTION_KEYS:
        problems.append("KLANKBORD_ENCRYPTION_KEYS must be set (generate one with `klankbord crypto newkey`)")
    if not AUDIT_CHAIN_KEY or AUDIT_CHAIN_KEY == DEMO_AUDIT_KEY:
        problems.append("KLANKBORD_AUDIT_KEY must be set to a random value")
    if DEBUG:
        problems.append("DEBUG must be off")
    if not ALLOWED_HOSTS:
        problems.append("ALLOWED_HOSTS must name the host(s) the site is served on")
    if problems:
        raise ImproperlyConfigured("Production refuses to start: " + "; ".join(problems) + ".")


if PRODUCTION:
    _refuse_demo_secrets()

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # its widget templates, for the TemplatesSetting-based FORM_RENDERER
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "klankbord.core",
    "klankbord.accounts",
    "klankbord.audit",
    "klankbord.crypto",
    "klankbord.geo",
    "klankbord.uploads",
    "klankbord.outbox",
    "klankbord.reports",
    "klankbord.consent",
    "klankbord.messaging",
    "klankbord.ambassadors",
    "klankbord.matching",
    "klankbord.support",
    "klankbord.api",
    "klankbord.recruitment",
    "klankbord.signals",
    "klankbord.network",
]

MIDDLEWARE = [
    # First: /healthz and /readyz answer before HTTPS redirects, host checks, sessions and the MFA gate.
    "klankbord.core.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below static files: every page the application renders, redirects and errors included, is never cached.
    "klankbord.core.middleware.NoStoreMiddleware",
    "klankbord.api.middleware.ApiJsonErrorsMiddleware",  # JSON for the API's 404 and 405 as well
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Audit entries of this request carry the client address (through the trusted-proxy setting).
    "klankbord.accounts.middleware.ClientAddressMiddleware",
    "klankbord.core.middleware.SlidingSessionMiddleware",
    "klankbord.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # After the CSRF check (its process_view runs first): a keyed post runs once (klankbord.core.submissions).
    "klankbord.core.submissions.SubmissionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "klankbord.core.middleware.MandatoryMFAMiddleware",
    "klankbord.core.middleware.SecurityHeadersMiddleware",
]

# The benchmark (bench/) reads the queries and server time of every response from headers; off otherwise.
BENCH = env_bool("KLANKBORD_BENCH", False)
if BENCH and PRODUCTION:
    raise ImproperlyConfigured("Production refuses to start: KLANKBORD_BENCH must be off.")
if BENCH:
    MIDDLEWARE.insert(0, "klankbord.core.middleware.QueryCountMiddleware")

ROOT_URLCONF = "klankbord.urls"
WSGI_APPLICATION = "klankbord.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "klankbord.core.context_processors.navigation",
                "klankbord.core.context_processors.association_contact",
                "klankbord.core.context_processors.alerts",
                "klankbord.core.context_processors.identity",
            ],
            # {% csrf_token %} also renders the form's submission key (klankbord/core/templatetags); Dutch dates
            # and numbers in both languages: ``short_date``, ``short_datetime``, ``number``.
            "builtins": [
                "klankbord.core.templatetags.submission_key",
                "klankbord.core.templatetags.klankbord_format",
            ],
        },
    },
]

# One form-rendering path: every field through core/forms/field.html (see klankbord.core.forms).
FORM_RENDERER = "klankbord.core.forms.AccessibleFormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'klankbord.sqlite3'}"),
        # A worker keeps its connection for a minute (a new PostgreSQL connection per request halved the
        # throughput of the cheapest page, docs/performance.md); a kept connection that died with the database
        # is replaced, not reused.
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60 if PRODUCTION else 0, minimum=0),
        conn_health_checks=True,
    )
}
# A hung or unreachable database must not hold a worker: connecting gives up after this many seconds, and a
# statement is cancelled after DATABASE_STATEMENT_TIMEOUT seconds (0: no limit), both answered with a 503.
DATABASE_CONNECT_TIMEOUT = env_int("DATABASE_CONNECT_TIMEOUT", 5, minimum=1)
DATABASE_STATEMENT_TIMEOUT = env_int("DATABASE_STATEMENT_TIMEOUT", 30, minimum=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _pg_options = DATABASES["default"].setdefault("OPTIONS", {})
    _pg_options.setdefault("connect_timeout", DATABASE_CONNECT_TIMEOUT)
    _pg_options["options"] = " ".join(
        part
        for part in (
            _pg_options.get("options", ""),
            f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT * 1000}",
            # PostgreSQL's JIT compiles a query whose estimated cost is high: seconds of compilation for a page
            # query that runs in milliseconds (the inbox: 2.3 s of JIT for 20 ms of work, docs/performance.md).
            "" if env_bool("DATABASE_JIT", False) else "-c jit=off",
        )
        if part
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "klankbord"}
    )
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "klankbord.accounts.backends.PermissionBackend",  # ModelBackend with one query for all permissions
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:start"  # the dispatcher to each role's home (core/homes.py)
LOGOUT_REDIRECT_URL = "core:home"

# Sessions end after inactivity: every request renews the cookie, an idle one expires.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30, minimum=5) * 60
# Not on every request (an UPDATE of the session row per page): SlidingSessionMiddleware refreshes the idle
# limit at most once a minute.
SESSION_SAVE_EVERY_REQUEST = False
# With Redis (shared by every worker and node) the session is read from the cache, not from its table on every
# request; a per-process cache would keep a session that another worker ended, so without Redis: the database.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db" if REDIS_URL else "django.contrib.sessions.backends.db"
)
SESSION_REFRESH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page's meta tag, not from the cookie
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if PRODUCTION else 0, minimum=0)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", False) else None
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
# Uploads (ADR 0080): a request body is refused while it is read once it passes the cap (5 attachments of
# 10 MB and the form; nginx's client_max_body_size matches), and the checked files a form with errors keeps
# are bounded per session and per client address.
UPLOAD_REQUEST_MAX_BYTES = 51 * 1024 * 1024
UPLOAD_PENDING_SESSION_BYTES = 60 * 1024 * 1024
UPLOAD_PENDING_ADDRESS_BYTES = 150 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "klankbord.uploads.handlers.BodyLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# django-allauth: e-mail login, mandatory verification, throttled logins, MFA.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_ADAPTER = "klankbord.accounts.adapters.AccountAdapter"
# allauth's forms on the accessible base, with our Dutch labels (klankbord.accounts.forms).
ACCOUNT_FORMS = {
    name: f"klankbord.accounts.forms.{cls}"
    for name, cls in {
        "login": "LoginForm",
        "signup": "SignupForm",
        "add_email": "AddEmailForm",
        "change_password": "ChangePasswordForm",
        "set_password": "SetPasswordForm",
        "reset_password": "ResetPasswordForm",
        "reset_password_from_key": "ResetPasswordKeyForm",
        "reauthenticate": "ReauthenticateForm",
    }.items()
}
ACCOUNT_SIGNUP_OPEN = env_bool("KLANKBORD_SIGNUP_OPEN", True)
ACCOUNT_CHANGE_EMAIL = True  # one address per account: a change is verified, then replaces the old one
ACCOUNT_EMAIL_NOTIFICATIONS = True  # password, e-mail and MFA changes are announced (no details in the mail)
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = (
    False  # never mail an address that has no account (it could reveal the service)
)
# Per-IP lockout needs the real client address: set this to the number of proxies in front of the app.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
ACCOUNT_RATE_LIMITS = {
    # Per IP and per account: a few failed logins lock the account for a while (allauth's lockout).
    "login_failed": env_str("LOGIN_FAILED_RATE", "5/15m/ip,5/15m/key"),
    "login": "30/m/ip",
    "reset_password": "5/h/ip,3/h/key",
    "signup": "10/h/ip",
}
MFA_ADAPTER = "klankbord.accounts.adapters.MFAAdapter"
MFA_FORMS = {
    name: f"klankbord.accounts.forms.{cls}"
    for name, cls in {
        "authenticate": "MFAAuthenticateForm",
        "reauthenticate": "MFAReauthenticateForm",
        "activate_totp": "ActivateTOTPForm",
        "add_webauthn": "AddWebAuthnForm",
        "edit_webauthn": "EditWebAuthnForm",
    }.items()
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "Klankbord"
MFA_RECOVERY_CODE_COUNT = 10
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not PRODUCTION
MFA_PASSKEY_LOGIN_ENABLED = False

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
# Our own named formats for the English interface (Dutch order and separators); Dutch keeps Django's.
FORMAT_MODULE_PATH = ["klankbord.formats"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "klankbord.crypto.storage.EncryptedFileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"
WHITENOISE_USE_FINDERS = not PRODUCTION

EMAIL_BACKEND = {
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
}[env_choice("EMAIL_MODE", "smtp" if PRODUCTION else "file", ("file", "console", "smtp"))]
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Klankbord <noreply@klankbord.example>")
# Seconds every SMTP socket operation may take (connect, greeting, each command): a hung server never freezes
# the mail worker.
EMAIL_TIMEOUT = env_float("EMAIL_TIMEOUT", 10.0, minimum=0.1)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work: immediate in development and tests, the database queue in production. Mail does not use
# it (the outbox below); `klankbord db_worker` only drains tasks queued before the outbox existed.
TASKS_QUEUED = env_bool("TASKS_QUEUED", PRODUCTION)
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if TASKS_QUEUED
            else "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# The outbox (ADR 0070): queued mail is sent by `klankbord mail worker`; without TASKS_QUEUED it is sent in
# the request right after commit (development, tests, demo) and only retries wait for a worker.
KLANKBORD_MAIL_SEND_AFTER_COMMIT = not TASKS_QUEUED
KLANKBORD_MAIL_MAX_ATTEMPTS = env_int("KLANKBORD_MAIL_MAX_ATTEMPTS", 12, minimum=1)
KLANKBORD_MAIL_RETRY_SECONDS = env_float("KLANKBORD_MAIL_RETRY_SECONDS", 15.0, minimum=0.1)
KLANKBORD_MAIL_LEASE_SECONDS = env_float("KLANKBORD_MAIL_LEASE_SECONDS", 60.0, minimum=1.0)
# Readiness (/readyz) fails when the oldest mail in the outbox has waited longer than this.
KLANKBORD_READYZ_MAIL_WAIT_MINUTES = env_int("KLANKBORD_READYZ_MAIL_WAIT_MINUTES", 15, minimum=1)

LOG_FORMAT = env_choice("LOG_FORMAT", "plain", ("plain", "json"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "klankbord.core.logformat.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.request": {"level": "ERROR"}, "django_tasks": {"level": "WARNING"}},
}

# API: requests per personal access token per window (clock-aligned), counted in the shared cache; past it 429.
KLANKBORD_API_RATE_LIMIT = env_int("KLANKBORD_API_RATE_LIMIT", 120, minimum=1)
KLANKBORD_API_RATE_WINDOW_SECONDS = env_int("KLANKBORD_API_RATE_WINDOW_SECONDS", 60, minimum=1)

# Domain settings
# Identity: the association's name, the site's name, its logo (a static SVG path) and colours; white text must
# read on both colours (checked at start-up). Shown in the header, the page titles and the footer.
KLANKBORD_ORG_NAME = env_str("KLANKBORD_ORG_NAME", "Nederlandse Vereniging voor Raadsleden")
KLANKBORD_SITE_NAME = env_str("KLANKBORD_SITE_NAME", "Klankbord")
KLANKBORD_LOGO = env_str("KLANKBORD_LOGO", "klankbord/logo.svg")
if not KLANKBORD_LOGO.endswith(".svg") or ".." in KLANKBORD_LOGO or KLANKBORD_LOGO.startswith("/"):
    raise ImproperlyConfigured("KLANKBORD_LOGO must be the path of an SVG file among the static files.")
KLANKBORD_COLOUR_BRAND = env_colour("KLANKBORD_COLOUR_BRAND", "#0b4f6c")
KLANKBORD_COLOUR_BRAND_DARK = env_colour("KLANKBORD_COLOUR_BRAND_DARK", "#083a50")
# How members reach the association's confidential counsellors: shown in the footer, on the receipt, in every mail.
# Development shows fictitious values; production shows nothing until they are set.
_DEMO_PHONE, _DEMO_EMAIL = (
    ("", "") if PRODUCTION else ("020 000 00 00", "vertrouwenspersoon@klankbord.example")
)
KLANKBORD_CONTACT_PHONE = env_phone("KLANKBORD_CONTACT_PHONE", _DEMO_PHONE)
KLANKBORD_CONTACT_EMAIL = env_email("KLANKBORD_CONTACT_EMAIL", _DEMO_EMAIL)
# Reports: hours within which an acute report ("acuut gevaar") gets its first response (default: the same day).
KLANKBORD_ACUTE_RESPONSE_HOURS = env_int("KLANKBORD_ACUTE_RESPONSE_HOURS", 4, minimum=1)
# Signals: published counts below k are suppressed; one time granularity for everything published.
KLANKBORD_DISCLOSURE_K = env_int("KLANKBORD_DISCLOSURE_K", 5, minimum=2)
KLANKBORD_GATHERING_REMINDER_DAYS = env_int("KLANKBORD_GATHERING_REMINDER_DAYS", 7, minimum=1)
KLANKBORD_SIGNALS_GRANULARITY = env_choice("KLANKBORD_SIGNALS_GRANULARITY", "quarter", ("month", "quarter"))
# Support: aftercare check-ins, in days after support ends (comma-separated; default 2 weeks, 3 and 6 months).
KLANKBORD_AFTERCARE_OFFSETS_DAYS = env_int_list("KLANKBORD_AFTERCARE_OFFSETS_DAYS", [14, 91, 182], minimum=1)
# Matching: ambassadors on leave within this many days are not suggested; hours an ambassador has to answer.
KLANKBORD_MATCHING_LEAVE_HORIZON_DAYS = env_int("KLANKBORD_MATCHING_LEAVE_HORIZON_DAYS", 7, minimum=0)
KLANKBORD_MATCHING_RESPONSE_HOURS = env_int("KLANKBORD_MATCHING_RESPONSE_HOURS", 48, minimum=1)
# Network wellbeing: prompt a debrief above this share of capacity in use, or above these hours last month.
KLANKBORD_NETWORK_LOAD_RATIO = env_float("KLANKBORD_NETWORK_LOAD_RATIO", 1.0, minimum=0.1)
KLANKBORD_NETWORK_HOURS_PER_MONTH = env_int("KLANKBORD_NETWORK_HOURS_PER_MONTH", 16, minimum=1)
