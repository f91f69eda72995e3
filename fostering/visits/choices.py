"""Codes for the allocated social worker and the visits to the child."""

from __future__ import annotations

from django.db import models


class SocialWorkerReason(models.TextChoices):
    """Why a social worker episode started (903 SWEpisodes SW_REASON, the DfE's list from 2023-24)."""

    MANAGE = "MANAGE", "Management decision"
    FCONTA = "FCONTA", "First contact (the first social worker allocated)"
    LEFTRL = "LEFTRL", "The social worker left the role"
    ORGRST = "ORGRST", "Organisational restructure"
    TSPROC = "TSPROC", "Transfer between teams as part of the usual process"
    ABSENC = "ABSENC", "The social worker is absent (for example long-term sickness or leave)"
    CHCHAN = "CHCHAN", "The child asked for a change"
    PCCHAN = "PCCHAN", "The parent or carer asked for a change"
    SWDIED = "SWDIED", "The social worker died"
    OTHERS = "OTHERS", "Other"


class VisitPlace(models.TextChoices):
    PLACEMENT = "placement", "Where the child lives"
    SCHOOL = "school", "At school or college"
    OFFICE = "office", "At the office"
    COMMUNITY = "community", "Out in the community"
    FAMILY = "family", "At a family member's home"
    OTHER = "other", "Somewhere else"
