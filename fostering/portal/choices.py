from django.db import models


class AccessKind(models.TextChoices):
    CARER = "carer", "Foster carer"
    APPLICANT = "applicant", "Applicant"


# How long an emailed invitation link works.
INVITATION_DAYS = 5
