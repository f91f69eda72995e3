"""The one place domain code asks what day it is, so tests and the demo can fix it."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone


def today() -> date:
    return timezone.localdate()


def now() -> datetime:
    return timezone.now()
