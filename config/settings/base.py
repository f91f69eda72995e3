"""Settings shared by every environment. Every value can be set from the environment."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("FOSTERING_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "insecure-development-key-change-me")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_forms_gds",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_filters",
    "django_tasks",
    "django_tasks_db",  # the queue of background tasks, in the service's own database
    "ninja",  # serves the API docs' Swagger UI from our static files, not a CDN (the CSP allows only our own)
    # The service, ground floor first.
    "fostering.core",
    "fostering.accounts",
    "fostering.audit",
    "fostering.deadlines",
    "fostering.jobs",
    "fostering.people",
    "fostering.children",
    "fostering.households",
    "fostering.recruitment",
    "fostering.assessments",
    "fostering.kinship",
    "fostering.concerns",
    "fostering.panel",
    "fostering.placements",
    "fostering.reviews",
    "fostering.alerts",
    "fostering.health",
    "fostering.missing",
    "fostering.visits",
    "fostering.leaving_care",
    "fostering.returns903",
    "fostering.payments",
    "fostering.reporting",
    "fostering.forecasts",
    "fostering.indicators",
    "fostering.dataprotection",
    "fostering.documents",
    "fostering.mywork",
    "fostering.portal",
    "fostering.search",
    "fostering.api",
    "fostering.demo",
]

# Long work (checking the 903 return, drafting a payment run) runs as a job: queued in the database and
# run by `manage.py db_worker` processes (`make run` starts one; production runs as many as it needs).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "fostering.accounts.sessions.SessionTimeoutMiddleware",
    "fostering.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # django-axes must come last.
    "axes.middleware.AxesMiddleware",
]

# Production headers (ADR 8): a Content-Security-Policy without 'unsafe-inline' (django-csp; templates hold
# no inline script or style), and no caching of any page answered to a signed-in user.
MIDDLEWARE[-1:-1] = [
    "csp.middleware.CSPMiddleware",
    "fostering.core.middleware.NoStoreWhenSignedInMiddleware",
]
# Inside those two, so that the portal boundary's refusals carry the same headers as every other page.
MIDDLEWARE.insert(-1, "fostering.portal.middleware.PortalBoundaryMiddleware")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "fostering" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "fostering.core.context_processors.service",
                "fostering.portal.context.portal",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'fostering.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "mywork:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lockout after repeated failed logins (django-axes), on the pair (username, address) so that nobody can
# lock another's account from elsewhere; and a limit per address over every username, against password
# spraying (ADR 7). FOSTERING_PROXY_COUNT: the proxies in front of the service that append the address
# they saw to X-Forwarded-For (0: the header is ignored and the connection's address is used).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "fostering.core.http.client_address"
FOSTERING_ADDRESS_FAILURE_LIMIT = int(os.environ.get("FOSTERING_ADDRESS_FAILURE_LIMIT", "30"))
FOSTERING_PROXY_COUNT = int(os.environ.get("FOSTERING_PROXY_COUNT", "0"))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

# Two-factor authentication: required for every staff member when this is on (production).
FOSTERING_REQUIRE_2FA = env_bool("FOSTERING_REQUIRE_2FA", False)
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Fostering service")

# Sessions (ADR 7): signed out after the council's idle minutes (Organisation.session_idle_minutes),
# and after this many hours however active; the cookie does not outlive the browser.
FOSTERING_SESSION_MAX_HOURS = float(os.environ.get("FOSTERING_SESSION_MAX_HOURS", "10"))
FOSTERING_SESSION_IDLE_MINUTES = int(os.environ.get("FOSTERING_SESSION_IDLE_MINUTES", "30"))
SESSION_COOKIE_AGE = int(FOSTERING_SESSION_MAX_HOURS * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# API tokens expire after this many days; the API's documentation needs a signed-in user unless public.
FOSTERING_API_TOKEN_DAYS = int(os.environ.get("FOSTERING_API_TOKEN_DAYS", "90"))
FOSTERING_API_DOCS_PUBLIC = env_bool("FOSTERING_API_DOCS_PUBLIC", False)

# Password reset links are emailed (valid for PASSWORD_RESET_TIMEOUT seconds).
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "fostering-service@localhost")
PASSWORD_RESET_TIMEOUT = int(os.environ.get("PASSWORD_RESET_TIMEOUT", str(60 * 60 * 2)))

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "fostering" / "static"]
# Uploaded documents and issued letters: on disk under var/ (never served directly; every download goes
# through the documents app, which checks the record and audits it). Production may use S3 instead.
MEDIA_ROOT = Path(os.environ.get("FOSTERING_MEDIA_ROOT", VAR_DIR / "media"))
FOSTERING_DOCUMENT_MAX_BYTES = int(os.environ.get("FOSTERING_DOCUMENT_MAX_BYTES", str(10 * 1024 * 1024)))
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Working hours for clocks counted in hours (for example the 2-hour enquiry response).
FOSTERING_OFFICE_HOURS = (
    os.environ.get("FOSTERING_OFFICE_OPENS", "09:00"),
    os.environ.get("FOSTERING_OFFICE_CLOSES", "17:00"),
)
# The public enquiry form: posts a client address may send in an hour (counted in Django's cache), and
# how long a shown form can be sent (seconds).
FOSTERING_ENQUIRY_POSTS_PER_HOUR = int(os.environ.get("FOSTERING_ENQUIRY_POSTS_PER_HOUR", "10"))
FOSTERING_ENQUIRY_FORM_MAX_AGE = int(os.environ.get("FOSTERING_ENQUIRY_FORM_MAX_AGE", "7200"))
# The cache holds those counts: per process unless FOSTERING_CACHE_DIR names a folder the server's worker
# processes share (set it when running more than one).
if os.environ.get("FOSTERING_CACHE_DIR"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ["FOSTERING_CACHE_DIR"],
        }
    }
# An item is "due soon" this many working days before it falls due.
FOSTERING_DUE_SOON_WORKING_DAYS = int(os.environ.get("FOSTERING_DUE_SOON_WORKING_DAYS", "5"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
