"""The one settings module. Everything that differs between machines comes from the environment."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import django_stubs_ext

from tiendo.lib.env import (
    ConfigError,
    database_from_url,
    env_bool,
    env_email,
    env_int,
    env_list,
    env_str,
)

# Lets admin and form classes carry type parameters at run time, as mypy --strict wants them.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("TIENDO_DATA_DIR", str(Path.cwd() / "var")))

DEBUG = env_bool("TIENDO_DEBUG", False)
# The web server refuses to start without a key unless DEBUG is on (wsgi.py); commands and the
# tests may run with this development key, which `tiendo check --deploy` reports.
DEVELOPMENT_SECRET_KEY = "insecure-development-key-not-for-production"  # noqa: S105
SECRET_KEY = env_str("TIENDO_SECRET_KEY", "") or DEVELOPMENT_SECRET_KEY

# One setting names the address people use (docs/deploy.md): the host is allowed, the origin
# is trusted for forms (CSRF), e-mail links point to it, and when it is https the app trusts
# the proxy's X-Forwarded-Proto, redirects to TLS, sends HSTS and keeps cookies secure.
PUBLIC_URL = env_str("TIENDO_PUBLIC_URL", "") or env_str("TIENDO_BASE_URL", "")
_public = urlsplit(PUBLIC_URL) if PUBLIC_URL else None
if _public is not None and (_public.scheme not in ("http", "https") or not _public.hostname):
    raise ConfigError(f"TIENDO_PUBLIC_URL={PUBLIC_URL!r} is not an http(s) address")
TIENDO_BASE_URL = PUBLIC_URL or "http://127.0.0.1:8000"
ALLOWED_HOSTS = env_list("TIENDO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("TIENDO_CSRF_TRUSTED_ORIGINS", [])
if _public is not None and _public.hostname:
    ALLOWED_HOSTS = [*ALLOWED_HOSTS, _public.hostname]
    CSRF_TRUSTED_ORIGINS = [*CSRF_TRUSTED_ORIGINS, f"{_public.scheme}://{_public.netloc}"]
HTTPS = _public is not None and _public.scheme == "https"
# Addresses (or CIDR ranges) of the reverse proxies whose X-Forwarded-For is believed.
TIENDO_TRUSTED_PROXIES = env_list("TIENDO_TRUSTED_PROXIES", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "tiendo.lib",
    "tiendo.accounts",
    "tiendo.agencies",
    "tiendo.plans",
    "tiendo.progress",
    "tiendo.status",
    "tiendo.dashboard",
    "tiendo.audit",
    "tiendo.documents",
    "tiendo.notifications",
    "tiendo.indicators",
    "tiendo.imports",
    "tiendo.meetings",
    "tiendo.api",
    "rest_framework",
    "drf_spectacular",
    "tiendo.sample",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "tiendo.lib.sessions.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "tiendo.lib.errors.RejectNulMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "tiendo.lib.csp.ContentSecurityPolicyMiddleware",
    "tiendo.lib.errors.MethodNotAllowedPageMiddleware",
    "tiendo.lib.logmask.MaskCccdMiddleware",
    # Last, as django-axes asks: it turns a lockout into the page below.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tiendo.urls"
WSGI_APPLICATION = "tiendo.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tiendo.accounts.context_processors.actor",
            ],
            "builtins": ["tiendo.lib.templatetags.vn"],
        },
    },
]

DATABASES = {
    "default": database_from_url(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'tiendo.sqlite3'}")
    )
}
# Long lists read through server-side cursors on PostgreSQL; a PgBouncer in transaction pooling
# cannot keep them (docs/deploy.md).
if env_bool("TIENDO_DB_NO_SERVER_CURSORS", False):
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# SQLite has no covering indexes: the engine's index is built there without INCLUDE columns.
# HSTS preload (security.W021) means submitting the domain to the browsers' list: the decision of
# the domain's owner, not of the application (TIENDO_HSTS_PRELOAD=1 once it is made).
SILENCED_SYSTEM_CHECKS = ["models.W040", "security.W021"]

# Argon2 for new passwords; older hashes are upgraded at the next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling (django-axes, accounts/lockout.py): 5 failures for one username from one
# client address lock that pair for 30 min; 20 failures for one username from anywhere (password
# spraying from many addresses) lock the username. The address is the real client's (lib/clientip).
TIENDO_LOGIN_FAILURE_LIMIT = env_int("TIENDO_LOGIN_FAILURE_LIMIT", 5)
TIENDO_LOGIN_USER_FAILURE_LIMIT = env_int("TIENDO_LOGIN_USER_FAILURE_LIMIT", 20)
AXES_FAILURE_LIMIT = "tiendo.accounts.lockout.failure_limit"
AXES_COOLOFF_TIME = env_int("TIENDO_LOGIN_COOLOFF_MINUTES", 30) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_CLIENT_IP_CALLABLE = "tiendo.lib.clientip.client_ip"
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard:todo"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_AGE = env_int("TIENDO_SESSION_SECONDS", 8 * 3600)
SESSION_COOKIE_HTTPONLY = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_SAVE_EVERY_REQUEST = True  # the expiry counts from the last request: an idle timeout
SESSION_COOKIE_SECURE = env_bool("TIENDO_SECURE_COOKIES", HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
if HTTPS:
    # The proxy terminates TLS and must overwrite this header (docs/deploy.md).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("TIENDO_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("TIENDO_HSTS_SECONDS", 365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("TIENDO_HSTS_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("TIENDO_HSTS_PRELOAD", False)
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "tiendo.lib.errors.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
# Vietnamese for what Django, DRF and django-axes leave in English in the admin (read last, wins).
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# The app serves its own assets (intranets are offline): WhiteNoise serves them from the app's
# folders, or from TIENDO_STATIC_ROOT once `tiendo collectstatic` has filled it (docs/deploy.md).
STATIC_ROOT = env_str("TIENDO_STATIC_ROOT", "") or None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Programme-wide defaults that officials may change (domain.md §3: "sắp đến hạn" within N days).
TIENDO_DUE_SOON_DAYS = env_int("TIENDO_DUE_SOON_DAYS", 3)

# Figures whose facts have settled are remembered (status/memo.py): once no fact has been
# recorded for TIENDO_FIGURE_SETTLE_SECONDS (longer than any write transaction takes), the
# figures up to that moment can never change. Each app process keeps its own.
TIENDO_FIGURE_MEMO = env_bool("TIENDO_FIGURE_MEMO", True)
TIENDO_FIGURE_SETTLE_SECONDS = env_int("TIENDO_FIGURE_SETTLE_SECONDS", 300)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "figures": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "tiendo-figures",
        "TIMEOUT": None,
        "OPTIONS": {"MAX_ENTRIES": env_int("TIENDO_FIGURE_MEMO_ENTRIES", 500)},
    },
}

# E-mail: SMTP in production (TIENDO_EMAIL_HOST…); without a host, each message is written as
# an .eml file in TIENDO_MAIL_DIR (var/mail under `make run`) and announced on the console.
EMAIL_HOST = env_str("TIENDO_EMAIL_HOST", "")
EMAIL_PORT = env_int("TIENDO_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("TIENDO_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("TIENDO_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("TIENDO_EMAIL_TLS", False)
EMAIL_TIMEOUT = env_int("TIENDO_EMAIL_TIMEOUT", 20)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "tiendo.notifications.mailbox.EmailBackend"
)
TIENDO_MAIL_DIR = env_str("TIENDO_MAIL_DIR", str(DATA_DIR / "mail"))
DEFAULT_FROM_EMAIL = env_email("TIENDO_EMAIL_FROM", "Tien Do <tiendo@localhost>")

# Evidence files live outside the web root and are served only through the access helper.
TIENDO_EVIDENCE_DIR = env_str("TIENDO_EVIDENCE_DIR", str(DATA_DIR / "evidence"))
TIENDO_EVIDENCE_MAX_BYTES = env_int("TIENDO_EVIDENCE_MAX_MB", 20) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# API tokens (accounts.ApiToken, stored as SHA-256 digests) expire after this many days unless
# their owner chooses another validity (1 to 365 days). DRF's own authtoken app is gone: its
# table, if an older database has one, no longer authenticates anybody.
TIENDO_API_TOKEN_DAYS = env_int("TIENDO_API_TOKEN_DAYS", 90)

# Personal ID numbers (CCCD, 12 digits) never reach the logs in full (Nghị định 13/2023).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "tiendo.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "DEFAULT_PARSER_CLASSES": [
        "tiendo.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "tiendo.api.errors.problem_handler",
    "DEFAULT_VERSIONING_CLASS": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Tiến Độ API",
    "DESCRIPTION": (
        "Đề án 06: kế hoạch, nhiệm vụ, báo cáo tiến độ, chỉ tiêu và tình trạng tại ngày chốt."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "tiendo.api.schema.add_problem_responses",
    ],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_cccd": {"()": "tiendo.lib.logmask.MaskCccdFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["mask_cccd"]}},
    "root": {"handlers": ["console"], "level": env_str("TIENDO_LOG_LEVEL", "INFO")},
    # runserver's access log has its own handler that would bypass the mask: route it here.
    "loggers": {
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
