"""Pages: upload a document to a record, download it (audited), write, edit and issue a letter, and a
council's letter templates. Every record is found through its own app's selector (404 out of reach)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from fostering.accounts.permissions import Perm, has_perm, organisations_with
from fostering.core.views import StaffRequest, submit
from fostering.documents import letters

from . import services
from .choices import LETTERS_FOR, LetterStatus
from .forms import DocumentUploadForm, LetterStartForm, LetterTextForm, TemplateTextForm
from .records import RECORDS, record_for_user, record_name
from .selectors import document_get_for_user, letter_get_for_user, template_get_for_user, templates_for_user


def _detail_url(kind: str, pk: int) -> str:
    return reverse(RECORDS[kind].detail, args=[pk])


def upload(request: StaffRequest, pk: int, kind: str) -> HttpResponse:
    record = record_for_user(user=request.user, kind=kind, pk=pk)
    if not has_perm(request.user, Perm.ADD_DOCUMENT, record.organisation_id):
        raise PermissionDenied
    back = _detail_url(kind, pk)
    form = DocumentUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        done = submit(
            form,
            lambda data: services.document_upload(
                record=record,
                record_kind=kind,
                kind=data["kind"],
                title=data["title"],
                received_on=data["received_on"],
                expires_on=data["expires_on"],
                upload=data["file"],
                by=request.user,
            ),
        )
        if done is not None:
            messages.success(request, f"{done.get_kind_display()} uploaded")
            return redirect(back)
    return render(
        request,
        "documents/upload.html",
        {
            "form": form,
            "back_url": back,
            "caption": record_name(kind, record),
            "heading": "Upload a document",
        },
    )


def download(request: StaffRequest, pk: int) -> FileResponse:
    document, _ = document_get_for_user(user=request.user, pk=pk)
    services.document_downloaded(document=document, by=request.user)
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.media_type,
    )


def letter_start(request: StaffRequest, pk: int, kind: str) -> HttpResponse:
    record = record_for_user(user=request.user, kind=kind, pk=pk)
    if not has_perm(request.user, Perm.WRITE_LETTER, record.organisation_id):
        raise PermissionDenied
    back = _detail_url(kind, pk)
    form = LetterStartForm(request.POST or None, kinds=LETTERS_FOR[kind])
    if request.method == "POST":
        letter = submit(
            form,
            lambda data: services.letter_draft(
                record=record, record_kind=kind, kind=data["kind"], by=request.user
            ),
        )
        if letter is not None:
            return redirect("documents:letter_edit", letter.pk)
    return render(
        request,
        "form_page.html",
        {"form": form, "heading": "Write a letter", "back_url": back, "caption": record_name(kind, record)},
    )


def letter_edit(request: StaffRequest, pk: int) -> HttpResponse:
    letter, record = letter_get_for_user(user=request.user, pk=pk)
    if not has_perm(request.user, Perm.WRITE_LETTER, letter.organisation_id):
        raise PermissionDenied
    back = _detail_url(letter.record_kind, letter.record_id)
    if letter.status != LetterStatus.DRAFT:
        return render(request, "documents/letter_issued.html", {"letter": letter, "back_url": back})
    form = LetterTextForm(request.POST or None, initial={"subject": letter.subject, "body": letter.body})
    if request.method == "POST":
        saved = submit(
            form,
            lambda data: services.letter_edit(
                letter=letter, subject=data["subject"], body=data["body"], by=request.user
            ),
        )
        if saved is not None:
            messages.success(request, "Draft saved")
            return redirect("documents:letter_issue", letter.pk)
    return render(
        request,
        "documents/letter_edit.html",
        {
            "form": form,
            "letter": letter,
            "back_url": back,
            "caption": record_name(letter.record_kind, record),
        },
    )


def letter_issue(request: StaffRequest, pk: int) -> HttpResponse:
    letter, record = letter_get_for_user(user=request.user, pk=pk)
    if not has_perm(request.user, Perm.WRITE_LETTER, letter.organisation_id):
        raise PermissionDenied
    back = _detail_url(letter.record_kind, letter.record_id)
    if letter.status != LetterStatus.DRAFT:
        return render(request, "documents/letter_issued.html", {"letter": letter, "back_url": back})
    if request.method == "POST":
        services.letter_issue(letter=letter, record=record, by=request.user)
        messages.success(request, "Letter issued and kept on the record")
        return redirect(back)
    paragraphs = [p.strip() for p in letter.body.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return render(
        request,
        "documents/letter_issue.html",
        {
            "letter": letter,
            "back_url": back,
            "caption": record_name(letter.record_kind, record),
            "paragraphs": [p.split("\n") for p in paragraphs],
        },
    )


def template_list(request: StaffRequest) -> HttpResponse:
    orgs = organisations_with(request.user, Perm.MANAGE_LETTER_TEMPLATES)
    if not orgs:
        raise PermissionDenied
    for org in sorted(orgs):
        letters.templates_ensure(organisation_id=org)
    templates = templates_for_user(user=request.user).select_related("organisation")
    return render(request, "documents/template_list.html", {"templates": templates})


def template_edit(request: StaffRequest, pk: int) -> HttpResponse:
    template = template_get_for_user(user=request.user, pk=pk)
    form = TemplateTextForm(
        request.POST or None, initial={"subject": template.subject, "body": template.body}
    )
    back = reverse("documents:template_list")
    if request.method == "POST":
        saved = submit(
            form,
            lambda data: services.template_edit(
                template=template, subject=data["subject"], body=data["body"], by=request.user
            ),
        )
        if saved is not None:
            messages.success(request, f"{template.get_kind_display()} template saved")
            return redirect(back)
    return render(
        request,
        "documents/template_edit.html",
        {"form": form, "template": template, "back_url": back, "places": sorted(_PLACES.items())},
    )


_PLACES = {
    "council": "the council's name",
    "date": "today's date",
    "name": "the household or person the letter is to",
    "respond_by": "28 days from today",
    "panel_date": "the date of the panel meeting (panel letters)",
    "panel_time": "the start time of the panel meeting (panel letters)",
    "panel_venue": "where the panel meets (panel letters)",
    "terms": "the terms recommended by the panel (approval letters)",
    "reference": "the enquiry's reference (enquiry letters)",
    "received": "the date the enquiry was received (enquiry letters)",
}
