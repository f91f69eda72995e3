"""Test settings: the database comes from DATABASE_URL (SQLite by default, PostgreSQL in CI too)."""

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
# The OpenAPI document is fetched without signing in by the API's tests (and schemathesis).
FOSTERING_API_DOCS_PUBLIC = True
# Jobs run at once inside the request in tests; tests of the worker switch to the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
