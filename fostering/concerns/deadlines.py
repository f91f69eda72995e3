"""The complaint clocks: each stage from the day it started (rules complaint_stage1/2/3)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.urls import reverse

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, organisations_with
from fostering.deadlines.items import Deadline, WorkItem

from .choices import EXTENDED_STAGE_RULES, STAGE_RULES
from .models import Complaint, ComplaintStageRecord


def stage_deadline(stage: ComplaintStageRecord, *, today: date) -> Deadline:
    rule = EXTENDED_STAGE_RULES.get(stage.stage, "") if stage.extended else ""
    return Deadline.compute(
        rule or STAGE_RULES[stage.stage], stage.started_on, met_on=stage.responded_on, today=today
    )


def complaint_deadlines(complaint: Complaint, *, today: date) -> list[Deadline]:
    return [stage_deadline(stage, today=today) for stage in complaint.stages.all()]


def complaints_lead_work(user: User, today: date) -> Iterator[WorkItem]:
    """Open complaint stages for whoever records complaints (the service manager as complaints lead)."""
    orgs = organisations_with(user, Perm.RECORD_COMPLAINT)
    if not orgs:
        return
    stages = ComplaintStageRecord.objects.filter(
        organisation_id__in=orgs, responded_on__isnull=True
    ).select_related("complaint")
    for stage in stages:
        deadline = stage_deadline(stage, today=today)
        complaint = stage.complaint
        yield WorkItem(
            deadline,
            deadline.title,
            f"Complaint from {complaint.complainant_name}, received {complaint.received_on.day} "
            f"{complaint.received_on:%B %Y}",
            reverse("concerns:complaint_detail", args=[complaint.pk]),
            complaint.organisation_id,
        )
