"""Codes of the IRO service: permanence plans, booklet recipients, why an extra review is asked for."""

from django.db import models


class PermanencePlan(models.TextChoices):
    RETURN_TO_FAMILY = "return_to_family", "Return to family"
    ADOPTION = "adoption", "Adoption"
    SGO_CAO = "sgo_cao", "Special guardianship or child arrangements order"
    LONG_TERM_FOSTERING = "long_term_fostering", "Long-term fostering"
    LONG_TERM_RESIDENTIAL = "long_term_residential", "Long-term residential care"
    SUPPORTED_LIVING = "supported_living", "Supported living"
    TWIN_TRACKING = "twin_tracking", "Twin tracking"
    NO_PLAN = "no_plan", "No permanence plan"


class BookletFor(models.TextChoices):
    CHILD = "child", "The child"
    CARER = "carer", "The carer"
    PARENT = "parent", "A parent"


class RequestReason(models.TextChoices):
    IRO_ASKED = "iro_asked", "The IRO asked for a review"
    UNPLANNED_PLACEMENT_CHANGE = "placement_change", "An unplanned change of placement"
    LEAVING_CARE = "leaving_care", "The young person is leaving care"
    OTHER = "other", "Another reason"
