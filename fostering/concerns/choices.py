"""Outcomes of allegations, and the stages and outcomes of complaints."""

from django.db import models


class AllegationOutcome(models.TextChoices):
    """The outcome of the enquiry into an allegation (Working Together definitions)."""

    SUBSTANTIATED = "substantiated", "Substantiated"
    UNSUBSTANTIATED = "unsubstantiated", "Unsubstantiated"
    UNFOUNDED = "unfounded", "Unfounded"
    FALSE = "false", "False"
    MALICIOUS = "malicious", "Malicious"


class ComplaintStage(models.IntegerChoices):
    LOCAL_RESOLUTION = 1, "Stage 1: local resolution"
    INVESTIGATION = 2, "Stage 2: independent investigation"
    REVIEW_PANEL = 3, "Stage 3: review panel"


# The clock of each stage (rules in deadlines.rules); stage 2 may be extended up to 65 working days.
STAGE_RULES = {1: "complaint_stage1", 2: "complaint_stage2", 3: "complaint_stage3"}
EXTENDED_STAGE_RULES = {2: "complaint_stage2_extended"}


class ComplaintOutcome(models.TextChoices):
    UPHELD = "upheld", "Upheld"
    PARTLY_UPHELD = "partly_upheld", "Partly upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Complainant(models.TextChoices):
    CARER = "carer", "A foster carer"
    CHILD = "child", "A child or young person"
    PARENT = "parent", "A parent or relative of a child"
    APPLICANT = "applicant", "An applicant to foster"
    SOCIAL_WORKER = "social_worker", "A social worker or manager"
    OTHER = "other", "Someone else"
