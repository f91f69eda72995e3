"""Production settings: PostgreSQL, secure cookies, two-factor authentication required."""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = False
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
FOSTERING_REQUIRE_2FA = env_bool("FOSTERING_REQUIRE_2FA", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_CONTENT_TYPE_NOSNIFF = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Behind a TLS proxy (ADR 8): the proxy says the request came over HTTPS in X-Forwarded-Proto (and must
# overwrite any such header from the client), so Django knows the request is secure and sends HSTS;
# plain HTTP is redirected to HTTPS unless the proxy already does it (SECURE_SSL_REDIRECT=false).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# HSTS is kept per host name: includeSubDomains covers only names under the service's own host, and
# preload takes effect only once the council submits its domain to the browsers' list.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
