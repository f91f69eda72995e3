"""Documents on records: the content decides the type, refusals save nothing, downloads are scoped and
audited, and expiring documents reach the worker's My work."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.audit.models import AuditEvent
from fostering.deadlines.items import work_items_for
from fostering.documents.deadlines import expiring_documents_work
from fostering.documents.models import Document
from tests import builders

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + b"\x00" * 48
    + b"PE\x00\x00"
    + b"\x00" * 200
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40


@pytest.fixture(autouse=True)
def fresh_storage(settings):
    """A new empty in-memory storage for each test, so "nothing was stored" can be checked."""
    settings.STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def council():
    org = builders.organisation("Own Council", "801")
    ssw = builders.staff(org, Role.SUPERVISING_SOCIAL_WORKER)
    fh = builders.approved_household(org, name="Okafor household", ssw=ssw)
    return org, ssw, fh


def post_upload(client: Client, fh, content: bytes, name: str = "dbs.pdf", **extra: str):
    data = {
        "kind": "dbs",
        "title": "DBS certificate for Ada",
        "received_on_0": "2",
        "received_on_1": "3",
        "received_on_2": "2026",
        "expires_on_0": extra.get("day", "2"),
        "expires_on_1": "3",
        "expires_on_2": "2029",
        "file": SimpleUploadedFile(name, content, content_type="application/pdf"),
    }
    return client.post(reverse("documents:upload_household", args=[fh.pk]), data)


def listed(org_id: int) -> list[str]:
    try:
        return default_storage.listdir(f"documents/{org_id}")[1]
    except FileNotFoundError:
        return []


def test_a_pdf_is_kept_with_its_kind_dates_and_type_read_from_its_content(council):
    org, ssw, fh = council
    client = Client()
    client.force_login(ssw)
    response = post_upload(client, fh, PDF, name="scan")  # no extension: the content says PDF
    assert response.status_code == 302 and response["Location"] == reverse("households:detail", args=[fh.pk])
    document = Document.objects.get()
    assert (document.organisation_id, document.record_kind, document.record_id) == (
        org.pk,
        "household",
        fh.pk,
    )
    assert (document.kind, document.received_on, document.expires_on) == (
        "dbs",
        date(2026, 3, 2),
        date(2029, 3, 2),
    )
    assert (document.media_type, document.size, document.original_name) == (
        "application/pdf",
        len(PDF),
        "scan",
    )
    assert document.file.name.endswith(".pdf")
    assert default_storage.open(document.file.name).read() == PDF
    event = AuditEvent.objects.get(verb="document_added")
    assert event.actor_id == ssw.pk and event.changes["kind"] == [None, "dbs"]
    page = client.get(reverse("households:detail", args=[fh.pk])).content.decode()
    assert "DBS certificate for Ada" in page and "2 March 2029" in page


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (EXE, "certificate.pdf", "The selected file must be a PDF, JPG, PNG, DOCX or ODT"),
        (
            b"just some text, not a document",
            "notes.pdf",
            "The selected file must be a PDF, JPG, PNG, DOCX or ODT",
        ),
        (b"", "empty.pdf", "The selected file is empty"),
    ],
    ids=["renamed-executable", "text-as-pdf", "empty"],
)
def test_a_refused_file_says_why_and_nothing_is_saved(council, content, name, message):
    org, ssw, fh = council
    client = Client()
    client.force_login(ssw)
    response = post_upload(client, fh, content, name=name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Document.objects.count() == 0
    assert listed(org.pk) == []
    assert not AuditEvent.objects.filter(verb="document_added").exists()


@override_settings(FOSTERING_DOCUMENT_MAX_BYTES=1024 * 1024)
def test_an_oversized_file_is_refused_with_the_limit(council):
    org, ssw, fh = council
    client = Client()
    client.force_login(ssw)
    response = post_upload(client, fh, PDF + b"0" * (1024 * 1024))
    assert "The selected file must be smaller than 1MB" in response.content.decode()
    assert Document.objects.count() == 0 and listed(org.pk) == []


def test_a_png_is_accepted_and_an_upload_without_a_file_is_refused(council):
    _, ssw, fh = council
    client = Client()
    client.force_login(ssw)
    assert post_upload(client, fh, PNG, name="photo.pdf").status_code == 302
    assert Document.objects.get().media_type == "image/png"
    assert Document.objects.get().file.name.endswith(".png")
    response = client.post(
        reverse("documents:upload_household", args=[fh.pk]),
        {"kind": "dbs", "received_on_0": "2", "received_on_1": "3", "received_on_2": "2026"},
    )
    assert "Select a file" in response.content.decode()
    assert Document.objects.count() == 1


def test_an_expiry_before_the_date_received_is_refused(council):
    _, ssw, fh = council
    client = Client()
    client.force_login(ssw)
    data = {
        "kind": "dbs",
        "received_on_0": "2",
        "received_on_1": "3",
        "received_on_2": "2026",
        "expires_on_0": "1",
        "expires_on_1": "3",
        "expires_on_2": "2026",
        "file": SimpleUploadedFile("dbs.pdf", PDF),
    }
    response = client.post(reverse("documents:upload_household", args=[fh.pk]), data)
    assert "The expiry date must be the same as or after the date received" in response.content.decode()
    assert Document.objects.count() == 0


def test_a_download_is_audited_and_out_of_reach_is_404(council):
    org, ssw, fh = council
    client = Client()
    client.force_login(ssw)
    post_upload(client, fh, PDF)
    document = Document.objects.get()
    response = client.get(reverse("documents:download", args=[document.pk]))
    assert response.status_code == 200
    content = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert content == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="dbs.pdf"'
    event = AuditEvent.objects.get(verb="document_downloaded")
    assert (event.actor_id, event.record_id, event.organisation_id) == (ssw.pk, str(document.pk), org.pk)
    # another supervising social worker of the same council (not their household), another council's
    # manager, and a role that does not see households: 404, and no download event
    other_ssw = builders.staff(org, Role.SUPERVISING_SOCIAL_WORKER)
    other_org = builders.organisation("Other Council", "802")
    for user in (
        other_ssw,
        builders.staff(other_org, Role.SERVICE_MANAGER),
        builders.staff(org, Role.PANEL_MEMBER),
    ):
        outsider = Client()
        outsider.force_login(user)
        assert outsider.get(reverse("documents:download", args=[document.pk])).status_code == 404
    assert AuditEvent.objects.filter(verb="document_downloaded").count() == 1


def test_a_document_whose_council_is_not_its_records_is_never_opened(council):
    org, ssw, fh = council
    other_org = builders.organisation("Other Council", "802")
    stray = Document.objects.create(
        organisation=other_org,
        record_kind="household",
        record_id=fh.pk,
        kind="dbs",
        title="Stray",
        received_on=date(2026, 1, 1),
        file="documents/x.pdf",
        original_name="x.pdf",
        media_type="application/pdf",
        size=3,
    )
    client = Client()
    client.force_login(ssw)
    assert client.get(reverse("documents:download", args=[stray.pk])).status_code == 404


def test_a_document_expiring_within_30_days_is_on_the_workers_my_work(council):
    org, ssw, fh = council
    client = Client()
    client.force_login(ssw)
    post_upload(client, fh, PDF)  # expires 2 March 2029
    assert list(expiring_documents_work(ssw, date(2029, 1, 20))) == []
    items = list(expiring_documents_work(ssw, date(2029, 2, 10)))
    assert [(i.title, i.subject, i.deadline.due) for i in items] == [
        ("DBS certificate expires", "Okafor household", date(2029, 3, 2))
    ]
    assert items[0].url == reverse("households:detail", args=[fh.pk])
    assert any(i.title == "DBS certificate expires" for i in work_items_for(ssw, date(2029, 2, 10)))
    other_ssw = builders.staff(org, Role.SUPERVISING_SOCIAL_WORKER)
    assert list(expiring_documents_work(other_ssw, date(2029, 2, 10))) == []
    # a newer certificate replaces it
    data_day = "5"
    post_upload(client, fh, PDF, name="new.pdf", day=data_day)
    Document.objects.filter(original_name="new.pdf").update(expires_on=date(2032, 3, 5))
    assert list(expiring_documents_work(ssw, date(2029, 2, 10))) == []


def test_stored_bytes_of_a_docx_are_detected(council):
    import zipfile

    _, ssw, fh = council
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    client = Client()
    client.force_login(ssw)
    assert post_upload(client, fh, buffer.getvalue(), name="reference.docx").status_code == 302
    assert Document.objects.get().file.name.endswith(".docx")
