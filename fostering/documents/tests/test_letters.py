"""Letters: drafted from the council's template, edited, then issued as a PDF kept on the record and locked."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from fostering.accounts.roles import Role
from fostering.audit.models import AuditEvent
from fostering.documents.letters import templates_ensure
from fostering.documents.models import Document, Letter, LetterTemplate
from tests import builders

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_storage(settings):
    settings.STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def item():
    org = builders.organisation("Wrexfordshire County Council", "801")
    fh = builders.approved_household(org, name="Okafor household")
    members = builders.panel_members(org)
    return builders.panel_item(
        org, kind="terms_change", subject=fh, members=members, meets_on=date(2026, 3, 4)
    )


def pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_draft_edit_and_issue_an_approval_letter(item):
    manager = builders.staff(item.organisation, Role.SERVICE_MANAGER)
    client = Client()
    client.force_login(manager)
    response = client.post(reverse("documents:letter_item", args=[item.pk]), {"kind": "adm_approval"})
    letter = Letter.objects.get()
    assert response["Location"] == reverse("documents:letter_edit", args=[letter.pk])
    assert letter.subject == "Your approval as foster carers"
    assert "The fostering panel met on 4 March 2026" in letter.body
    assert "Your terms of approval are: up to 2 children aged 0 to 10." in letter.body
    assert "Wrexfordshire County Council" in letter.body
    # the draft shows on the panel item's page; nothing is kept as a document yet
    assert (
        "Your approval as foster carers"
        in client.get(reverse("panel:item_detail", args=[item.pk])).content.decode()
    )
    assert Document.objects.count() == 0

    body = letter.body.replace(
        "Your supervising social worker", "Martyn Barnes, your supervising social worker,"
    )
    response = client.post(
        reverse("documents:letter_edit", args=[letter.pk]), {"subject": "Your approval", "body": body}
    )
    assert response["Location"] == reverse("documents:letter_issue", args=[letter.pk])
    assert "Martyn Barnes" in client.get(response["Location"]).content.decode()

    response = client.post(reverse("documents:letter_issue", args=[letter.pk]))
    assert response["Location"] == reverse("panel:item_detail", args=[item.pk])
    letter.refresh_from_db()
    assert letter.status == "issued" and letter.issued_on is not None
    document = letter.document
    assert document is not None
    assert (document.kind, document.record_kind, document.record_id) == ("letter", "item", item.pk)
    data = default_storage.open(document.file.name).read()
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    assert "Your approval" in text and "Martyn Barnes" in text and "Okafor household" in text
    assert "up to 2 children aged 0 to 10" in text
    assert AuditEvent.objects.filter(verb="letter_issued", record_id=str(letter.pk)).count() == 1

    # issued is locked: no change, no second PDF
    client.post(reverse("documents:letter_edit", args=[letter.pk]), {"subject": "Changed", "body": "Changed"})
    client.post(reverse("documents:letter_issue", args=[letter.pk]))
    letter.refresh_from_db()
    assert letter.subject == "Your approval" and Document.objects.count() == 1


def test_a_qualifying_determination_gives_the_28_day_window_and_the_irm(item, settings):
    manager = builders.staff(item.organisation, Role.AGENCY_DECISION_MAKER)
    client = Client()
    client.force_login(manager)
    client.post(reverse("documents:letter_item", args=[item.pk]), {"kind": "qualifying_determination"})
    letter = Letter.objects.get()
    assert "28 days" in letter.body and "Independent Review Mechanism (IRM)" in letter.body
    assert "{{" not in letter.body


def test_an_enquiry_acknowledgement_gives_the_reference():
    from fostering.recruitment.tests import factories

    org = builders.organisation("Wrexfordshire County Council", "801")
    enquiry = factories.visited_enquiry(org, last_name="Nwosu")
    coordinator = builders.staff(org, Role.RECRUITMENT_COORDINATOR)
    client = Client()
    client.force_login(coordinator)
    client.post(reverse("documents:letter_enquiry", args=[enquiry.pk]), {"kind": "enquiry_acknowledgement"})
    assert f"Your reference is ENQ-{enquiry.pk}." in Letter.objects.get().body


def test_a_manager_edits_the_councils_template_and_new_drafts_use_it(item):
    manager = builders.staff(item.organisation, Role.SERVICE_MANAGER)
    client = Client()
    client.force_login(manager)
    assert client.get(reverse("documents:template_list")).status_code == 200
    template = LetterTemplate.objects.get(organisation=item.organisation, kind="adm_approval")
    assert (
        "{{ terms }}" in client.get(reverse("documents:template_edit", args=[template.pk])).content.decode()
    )
    response = client.post(
        reverse("documents:template_edit", args=[template.pk]),
        {"subject": "Approval", "body": "Dear {{ name }}, approved by {{ council }}. {{ unknown }}"},
    )
    assert response.status_code == 302
    client.post(reverse("documents:letter_item", args=[item.pk]), {"kind": "adm_approval"})
    assert (
        Letter.objects.get().body
        == "Dear Okafor household, approved by Wrexfordshire County Council. {{ unknown }}"
    )
    # another council's manager and a social worker cannot open the template
    other = builders.staff(builders.organisation("Other Council", "802"), Role.SERVICE_MANAGER)
    worker = builders.staff(item.organisation, Role.SUPERVISING_SOCIAL_WORKER)
    for user, status in ((other, 404), (worker, 404)):
        outsider = Client()
        outsider.force_login(user)
        assert outsider.get(reverse("documents:template_edit", args=[template.pk])).status_code == status


def test_templates_are_seeded_once_per_council(item):
    first = templates_ensure(organisation_id=item.organisation_id)
    again = templates_ensure(organisation_id=item.organisation_id)
    assert len(first) == 5 and {t.pk for t in first.values()} == {t.pk for t in again.values()}
