"""Staff pages of the application form: what the applicants sent, reading a section, and asking for a
change or accepting it (the assessing social worker, or whoever may record the assessment)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from fostering.accounts.permissions import Perm, has_perm
from fostering.core import clock
from fostering.core.forms import ServiceForm
from fostering.core.views import StaffRequest, record_form_page
from fostering.people.choices import MemberRole

from . import application_services as services
from .application import BY_CODE, SECTIONS, summary
from .application_selectors import section_gaps, section_get_for_user, sent_sections
from .choices import SectionStatus
from .models import ApplicationSection
from .views import _assessment_or_404


class ChangeForm(ServiceForm):
    submit_label = "Ask for the change"
    note = forms.CharField(
        label="What needs to change",
        help_text="The applicant sees this note beside the section.",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        error_messages={"required": "Say what needs to change"},
    )


def _section_or_404(request: StaffRequest, pk: int) -> ApplicationSection:
    try:
        return section_get_for_user(user=request.user, pk=pk)
    except ApplicationSection.DoesNotExist as missing:
        raise Http404("No such section") from missing


@login_required
def sent(request: StaffRequest, pk: int) -> HttpResponse:
    assessment = _assessment_or_404(request, pk)
    found = {(s.person_id, s.code): s for s in sent_sections(assessment)}
    members = assessment.household.current_members  # type: ignore[attr-defined]
    applicants = [m.person for m in members if m.role == MemberRole.CARER]
    people = [
        {
            "person": person,
            "rows": [(section, found.get((person.pk, section.code.value))) for section in SECTIONS],
        }
        for person in applicants
    ]
    return render(request, "assessments/application_sent.html", {"assessment": assessment, "people": people})


@login_required
def section(request: StaffRequest, pk: int) -> HttpResponse:
    sent_section = _section_or_404(request, pk)
    may_review = has_perm(request.user, Perm.RECORD_ASSESSMENT, sent_section.organisation_id)
    if request.method == "POST":
        if not may_review:
            raise PermissionDenied
        try:
            services.section_accept(section=sent_section, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"{sent_section.get_code_display()} has been accepted")
            return redirect("assessments:application", sent_section.assessment_id)
        return redirect("assessments:application_section", sent_section.pk)
    definition = BY_CODE[sent_section.code]
    answers = sent_section.submitted_answers
    context: dict[str, Any] = {
        "sent": sent_section,
        "assessment": sent_section.assessment,
        "groups": summary(definition, answers),
        "gaps": section_gaps(sent_section, answers, clock.today()),
        "can_review": may_review and sent_section.status == SectionStatus.SUBMITTED,
    }
    return render(request, "assessments/application_section.html", context)


@login_required
def change(request: StaffRequest, pk: int) -> HttpResponse:
    sent_section = _section_or_404(request, pk)
    return record_form_page(
        request,
        sent_section,
        perm=Perm.RECORD_ASSESSMENT,
        make_form=lambda s: ChangeForm(request.POST or None),
        action=lambda s, data: services.change_request(section=s, note=data["note"], by=request.user),
        heading=f"Ask for a change to {sent_section.get_code_display().lower()}",
        done="The applicant has been asked for the change",
        detail_url=reverse("assessments:application", args=[sent_section.assessment_id]),
        caption=f"{sent_section.person.full_name}, {sent_section.assessment.household.name}",
    )
