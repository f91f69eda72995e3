"""The application form: sections saved part done, sent when complete (an address history covering five
years, its gaps flagged), a change asked for and made, accepted; and an applicant's upload checked by its
content."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from fostering.accounts.roles import Role
from fostering.assessments import application_services as services
from fostering.assessments.application import gaps, history_errors
from fostering.assessments.choices import SectionStatus
from fostering.assessments.models import ApplicationSection
from fostering.assessments.tests import factories
from fostering.audit.models import AuditEvent
from fostering.core import clock
from fostering.core.errors import NotAllowed
from fostering.documents.applicant import applicant_document_upload
from fostering.documents.models import Document
from fostering.portal.tests.factories import signed_up
from tests import builders

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)


def months_ago(n: int, today: date | None = None) -> str:
    today = today or clock.today()
    index = today.year * 12 + today.month - 1 - n
    return f"{index // 12}-{index % 12 + 1:02d}"


@pytest.fixture
def applicant():
    org = builders.organisation()
    worker = builders.staff(org, Role.ASSESSING_SOCIAL_WORKER)
    assessment = factories.application(org, worker=worker)
    user, access = signed_up(assessment)
    return assessment, access.person, user, worker


def test_a_section_saved_part_done_keeps_what_was_given(applicant):
    assessment, person, user, _ = applicant
    section = services.section_save(
        assessment=assessment, person=person, code="gp", answers={"practice": "Riverside Surgery"}, by=user
    )
    section.refresh_from_db()
    assert section.status == SectionStatus.DRAFT
    assert section.answers == {"practice": "Riverside Surgery"}
    assert section.submitted_at is None and section.submitted_answers == {}
    assert AuditEvent.objects.filter(verb="application_section_saved", actor=user).exists()


def test_sending_an_incomplete_section_is_refused_with_a_clear_message(applicant):
    assessment, person, user, _ = applicant
    with pytest.raises(ValidationError) as refused:
        services.section_submit(
            assessment=assessment, person=person, code="gp", answers={"practice": "Riverside"}, by=user
        )
    assert "Enter practice address" in refused.value.messages
    assert "Enter practice phone number" in refused.value.messages
    assert not ApplicationSection.objects.filter(status=SectionStatus.SUBMITTED).exists()
    with pytest.raises(ValidationError) as few:
        services.section_submit(
            assessment=assessment, person=person, code="referees", answers={"rows": []}, by=user
        )
    assert "Give at least 3 referees" in few.value.messages


def test_a_staff_member_cannot_fill_in_an_applicants_section(applicant):
    assessment, person, _, worker = applicant
    with pytest.raises(NotAllowed):
        services.section_save(assessment=assessment, person=person, code="gp", answers={}, by=worker)


def test_gaps_of_more_than_a_month_in_five_years_are_found_from_the_dated_rows():
    rows = [
        {"lived_from": "2020-01", "lived_to": "2023-02"},
        # March 2023 is a gap of one month: not flagged; April to August 2024 is
        {"lived_from": "2023-04", "lived_to": "2024-03"},
        {"lived_from": "2024-09"},
    ]
    assert gaps(rows, TODAY) == ["No address from April 2024 to August 2024"]
    assert history_errors(rows, TODAY) == []
    # starting later than five years back (June 2021) leaves a gap at the start and is not enough to send
    late = [{"lived_from": "2022-01"}]
    assert gaps(late, TODAY) == ["No address from June 2021 to December 2021"]
    assert history_errors(late, TODAY) == ["Give your addresses back to June 2021 (5 years)"]
    # a history that stops before now asks for the address lived at now
    moved_out = [{"lived_from": "2019-01", "lived_to": "2025-12"}]
    assert gaps(moved_out, TODAY) == ["No address from January 2026 to June 2026"]
    assert "Give the address you live at now" in history_errors(moved_out, TODAY)[0]


def test_an_address_history_short_of_five_years_is_not_sent(applicant):
    assessment, person, user, _ = applicant
    row = {"line_1": "1 High Street", "town": "Leeds", "postcode": "LS1 1AA", "lived_from": months_ago(24)}
    with pytest.raises(ValidationError) as refused:
        services.section_submit(
            assessment=assessment, person=person, code="addresses", answers={"rows": [row]}, by=user
        )
    assert any("(5 years)" in message for message in refused.value.messages)
    older = {**row, "line_1": "2 Low Road", "lived_from": months_ago(70), "lived_to": months_ago(30)}
    sent = services.section_submit(
        assessment=assessment, person=person, code="addresses", answers={"rows": [older, row]}, by=user
    )
    assert sent.status == SectionStatus.SUBMITTED and sent.submitted_at is not None
    assert len(gaps(sent.submitted_answers["rows"], clock.today())) == 1


def test_a_change_asked_for_is_made_and_sent_again_then_accepted(applicant):
    assessment, person, user, worker = applicant
    answers = {"practice": "Riverside", "address": "1 River Lane", "phone": "0113 000 0000"}
    sent = services.section_submit(assessment=assessment, person=person, code="gp", answers=answers, by=user)
    with pytest.raises(ValidationError):
        services.section_save(assessment=assessment, person=person, code="gp", answers=answers, by=user)
    with pytest.raises(ValidationError):
        services.change_request(section=sent, note="  ", by=worker)
    asked = services.change_request(section=sent, note="Give the doctor's name", by=worker)
    assert asked.status == SectionStatus.CHANGE_REQUESTED and asked.change_note == "Give the doctor's name"
    assert asked.reviewed_by == worker
    again = services.section_submit(
        assessment=assessment, person=person, code="gp", answers={**answers, "doctor": "Dr Shah"}, by=user
    )
    assert again.status == SectionStatus.SUBMITTED and again.submitted_answers["doctor"] == "Dr Shah"
    accepted = services.section_accept(section=again, by=worker)
    assert accepted.status == SectionStatus.ACCEPTED
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {"application_section_change_requested", "application_section_accepted"} <= verbs


def test_an_upload_that_is_not_what_it_says_is_refused_and_nothing_is_saved(applicant, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    assessment, person, user, _ = applicant
    fake = SimpleUploadedFile(
        "passport.pdf", b"this is plain text, not a PDF", content_type="application/pdf"
    )
    with pytest.raises(ValidationError) as refused:
        applicant_document_upload(assessment=assessment, person=person, kind="identity", upload=fake, by=user)
    assert refused.value.message_dict["file"] == ["The selected file must be a PDF, JPG, PNG, DOCX or ODT"]
    assert not Document.objects.exists()
    assert not any(tmp_path.rglob("*.*"))
    real = SimpleUploadedFile("passport.pdf", b"%PDF-1.4\n%%EOF\n")
    kept = applicant_document_upload(
        assessment=assessment, person=person, kind="identity", upload=real, by=user
    )
    assert kept.record_kind == "assessment" and kept.record_id == assessment.pk
    assert kept.title == f"Proof of identity: {person.full_name}"
