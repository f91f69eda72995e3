"""The applicant's application form (/my/application/): the task list of its sections, a page for each
(saved part done, or sent), and uploading the documents the service asks for.

Everything is read from the signed-in access: the applicant's own assessment and their own person.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from fostering.assessments import application_services as services
from fostering.assessments.application import BY_CODE, Section, gaps, rows_of, summary
from fostering.assessments.application_forms import AnswersForm
from fostering.assessments.application_selectors import sections_of, task_list
from fostering.assessments.application_services import EDITABLE
from fostering.core import clock
from fostering.core.forms import ServiceForm
from fostering.documents.applicant import applicant_document_upload, applicant_documents
from fostering.documents.choices import APPLICANT_KINDS, DocumentKind

from .access import PortalRequest, portal_view
from .choices import AccessKind

MAX_ROWS = 30


@portal_view(AccessKind.APPLICANT)
def tasks(request: PortalRequest) -> HttpResponse:
    access = request.portal
    assert access.assessment is not None
    items = task_list(access.assessment, access.person)
    sent = sum(1 for item in items if item["saved"] and item["saved"].status not in EDITABLE)
    return render(
        request,
        "portal/application/tasks.html",
        {
            "items": items,
            "sent": sent,
            "total": len(items),
            "documents": applicant_documents(access.assessment, request.user).count(),  # type: ignore[arg-type]
        },
    )


def _row_forms(definition: Section, data: Any, count: int, *, complete: bool) -> list[AnswersForm]:
    return [definition.form(data, prefix=f"row{n}", complete=complete) for n in range(count)]


def _forms_for(definition: Section, answers: dict[str, Any], extra: int = 1) -> list[AnswersForm]:
    """Forms showing saved answers (bound, so month boxes show what was typed), with empty row slots."""
    if not definition.rows:
        return [definition.form(definition.form.data_from(answers) or None, complete=False)]
    rows = rows_of(answers)
    count = max(len(rows) + extra, definition.min_rows)
    data: dict[str, Any] = {}
    for n, row in enumerate(rows):
        data |= definition.form.data_from(row, prefix=f"row{n}")
    return _row_forms(definition, data or None, count, complete=False)


def _answers(definition: Section, found: list[AnswersForm]) -> dict[str, Any]:
    if not definition.rows:
        return found[0].answers()
    return {"rows": [a for a in (form.answers() for form in found) if a]}


def _slots(request: PortalRequest) -> int:
    try:
        return max(1, min(int(request.POST.get("slots", "1")), MAX_ROWS))
    except ValueError:
        return 1


def _all_errors(service_errors: list[str], found: list[AnswersForm]) -> list[dict[str, str]]:
    """The error summary: each field's error linked to its field, then the service's others (the history
    not reaching back five years, say), each once."""
    beside = _summary_errors(found)
    texts = {error["text"] for error in beside}
    seen = set()
    others = []
    for message in service_errors:
        if message not in texts and message not in seen and not any(message.endswith(t) for t in texts):
            seen.add(message)
            others.append({"text": message, "href": "#answers"})
    return beside + others


def _summary_errors(found: list[AnswersForm]) -> list[dict[str, str]]:
    out = []
    for form in found:
        for name, errors in form.errors.items():
            field = form.fields.get(name)
            multi = isinstance(getattr(field, "widget", None), forms.MultiWidget)
            anchor = f"#id_{form.add_prefix(name)}{'_0' if multi else ''}"
            out += [{"text": str(message), "href": anchor} for message in errors]
    return out


@portal_view(AccessKind.APPLICANT)
def section(request: PortalRequest, code: str) -> HttpResponse:
    access = request.portal
    assessment, person = access.assessment, access.person
    assert assessment is not None
    definition = BY_CODE.get(code)
    if definition is None:
        raise Http404
    saved = sections_of(assessment, person).get(code)
    editable = saved is None or saved.status in EDITABLE
    service_errors: list[str] = []
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        action = request.POST.get("action", "save")
        count = _slots(request)
        found = (
            _row_forms(definition, request.POST, count, complete=False)
            if definition.rows
            else [definition.form(request.POST, complete=False)]
        )
        if all(form.is_valid() for form in found):
            answers = _answers(definition, found)
            try:
                services.section_save(
                    assessment=assessment,
                    person=person,
                    code=code,
                    answers=answers,
                    by=request.user,  # type: ignore[arg-type]
                )
                if action == "submit":
                    services.section_submit(
                        assessment=assessment,
                        person=person,
                        code=code,
                        answers=answers,
                        by=request.user,  # type: ignore[arg-type]
                    )
            except ValidationError as error:
                service_errors = list(error.messages)
                found = _refused(definition, request, count)
            else:
                if action == "submit":
                    messages.success(request, f"{definition.title} has been sent to your social worker")
                    return redirect("portal:application")
                if action == "add":
                    return redirect("portal:application_section", code)
                messages.success(request, f"{definition.title} has been saved. You can come back to it.")
                return redirect("portal:application")
    else:
        found = _forms_for(definition, saved.answers if saved else {}) if editable else []
    shown = saved.answers if saved else {}
    context = {
        "definition": definition,
        "saved": saved,
        "editable": editable,
        "forms": found,
        "errors": _all_errors(service_errors, found),
        "gaps": gaps(rows_of(shown), clock.today()) if code == "addresses" else [],
        "groups": [] if editable else summary(definition, saved.submitted_answers if saved else {}),
        "row_word": definition.row_label.lower(),
    }
    return render(request, "portal/application/section.html", context)


def _refused(definition: Section, request: PortalRequest, count: int) -> list[AnswersForm]:
    """The posted forms read as complete, so what is missing is marked beside its field (an empty row slot
    is not missing anything)."""
    if not definition.rows:
        found = [definition.form(request.POST, complete=True)]
    else:
        found = []
        for n in range(count):
            lenient = definition.form(request.POST, prefix=f"row{n}", complete=False)
            filled = lenient.is_valid() and bool(lenient.answers())
            found.append(
                definition.form(request.POST, prefix=f"row{n}", complete=True) if filled else lenient
            )
    for form in found:
        form.is_valid()
    return found


class UploadForm(ServiceForm):
    submit_label = "Upload"
    kind = forms.ChoiceField(
        label="What is the document?",
        widget=forms.RadioSelect,
        choices=[(kind.value, kind.label) for kind in APPLICANT_KINDS],
        error_messages={"required": "Select what the document is"},
    )
    file = forms.FileField(
        label="Upload a file",
        help_text="A PDF, JPG, PNG, DOCX or ODT file, smaller than 10MB",
        error_messages={"required": "Select a file"},
    )


@portal_view(AccessKind.APPLICANT)
def documents(request: PortalRequest) -> HttpResponse:
    access = request.portal
    assert access.assessment is not None
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            document = applicant_document_upload(
                assessment=access.assessment,
                person=access.person,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
                by=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, f"{DocumentKind(document.kind).label} has been uploaded")
            return redirect("portal:application_documents")
    found = applicant_documents(access.assessment, request.user)  # type: ignore[arg-type]
    return render(request, "portal/application/documents.html", {"form": form, "found": found})
