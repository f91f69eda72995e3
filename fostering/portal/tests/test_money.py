"""The carer's money pages: statements (page and PDF), the tax year, a question about a line and its answer,
expense claims refused with a clear message and nothing saved, and the social worker's decision page."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from fostering.accounts.roles import Role
from fostering.payments.choices import ClaimStatus
from fostering.payments.expenses import mileage_rate_set
from fostering.payments.models import ExpenseClaim, PaymentQuery
from fostering.payments.services import query_answer
from fostering.payments.tests.factories import committed_statement
from tests import builders

from .factories import portal_client, signed_up

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 40


@pytest.fixture
def carer(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    org = builders.organisation()
    ssw = builders.staff(org, Role.SUPERVISING_SOCIAL_WORKER)
    household = builders.approved_household(org, name="Okafor household", ssw=ssw)
    user, _ = signed_up(household)
    mileage_rate_set(organisation=org, valid_from=date(2024, 4, 1), per_mile=Decimal("0.45"), by=None)
    statement, line = committed_statement(household)
    return portal_client(user), household, statement, line, ssw


def test_the_carer_reads_their_statement_downloads_it_and_sees_the_tax_year(carer):
    client, household, statement, line, _ = carer
    listed = client.get(reverse("portal:money_statements")).content.decode()
    assert reverse("portal:money_statement", args=[statement.pk]) in listed
    page = client.get(reverse("portal:money_statement", args=[statement.pk])).content.decode()
    assert escape(line.description) in page and "£70.00" in page
    pdf = client.get(reverse("portal:money_statement_pdf", args=[statement.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    year = client.get(reverse("portal:money_tax_year"), {"year": 2025}).content.decode()
    assert escape("Carer's fee") in year
    assert reverse("portal:money_statement", args=[statement.pk]) in year
    home = client.get(reverse("portal:home")).content.decode()
    assert "January 2026, £70.00" in home


def test_a_question_about_a_line_is_sent_and_its_answer_shown(carer):
    client, household, statement, line, _ = carer
    url = reverse("portal:money_line_query", args=[line.pk])
    assert client.post(url, {"question": ""}).status_code == 200
    assert not PaymentQuery.objects.exists()
    response = client.post(url, {"question": "Why only two days?"})
    assert response["Location"] == reverse("portal:money_statement", args=[statement.pk])
    query = PaymentQuery.objects.get()
    assert query.line == line
    query_answer(query=query, answer="The placement began on the 1st.", by=None)  # type: ignore[arg-type]
    page = client.get(reverse("portal:money_statement", args=[statement.pk])).content.decode()
    assert "Why only two days?" in page and "The placement began on the 1st." in page
    assert "The placement began on the 1st." in client.get(reverse("portal:money_queries")).content.decode()


def _claim(client: Client, **values):
    data = {
        "kind": "other",
        "spent_on_0": "2",
        "spent_on_1": "3",
        "spent_on_2": "2025",
        "description": "School shoes",
        "amount": "30.00",
        "receipt": SimpleUploadedFile("receipt.pdf", PDF, content_type="application/pdf"),
    } | values
    return client.post(reverse("portal:money_claim_add"), data)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"amount": "-4.00"}, "Enter an amount more than £0.00"),
        ({"spent_on_2": "2099"}, "The date of the expense must be today or in the past"),
        (
            {"receipt": SimpleUploadedFile("receipt.pdf", EXE, content_type="application/pdf")},
            "The selected file must be a PDF, JPG, PNG, DOCX or ODT",
        ),
    ],
)
def test_a_bad_claim_gets_a_clear_message_and_nothing_is_saved(carer, tmp_path, values, message):
    client = carer[0]
    response = _claim(client, **values)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ExpenseClaim.objects.exists()
    assert not list(tmp_path.rglob("*.*"))


def test_a_claim_is_sent_decided_by_the_social_worker_and_its_status_shown(carer):
    client, household, _, _, ssw = carer
    assert _claim(client)["Location"] == reverse("portal:money_claims")
    mileage = _claim(client, kind="mileage", miles="20", amount="", receipt="", description="Contact visit")
    assert mileage.status_code == 302
    claim = ExpenseClaim.objects.get(description="School shoes")
    assert ExpenseClaim.objects.get(description="Contact visit").amount == Decimal("9.00")
    staff = Client()
    staff.force_login(ssw)
    assert "School shoes" in staff.get(reverse("payments:claims")).content.decode()
    receipt = staff.get(reverse("payments:claim_receipt", args=[claim.pk]))
    assert b"".join(receipt.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]
    url = reverse("payments:claim_decide", args=[claim.pk])
    refused = staff.post(url, {"decision": "refuse", "reason": ""})
    assert "Enter why the claim is refused" in refused.content.decode()
    assert staff.post(url, {"decision": "approve", "reason": ""}).status_code == 302
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED and claim.decided_by == ssw
    page = client.get(reverse("portal:money_claims")).content.decode()
    assert "Approved, to be paid" in page and "Waiting for a decision" in page
