"""Production settings: PostgreSQL, secure cookies, two-factor authentication required."""

import os
from typing import Any

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = False
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
FOSTERING_REQUIRE_2FA = env_bool("FOSTERING_REQUIRE_2FA", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_CONTENT_TYPE_NOSNIFF = True
# Documents and letters: S3-compatible object storage (django-storages) when a bucket is named, else files
# on disk under MEDIA_ROOT. Credentials come from the usual AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.
_DOCUMENTS_BUCKET = os.environ.get("FOSTERING_S3_BUCKET", "")
_DEFAULT_STORAGE: dict[str, Any] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if _DOCUMENTS_BUCKET:
    _DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": _DOCUMENTS_BUCKET,
            "endpoint_url": os.environ.get("FOSTERING_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("FOSTERING_S3_REGION") or None,
            "location": os.environ.get("FOSTERING_S3_PREFIX", "fostering"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
            "object_parameters": {"ServerSideEncryption": "AES256"},
        },
    }
STORAGES = {
    "default": _DEFAULT_STORAGE,
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
