"""Documents and letters in a real browser, clicking as a person would: a supervising social worker uploads
a DBS certificate with its expiry to a household (a renamed executable is refused first) and downloads it;
the agency decision maker drafts an approval letter on the panel item, edits it and issues it as a PDF.
Every page and error state passes axe at 1280 px and at 375 px, and none scrolls sideways on a phone."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.audit.models import AuditEvent
from fostering.documents.models import Document, Letter
from tests import builders

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + b"\x00" * 48
    + b"PE\x00\x00"
    + b"\x00" * 200
)


def fill_date(page, group: str, on: date) -> None:
    fieldset = page.get_by_role("group", name=group)
    fieldset.get_by_label("Day").fill(str(on.day))
    fieldset.get_by_label("Month").fill(str(on.month))
    fieldset.get_by_label("Year").fill(str(on.year))


@pytest.fixture
def check(page, axe):
    failures: dict[str, object] = {}

    def run(name: str) -> None:
        for width in (1280, 375):
            page.set_viewport_size({"width": width, "height": 900})
            if violations := axe(page):
                failures[f"{name} at {width}px"] = violations
            wide = page.evaluate("() => document.documentElement.scrollWidth")
            if wide > width:
                failures[f"{name} at {width}px is {wide}px wide"] = wide
        page.set_viewport_size({"width": 1280, "height": 900})

    run.failures = failures  # type: ignore[attr-defined]
    return run


def test_a_dbs_certificate_is_uploaded_to_a_household_and_downloaded(page, sign_in, check, tmp_path: Path):
    council = builders.organisation()
    ssw = builders.staff(council, Role.SUPERVISING_SOCIAL_WORKER, first_name="Martyn", last_name="Barnes")
    fh = builders.approved_household(council, name="Okafor household", ssw=ssw)
    sign_in(page, ssw)
    page.goto(reverse("households:detail", args=[fh.pk]))
    page.get_by_role("link", name="Upload a document").click()
    check("upload")
    # a program renamed as a PDF is refused beside the field, and nothing is kept
    page.get_by_label("DBS certificate").check()
    page.get_by_label("Title (optional)").fill("Enhanced DBS: Ada Okafor")
    fill_date(page, "Date received", date(2026, 3, 2))
    fill_date(page, "Expiry date (optional)", date(2029, 3, 2))
    page.get_by_label("Upload a file").set_input_files(
        {"name": "certificate.pdf", "mimeType": "application/pdf", "buffer": EXE}
    )
    page.get_by_role("button", name="Upload the document").click()
    message = "The selected file must be a PDF, JPG, PNG, DOCX or ODT"
    assert message in page.locator(".govuk-error-summary").inner_text()
    assert message in page.locator(".govuk-error-message").first.inner_text()
    assert Document.objects.count() == 0
    check("upload (with errors)")
    # the real certificate: the file input is emptied by the browser after a refusal, the rest is kept
    page.get_by_label("Upload a file").set_input_files(
        {"name": "dbs-ada.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Upload the document").click()
    assert "DBS certificate uploaded" in page.locator(".govuk-notification-banner").inner_text()
    documents = page.locator("section.fostering-documents")
    assert "Enhanced DBS: Ada Okafor" in documents.inner_text()
    assert "2 March 2029" in documents.inner_text()
    check("household with the document")
    with page.expect_download() as download_info:
        documents.get_by_role("link", name="Enhanced DBS: Ada Okafor").click()
    download = download_info.value
    assert download.suggested_filename == "dbs-ada.pdf"
    assert Path(download.path()).read_bytes() == PDF
    document = Document.objects.get()
    assert (document.kind, document.expires_on) == ("dbs", date(2029, 3, 2))
    assert (
        AuditEvent.objects.filter(verb="document_downloaded", record_id=str(document.pk), actor=ssw).count()
        == 1
    )
    assert check.failures == {}  # type: ignore[attr-defined]


def test_the_agency_decision_maker_drafts_edits_and_issues_an_approval_letter(page, sign_in, check):
    council = builders.organisation()
    adm = builders.staff(council, Role.AGENCY_DECISION_MAKER, first_name="Dana", last_name="Decider")
    fh = builders.approved_household(council, name="Okafor household")
    item = builders.panel_item(
        council,
        kind="terms_change",
        subject=fh,
        members=builders.panel_members(council),
        meets_on=date(2026, 3, 4),
    )
    sign_in(page, adm)
    page.goto(reverse("panel:item_detail", args=[item.pk]))
    page.get_by_role("link", name="Write a letter").click()
    check("write a letter")
    page.get_by_label("Agency decision maker's approval").check()
    page.get_by_role("button", name="Write the letter").click()
    text = page.get_by_label("Text of the letter")
    assert "The fostering panel met on 4 March 2026" in text.input_value()
    check("draft letter")
    text.fill(
        text.input_value().replace("Yours sincerely", "Congratulations to you both.\n\nYours sincerely")
    )
    page.get_by_role("button", name="Save the draft").click()
    assert "Congratulations to you both." in page.locator("main").inner_text()
    check("issue the letter")
    page.get_by_role("button", name="Issue the letter").click()
    assert "Letter issued and kept on the record" in page.locator(".govuk-notification-banner").inner_text()
    documents = page.locator("section.fostering-documents")
    assert "Your approval as foster carers" in documents.inner_text()
    with page.expect_download() as download_info:
        documents.get_by_role("link", name="Your approval as foster carers").click()
    data = Path(download_info.value.path()).read_bytes()
    assert data.startswith(b"%PDF")
    letter = Letter.objects.get()
    assert letter.status == "issued" and "Congratulations to you both." in letter.body
    check("panel item with the letter")
    # the issued letter is locked: its page offers only the PDF
    page.goto(reverse("documents:letter_edit", args=[letter.pk]))
    assert "can no longer be changed" in page.locator("main").inner_text()
    check("issued letter")
    assert check.failures == {}  # type: ignore[attr-defined]
