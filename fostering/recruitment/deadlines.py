"""The recruitment clocks, computed from an enquiry's dated facts, and the My work provider."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

from django.urls import reverse

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, memberships_of, organisations_with
from fostering.accounts.roles import Role
from fostering.core import clock
from fostering.deadlines.items import Deadline, WorkItem

from .choices import CLOSED_STAGES, EnquiryStage, ScreeningOutcome
from .models import Enquiry


def enquiry_deadlines(enquiry: Enquiry, *, today: date | datetime) -> list[Deadline]:
    """Every clock the enquiry has started (met ones included, so the record shows how it went)."""
    deadlines = [
        Deadline.compute("enquiry_response", enquiry.received_at, met_on=enquiry.responded_at, today=today)
    ]
    if enquiry.screening_call_on is not None and enquiry.screening_outcome == ScreeningOutcome.OFFER_VISIT:
        deadlines.append(
            Deadline.compute(
                "initial_visit_offer",
                enquiry.screening_call_on,
                met_on=enquiry.initial_visit_offered_on,
                today=today,
            )
        )
    if enquiry.initial_visit_on is not None:
        deadlines.append(
            Deadline.compute(
                "initial_visit_record",
                enquiry.initial_visit_on,
                met_on=enquiry.initial_visit_record_on,
                today=today,
            )
        )
        deadlines.append(
            Deadline.compute(
                "progress_decision", enquiry.initial_visit_on, met_on=enquiry.decided_on, today=today
            )
        )
    return deadlines


def open_deadlines(enquiry: Enquiry, *, today: date | datetime) -> list[Deadline]:
    if enquiry.stage in CLOSED_STAGES and enquiry.stage != EnquiryStage.PROGRESSED:
        return []
    return [d for d in enquiry_deadlines(enquiry, today=today) if d.status.is_open]


def recruitment_work(user: User, today: date) -> Iterator[WorkItem]:
    """Unanswered enquiries for recruitment co-ordinators (as a team); visits for their worker;
    decisions for assessment managers."""
    moment = clock.now() if today == clock.today() else today
    # By role, not only permission: a service manager may do all of it but is not the team on duty.
    memberships = memberships_of(user)
    respond_orgs = {org for org, role in memberships if role == Role.RECRUITMENT_COORDINATOR}
    decide_orgs = {org for org, role in memberships if role == Role.ASSESSMENT_MANAGER}
    visit_orgs = organisations_with(user, Perm.RECORD_INITIAL_VISIT)
    wanted: list[tuple[str, Enquiry]] = []
    if respond_orgs:
        for enquiry in Enquiry.objects.filter(
            organisation_id__in=respond_orgs, responded_at__isnull=True, stage=EnquiryStage.NEW
        ).select_related("person"):
            wanted.append(("enquiry_response", enquiry))
    if visit_orgs:
        for enquiry in Enquiry.objects.filter(
            organisation_id__in=visit_orgs,
            initial_visit_worker=user,
            stage__in=[EnquiryStage.SCREENING, EnquiryStage.INITIAL_VISIT],
        ).select_related("person"):
            wanted.append(("initial_visit_offer", enquiry))
            wanted.append(("initial_visit_record", enquiry))
    if decide_orgs:
        for enquiry in Enquiry.objects.filter(
            organisation_id__in=decide_orgs, stage=EnquiryStage.INITIAL_VISIT, decided_on__isnull=True
        ).select_related("person"):
            wanted.append(("progress_decision", enquiry))
    for rule, enquiry in wanted:
        url = reverse("recruitment:enquiry_detail", args=[enquiry.pk])
        for deadline in enquiry_deadlines(enquiry, today=moment):
            if deadline.rule == rule and deadline.status.is_open:
                yield WorkItem(
                    deadline, deadline.title, enquiry.person.full_name, url, enquiry.organisation_id
                )
