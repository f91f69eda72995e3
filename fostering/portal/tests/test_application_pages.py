"""The applicant's application form pages and the assessing social worker's pages that read what was sent."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.assessments.choices import SectionStatus
from fostering.assessments.models import ApplicationSection
from fostering.assessments.tests import factories
from fostering.core import clock
from fostering.documents.models import Document
from fostering.portal.tests.factories import portal_client, signed_up
from tests import builders

pytestmark = pytest.mark.django_db


def month(n_ago: int) -> tuple[str, str]:
    today = clock.today()
    index = today.year * 12 + today.month - 1 - n_ago
    return str(index % 12 + 1), str(index // 12)


@pytest.fixture
def setup():
    org = builders.organisation()
    worker = builders.staff(org, Role.ASSESSING_SOCIAL_WORKER)
    assessment = factories.application(org, worker=worker)
    user, access = signed_up(assessment)
    staff = Client()
    staff.force_login(worker)
    return assessment, access, portal_client(user), staff


GP = {"practice": "Riverside Surgery", "address": "1 River Lane", "phone": "0113 000 0000"}


def test_the_task_list_shows_each_section_and_the_home_counts_what_was_sent(setup):
    assessment, access, client, _ = setup
    page = client.get(reverse("portal:application")).content.decode()
    assert "govuk-task-list" in page and "Address history" in page and "Consent to checks" in page
    assert page.count("Not started") == 10
    client.post(reverse("portal:application_section", args=["gp"]), {**GP, "action": "submit"})
    home = client.get(reverse("portal:home")).content.decode()
    assert "You have sent 1 of 10 sections" in home
    assert "Your application" in home  # the menu item


def test_a_draft_is_kept_and_an_incomplete_section_is_not_sent(setup):
    assessment, access, client, _ = setup
    url = reverse("portal:application_section", args=["gp"])
    saved = client.post(url, {"practice": "Riverside Surgery", "action": "save"})
    assert saved.status_code == 302
    section = ApplicationSection.objects.get(person=access.person, code="gp")
    assert section.status == SectionStatus.DRAFT and section.answers == {"practice": "Riverside Surgery"}
    assert 'value="Riverside Surgery"' in client.get(url).content.decode()
    refused = client.post(url, {"practice": "Riverside Surgery", "action": "submit"})
    assert refused.status_code == 200
    body = refused.content.decode()
    assert "There is a problem" in body and "Enter practice address" in body
    section.refresh_from_db()
    assert section.status == SectionStatus.DRAFT


def test_addresses_are_added_one_after_another_and_gaps_are_flagged(setup):
    assessment, access, client, _ = setup
    url = reverse("portal:application_section", args=["addresses"])
    start_m, start_y = month(70)
    end_m, end_y = month(40)
    first = {
        "slots": "1",
        "row0-line_1": "2 Low Road",
        "row0-town": "York",
        "row0-postcode": "YO1 1AA",
        "row0-lived_from_0": start_m,
        "row0-lived_from_1": start_y,
        "row0-lived_to_0": end_m,
        "row0-lived_to_1": end_y,
        "action": "add",
    }
    assert client.post(url, first)["Location"] == url
    page = client.get(url).content.decode()
    assert "Address 2" in page and "data-gaps" in page  # nothing since the first address ended
    now_m, now_y = month(30)
    second = {
        **first,
        "slots": "2",
        "row1-line_1": "1 High Street",
        "row1-town": "Leeds",
        "row1-postcode": "LS1 1AA",
        "row1-lived_from_0": now_m,
        "row1-lived_from_1": now_y,
        "action": "submit",
    }
    assert client.post(url, second).status_code == 302
    section = ApplicationSection.objects.get(person=access.person, code="addresses")
    assert section.status == SectionStatus.SUBMITTED and len(section.submitted_answers["rows"]) == 2


def test_the_worker_reads_the_section_asks_for_a_change_and_the_applicant_sees_the_note(setup):
    assessment, access, client, staff = setup
    assert (
        "What the applicants sent"
        in staff.get(reverse("assessments:detail", args=[assessment.pk])).content.decode()
    )
    client.post(reverse("portal:application_section", args=["gp"]), {**GP, "action": "submit"})
    section = ApplicationSection.objects.get(person=access.person, code="gp")
    listing = staff.get(reverse("assessments:application", args=[assessment.pk])).content.decode()
    assert reverse("assessments:application_section", args=[section.pk]) in listing and "Sent" in listing
    read = staff.get(reverse("assessments:application_section", args=[section.pk])).content.decode()
    assert "govuk-summary-list" in read and "Riverside Surgery" in read and "Ask for a change" in read
    asked = staff.post(
        reverse("assessments:application_change", args=[section.pk]), {"note": "Add the doctor"}
    )
    assert asked.status_code == 302
    page = client.get(reverse("portal:application_section", args=["gp"])).content.decode()
    assert "Add the doctor" in page and "Send this section" in page
    client.post(
        reverse("portal:application_section", args=["gp"]), {**GP, "doctor": "Dr Shah", "action": "submit"}
    )
    accepted = staff.post(reverse("assessments:application_section", args=[section.pk]))
    assert accepted.status_code == 302
    section.refresh_from_db()
    assert section.status == SectionStatus.ACCEPTED and section.submitted_answers["doctor"] == "Dr Shah"


def test_a_draft_is_not_shown_to_staff(setup):
    assessment, access, client, staff = setup
    client.post(
        reverse("portal:application_section", args=["gp"]), {"practice": "Riverside", "action": "save"}
    )
    section = ApplicationSection.objects.get(person=access.person, code="gp")
    assert staff.get(reverse("assessments:application_section", args=[section.pk])).status_code == 404


def test_an_upload_that_is_not_what_it_says_is_refused_and_nothing_saved(setup, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    assessment, access, client, _ = setup
    url = reverse("portal:application_documents")
    fake = SimpleUploadedFile("licence.pdf", b"just some words", content_type="application/pdf")
    refused = client.post(url, {"kind": "driving_licence", "file": fake})
    assert refused.status_code == 200
    assert "The selected file must be a PDF, JPG, PNG, DOCX or ODT" in refused.content.decode()
    assert not Document.objects.exists()
    real = SimpleUploadedFile("licence.pdf", b"%PDF-1.4\n%%EOF\n")
    assert client.post(url, {"kind": "driving_licence", "file": real}).status_code == 302
    assert "licence.pdf" in client.get(url).content.decode()
    assert Document.objects.get().kind == "driving_licence"
