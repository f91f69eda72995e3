from __future__ import annotations

from django.db import models  # noqa: F401

from fostering.core.models import OrganisationRecord  # noqa: F401
