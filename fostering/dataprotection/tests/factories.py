"""Records at the end of their retention, built through the services (by=None) as the journey makes them."""

from __future__ import annotations

from datetime import date
from typing import Any

from fostering.accounts.models import Organisation
from fostering.assessments.choices import Stage
from fostering.assessments.models import Assessment
from fostering.assessments.services import assessment_stage_change
from fostering.assessments.tests import factories as assessment_factories
from fostering.households.choices import HouseholdStatus, ResignationReason
from fostering.households.models import FosteringHousehold
from fostering.households.services import household_status_change
from fostering.recruitment.choices import EnquiryStage
from fostering.recruitment.models import Enquiry
from fostering.recruitment.services import enquiry_move
from fostering.recruitment.tests import factories as recruitment_factories
from tests import builders


def closed_enquiry(org: Organisation, *, closed_on: date = date(2024, 4, 1), **values: Any) -> Enquiry:
    """An enquiry received on 4 March 2024 that the enquirer withdrew on ``closed_on``."""
    enquiry = recruitment_factories.enquiry(org, **values)
    enquiry_move(
        enquiry=enquiry, to_stage=EnquiryStage.WITHDRAWN, at=closed_on, reason="Moving away", by=None
    )
    enquiry.refresh_from_db()
    return enquiry


def withdrawn_assessment(
    org: Organisation, *, withdrawn_on: date = date(2025, 2, 3), **values: Any
) -> Assessment:
    """An application accepted on 5 September 2022, withdrawn on ``withdrawn_on``."""
    assessment = assessment_factories.application(org, accepted_on=date(2022, 9, 5), **values)
    assessment_stage_change(
        assessment=assessment,
        to_stage=Stage.WITHDRAWN,
        changed_on=withdrawn_on,
        reason="Not the right time",
        withdrawal_reason="AW1",
        by=None,
    )
    assessment.refresh_from_db()
    return assessment


def resigned_household(
    org: Organisation, *, resigned_on: date = date(2015, 6, 1), **values: Any
) -> FosteringHousehold:
    fh = builders.approved_household(org, approved_on=date(2010, 1, 4), **values)
    household_status_change(
        fostering_household=fh,
        to_status=HouseholdStatus.RESIGNED,
        changed_on=resigned_on,
        reason="Retiring",
        resignation_reason=ResignationReason.RETIREMENT,
        by=None,
    )
    fh.refresh_from_db()
    return fh
