from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from fostering.accounts.models import Organisation
from fostering.accounts.permissions import Perm, has_perm, organisations_with
from fostering.audit.selectors import timeline_for
from fostering.core import clock
from fostering.core.forms import ServiceForm
from fostering.core.lists import list_page
from fostering.core.params import record_id
from fostering.core.views import StaffRequest, record_form_page, render_form, submit
from fostering.people.choices import MemberRole
from fostering.recruitment.choices import EnquiryStage
from fostering.recruitment.selectors import enquiry_get_for_user

from . import services
from .checklist import checklist, checks_required, members_of
from .choices import AssessmentKind, Stage, next_stage
from .deadlines import assessment_clocks, pauses
from .filters import AssessmentFilter
from .forms import (
    AgreementForm,
    AllocateForm,
    ApplicationForm,
    AssessmentCheckForm,
    AssessmentMemberForm,
    HoldForm,
    MentorForm,
    PreviousAgencyReferenceForm,
    SafeguardingCourseForm,
    SessionForm,
    SkillsToFosterForm,
    StageChangeForm,
    WithdrawForm,
)
from .models import Assessment
from .selectors import (
    VIEW_PERMS,
    assessing_social_workers,
    assessment_get_for_user,
    households_open_to_apply,
    kinds_user_may_start,
)


def _assessment_or_404(request: StaffRequest, pk: int) -> Assessment:
    try:
        return assessment_get_for_user(user=request.user, pk=pk)
    except Assessment.DoesNotExist as missing:
        raise Http404("No such assessment") from missing


@login_required
def assessment_list(request: StaffRequest) -> HttpResponse:
    orgs = organisations_with(request.user, *VIEW_PERMS)
    if not orgs:
        raise PermissionDenied
    context = list_page(request, None, AssessmentFilter, defaults={"stage": "open"})
    on = clock.today()
    rows = []
    for assessment in context["page_obj"]:
        clocks = {clock.deadline.rule: clock for clock in assessment_clocks(assessment, today=on)}
        rows.append({"assessment": assessment, "clocks": clocks})
    return render(
        request,
        "assessments/list.html",
        {
            "rows": rows,
            "can_start": bool(organisations_with(request.user, Perm.START_ASSESSMENT)),
            **context,
        },
    )


@login_required
def assessment_detail(request: StaffRequest, pk: int) -> HttpResponse:
    assessment = _assessment_or_404(request, pk)
    on = clock.today()
    members = members_of(assessment)
    for member in members:
        member.required = checks_required(assessment, member, on)  # type: ignore[attr-defined]
    current = Stage(assessment.stage)
    following = next_stage(current)
    user, org = request.user, assessment.organisation_id
    return render(
        request,
        "assessments/detail.html",
        {
            "assessment": assessment,
            "members": members,
            "clocks": assessment_clocks(assessment, today=on),
            "pauses": pauses(list(assessment.stage_changes.all())),
            "next_stage": following,
            "ready_checklist": checklist(assessment, Stage.READY_FOR_PANEL, on),
            "next_checklist": checklist(assessment, following, on) if following else [],
            "changes": list(
                assessment.stage_changes.select_related("created_by").order_by("-changed_on", "-id")
            ),
            "sessions": assessment.sessions.all(),
            "is_fast_track": assessment.kind == AssessmentKind.FAST_TRACK,
            "is_visitor": assessment.kind == AssessmentKind.INDEPENDENT_VISITOR,
            "open": current != Stage.WITHDRAWN,
            "can": {
                "record": has_perm(user, Perm.RECORD_ASSESSMENT, org),
                "training": has_perm(user, Perm.RECORD_SKILLS_TO_FOSTER, org),
                "stage": has_perm(user, Perm.CHANGE_ASSESSMENT_STAGE, org),
                "history": has_perm(user, Perm.VIEW_HISTORY, org),
                "allocate": has_perm(user, Perm.START_ASSESSMENT, org),
            },
        },
    )


@login_required
def assessment_history(request: StaffRequest, pk: int) -> HttpResponse:
    assessment = _assessment_or_404(request, pk)
    if not has_perm(request.user, Perm.VIEW_HISTORY, assessment.organisation_id):
        raise PermissionDenied
    events = timeline_for(assessment)[:500]
    return render(request, "assessments/history.html", {"assessment": assessment, "events": events})


@login_required
def assessment_add(request: StaffRequest) -> HttpResponse:
    orgs = organisations_with(request.user, Perm.START_ASSESSMENT)
    if not orgs:
        raise PermissionDenied
    organisation = Organisation.objects.get(pk=min(orgs))
    enquiry = _progressed_enquiry(request)
    if enquiry is not None:
        organisation = enquiry.organisation
    form = ApplicationForm(
        request.POST or None,
        initial=_initial_from(enquiry),
        kinds=kinds_user_may_start(request.user, organisation.pk),
        workers=assessing_social_workers(organisation.pk),
        households=households_open_to_apply(user=request.user, organisation_id=organisation.pk),
    )

    def start(data: dict[str, Any]) -> Assessment:
        values = form.service_values()
        household = values.pop("household")
        if enquiry is not None:
            values["enquiry_id"] = enquiry.pk
            values["applicants"][0]["person"] = enquiry.person
        if household is None:
            return services.application_create(organisation=organisation, by=request.user, **values)
        for field in ("household_name", "line_1", "town", "postcode", "applicants"):
            values.pop(field)
        return services.assessment_start(household=household, by=request.user, **values)

    if request.method == "POST":
        assessment = submit(form, start)
        if assessment is not None:
            messages.success(request, "The assessment has been started")
            return redirect("assessments:detail", pk=assessment.pk)
    return render_form(
        request,
        form,
        heading="Start an assessment",
        caption=f"From the enquiry of {enquiry.person}" if enquiry else "",
        back_url=reverse("assessments:list"),
    )


def _progressed_enquiry(request: StaffRequest) -> Any:
    """The enquiry an assessment starts from (``?enquiry=<id>``): in reach, and decided "progress"."""
    pk = record_id(request.GET.get("enquiry"))
    if pk is None:
        return None
    try:
        enquiry = enquiry_get_for_user(user=request.user, pk=pk)
    except ObjectDoesNotExist as missing:
        raise Http404("No such enquiry") from missing
    if enquiry.stage != EnquiryStage.PROGRESSED or not has_perm(
        request.user, Perm.START_ASSESSMENT, enquiry.organisation_id
    ):
        raise PermissionDenied
    return enquiry


def _initial_from(enquiry: Any) -> dict[str, Any]:
    if enquiry is None:
        return {}
    person = enquiry.person
    return {
        "kind": AssessmentKind.MAINSTREAM,
        "household_name": f"{person.last_name} household",
        "postcode": enquiry.postcode,
        "applicant_1_first_name": person.first_name,
        "applicant_1_last_name": person.last_name,
        "applicant_1_date_of_birth": person.date_of_birth,
        "application_accepted_on": clock.today(),
    }


def _action(
    request: StaffRequest,
    pk: int,
    perm: Perm,
    make_form: Callable[[Assessment], ServiceForm],
    action: Callable[[Assessment, dict[str, Any]], Any],
    heading: str | Callable[[Assessment], str],
    done: str,
) -> HttpResponse:
    """A form page that records one thing about it through one service function."""
    record = _assessment_or_404(request, pk)
    return record_form_page(
        request,
        record,
        perm=perm,
        make_form=make_form,
        action=action,
        heading=heading(record) if callable(heading) else heading,
        done=done,
        detail_url=reverse("assessments:detail", args=[record.pk]),
        caption=str(record),
    )


@login_required
def member_add(request: StaffRequest, pk: int) -> HttpResponse:
    def add(assessment: Assessment, data: dict[str, Any]) -> Any:
        person, membership = form_holder[0].split()
        return services.assessment_member_add(
            assessment=assessment,
            role=MemberRole(membership["role"]),
            joined_on=membership["joined_on"],
            by=request.user,
            **person,
        )

    form_holder: list[AssessmentMemberForm] = []

    def make(assessment: Assessment) -> ServiceForm:
        form_holder.append(AssessmentMemberForm(request.POST or None))
        return form_holder[0]

    return _action(
        request,
        pk,
        Perm.RECORD_ASSESSMENT,
        make,
        add,
        "Add a member of the household",
        "The member has been added",
    )


@login_required
def check_add(request: StaffRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        Perm.RECORD_ASSESSMENT,
        lambda a: AssessmentCheckForm(
            request.POST or None,
            members=a.household.members.filter(left_on__isnull=True).select_related("person"),
        ),
        lambda a, data: services.assessment_check_record(assessment=a, by=request.user, **data),
        "Record a check",
        "The check has been recorded",
    )


@login_required
def skills_to_foster(request: StaffRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        Perm.RECORD_SKILLS_TO_FOSTER,
        lambda a: SkillsToFosterForm(
            request.POST or None,
            initial={
                "booked_on": a.skills_to_foster_booked_on,
                "attended_on": a.skills_to_foster_attended_on,
            },
            record=a,
        ),
        lambda a, data: services.skills_to_foster_record(assessment=a, by=request.user, **data),
        "Skills to Foster training",
        "Skills to Foster has been recorded",
    )


@login_required
def mentor(request: StaffRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        Perm.RECORD_ASSESSMENT,
        lambda a: MentorForm(
            request.POST or None,
            initial={
                "mentor_name": a.mentor_name,
                "offered_on": a.mentor_offered_on,
                "accepted_on": a.mentor_accepted_on,
            },
            record=a,
        ),
        lambda a, data: services.mentor_record(assessment=a, by=request.user, **data),
        "Mentor offered",
        "The mentor has been recorded",
    )


@login_required
def session_add(request: StaffRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        Perm.RECORD_ASSESSMENT,
        lambda a: SessionForm(request.POST or None),
        lambda a, data: services.session_record(assessment=a, by=request.user, **data),
        "Record an assessment session",
        "The session has been recorded",
    )


@login_required
def agreement(request: StaffRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        Perm.RECORD_ASSESSMENT,
        lambda a: AgreementForm(
            request.POST or None,
            initial={"signed_on": a.agreement_signed_on, "target_panel_on": a.target_panel_on},
            record=a,
        ),
        lambda a, data: services.agreement_record(assessment=a, by=request.user, **data),
        "Assessment agreement",
        "The agreement has been recorded",
    )


@login_required
def previous_agency_reference(request: StaffRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        Perm.RECORD_ASSESSMENT,
        lambda a: PreviousAgencyReferenceForm(request.POST or None),
        lambda a, data: services.previous_agency_reference_record(assessment=a, by=request.user, **data),
        "Reference from the previous agency",
        "The reference has been recorded",
    )


@login_required
def safeguarding_course(request: StaffRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        Perm.RECORD_SKILLS_TO_FOSTER,
        lambda a: SafeguardingCourseForm(request.POST or None),
        lambda a, data: services.safeguarding_course_record(assessment=a, by=request.user, **data),
        "Online safeguarding course",
        "The course has been recorded",
    )


@login_required
def stage_change(request: StaffRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        Perm.CHANGE_ASSESSMENT_STAGE,
        lambda a: StageChangeForm(request.POST or None, current=Stage(a.stage)),
        lambda a, data: services.assessment_stage_change(
            assessment=a,
            to_stage=Stage(data["to_stage"]),
            changed_on=data["changed_on"],
            reason=data["reason"],
            by=request.user,
        ),
        "Change the stage",
        "The stage has been changed",
    )


@login_required
def hold(request: StaffRequest, pk: int) -> HttpResponse:
    def act(a: Assessment, data: dict[str, Any]) -> Any:
        resuming = a.stage == Stage.ON_HOLD
        to_stage = (services.stage_before_hold(a) or Stage.APPLICATION) if resuming else Stage.ON_HOLD
        return services.assessment_stage_change(
            assessment=a,
            to_stage=to_stage,
            changed_on=data["changed_on"],
            reason=data["reason"],
            by=request.user,
        )

    return _action(
        request,
        pk,
        Perm.CHANGE_ASSESSMENT_STAGE,
        lambda a: HoldForm(request.POST or None, resuming=a.stage == Stage.ON_HOLD),
        act,
        lambda a: "Resume the assessment" if a.stage == Stage.ON_HOLD else "Put the assessment on hold",
        "The assessment has been updated",
    )


@login_required
def withdraw(request: StaffRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        Perm.CHANGE_ASSESSMENT_STAGE,
        lambda a: WithdrawForm(request.POST or None),
        lambda a, data: services.assessment_stage_change(
            assessment=a, to_stage=Stage.WITHDRAWN, by=request.user, **data
        ),
        "Record a withdrawal",
        "The withdrawal has been recorded",
    )


@login_required
def allocate(request: StaffRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        Perm.START_ASSESSMENT,
        lambda a: AllocateForm(request.POST or None, workers=assessing_social_workers(a.organisation_id)),
        lambda a, data: services.assessing_social_worker_allocate(assessment=a, by=request.user, **data),
        "Allocate the assessing social worker",
        "The assessing social worker has been allocated",
    )
