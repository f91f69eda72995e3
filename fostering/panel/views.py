"""Pages of the fostering panel and the agency decision maker."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Avg, Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from fostering.accounts.models import Organisation, User
from fostering.accounts.permissions import Perm, has_perm, organisations_with
from fostering.accounts.roles import Role
from fostering.core import clock
from fostering.core.forms import ServiceForm
from fostering.core.views import StaffRequest, paginate, record_form_page, render_form, submit

from . import decisions, services
from .agenda import find_case, ready_cases
from .choices import QUALIFYING, SUBJECT_OF, FeedbackFrom, ItemKind, MeetingStatus, PanelRole, quorum_gaps
from .deadlines import appraisal_deadline, item_deadlines, papers_deadline, with_last_appraisal
from .forms import (
    AppraisalForm,
    CancelForm,
    ConflictForm,
    DecisionForm,
    DeterminationForm,
    FeedbackForm,
    HeldForm,
    InviteForm,
    ItemForm,
    LeaveForm,
    MeetingForm,
    MemberForm,
    PapersSentForm,
    RecommendationForm,
    SittingForm,
    TrainingForm,
)
from .models import Feedback, PanelItem, PanelMeeting, PanelMember
from .papers import papers_context, papers_pdf
from .selectors import (
    MEETING_PERMS,
    adm_queue_for_user,
    item_get_for_user,
    meeting_get_for_user,
    meeting_list_for_user,
    member_get_for_user,
    member_list_for_user,
    members_of,
)


def _meeting_or_404(request: StaffRequest, pk: int) -> PanelMeeting:
    try:
        return meeting_get_for_user(user=request.user, pk=pk)
    except PanelMeeting.DoesNotExist as missing:
        raise Http404("No such panel meeting") from missing


def _item_or_404(request: StaffRequest, pk: int) -> PanelItem:
    try:
        return item_get_for_user(user=request.user, pk=pk)
    except PanelItem.DoesNotExist as missing:
        raise Http404("No such panel item") from missing


def _member_or_404(request: StaffRequest, pk: int) -> PanelMember:
    try:
        return member_get_for_user(user=request.user, pk=pk)
    except PanelMember.DoesNotExist as missing:
        raise Http404("No such panel member") from missing


def _organisation_for(request: StaffRequest, perm: Perm) -> Organisation:
    orgs = sorted(organisations_with(request.user, perm))
    if not orgs:
        raise PermissionDenied
    return Organisation.objects.get(pk=orgs[0])


# Meetings ------------------------------------------------------------------------------------------


@login_required
def meeting_list(request: StaffRequest) -> HttpResponse:
    if not organisations_with(request.user, *MEETING_PERMS):
        raise PermissionDenied
    status = request.GET.get("status", "")
    year = request.GET.get("year", "")
    meetings = meeting_list_for_user(
        user=request.user,
        status=status if status in MeetingStatus.values else "",
        year=int(year) if year.isdigit() else None,
    )
    return render(
        request,
        "panel/meeting_list.html",
        {
            "status": status,
            "year": year,
            "statuses": MeetingStatus.choices,
            "can_add": bool(organisations_with(request.user, Perm.MANAGE_PANEL)),
            "links": {
                "decide": bool(organisations_with(request.user, Perm.DECIDE_ON_RECOMMENDATION)),
                "members": bool(organisations_with(request.user, Perm.VIEW_PANEL_MEMBERS)),
                "feedback": bool(organisations_with(request.user, Perm.VIEW_PANEL)),
                "report": bool(organisations_with(request.user, Perm.VIEW_PANEL_REPORTS)),
            },
            **paginate(request, meetings),
        },
    )


@login_required
def meeting_add(request: StaffRequest) -> HttpResponse:
    organisation = _organisation_for(request, Perm.MANAGE_PANEL)
    form = MeetingForm(request.POST or None)
    if request.method == "POST":
        meeting = submit(
            form, lambda data: services.meeting_schedule(organisation=organisation, by=request.user, **data)
        )
        if meeting is not None:
            messages.success(request, "The meeting has been planned: now invite the members")
            return redirect("panel:meeting_detail", meeting.pk)
    return render_form(request, form, heading="Plan a panel meeting", back_url=reverse("panel:meeting_list"))


@login_required
def meeting_detail(request: StaffRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(request, pk)
    org = meeting.organisation_id
    items = list(meeting.items.select_related("household", "decision").order_by("id"))
    return render(
        request,
        "panel/meeting_detail.html",
        {
            "meeting": meeting,
            "items": items,
            "attendance": meeting.attendance.all(),
            "papers": papers_deadline(meeting, today=clock.today()),
            "can": {
                "manage": has_perm(request.user, Perm.MANAGE_PANEL, org),
                "planned": meeting.status == MeetingStatus.PLANNED,
            },
        },
    )


def _meeting_action(
    request: StaffRequest,
    pk: int,
    make_form: Callable[[PanelMeeting], ServiceForm],
    action: Callable[[PanelMeeting, dict[str, Any]], Any],
    heading: str,
    done: str,
) -> HttpResponse:
    meeting = _meeting_or_404(request, pk)
    return record_form_page(
        request,
        meeting,
        perm=Perm.MANAGE_PANEL,
        make_form=make_form,
        action=action,
        heading=heading,
        done=done,
        detail_url=reverse("panel:meeting_detail", args=[meeting.pk]),
        caption=str(meeting),
    )


@login_required
def meeting_invite(request: StaffRequest, pk: int) -> HttpResponse:
    def form(meeting: PanelMeeting) -> ServiceForm:
        invited = list(meeting.attendance.values_list("member_id", flat=True))
        return InviteForm(
            request.POST or None,
            members=members_of(meeting.organisation_id),
            initial={"members": invited},
            record=meeting,
        )

    return _meeting_action(
        request,
        pk,
        form,
        lambda m, data: services.meeting_invite(meeting=m, members=data["members"], by=request.user),
        "Invite members to the meeting",
        "The members invited have been saved",
    )


@login_required
def papers_sent(request: StaffRequest, pk: int) -> HttpResponse:
    return _meeting_action(
        request,
        pk,
        lambda m: PapersSentForm(request.POST or None),
        lambda m, data: services.papers_sent_record(meeting=m, by=request.user, **data),
        "Record the papers as sent",
        "The papers have been recorded as sent",
    )


def _invited(meeting: PanelMeeting) -> Any:
    return (
        PanelMember.objects.filter(attendance__meeting=meeting)
        .select_related("user")
        .order_by("role", "user__last_name", "id")
    )


@login_required
def meeting_held(request: StaffRequest, pk: int) -> HttpResponse:
    return _meeting_action(
        request,
        pk,
        lambda m: HeldForm(request.POST or None, members=_invited(m)),
        lambda m, data: services.meeting_held(meeting=m, attended=data["attended"], by=request.user),
        "Record the meeting as held",
        "The meeting has been recorded as held",
    )


@login_required
def meeting_cancel(request: StaffRequest, pk: int) -> HttpResponse:
    return _meeting_action(
        request,
        pk,
        lambda m: CancelForm(request.POST or None),
        lambda m, data: services.meeting_cancel(meeting=m, reason=data["reason"], by=request.user),
        "Cancel the meeting",
        "The meeting has been cancelled",
    )


@login_required
def item_add(request: StaffRequest, pk: int) -> HttpResponse:
    def form(meeting: PanelMeeting) -> ServiceForm:
        grouped: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for case in ready_cases(meeting.organisation_id):
            grouped[case.kind.label].append((case.value, case.label))
        workers = (
            User.objects.filter(
                memberships__organisation_id=meeting.organisation_id,
                memberships__ended_on__isnull=True,
                memberships__role=Role.SUPERVISING_SOCIAL_WORKER,
            )
            .distinct()
            .order_by("last_name", "first_name")
        )
        return ItemForm(request.POST or None, cases=list(grouped.items()), workers=workers)

    def add(meeting: PanelMeeting, data: dict[str, Any]) -> Any:
        from django.core.exceptions import ValidationError

        case = find_case(meeting.organisation_id, data["case"])
        if case is None:
            raise ValidationError({"case": "That case is not ready for panel, or is already on an agenda"})
        return services.item_add(
            meeting=meeting,
            kind=case.kind,
            subject=case.subject,
            supervising_social_worker=data["supervising_social_worker"],
            by=request.user,
        )

    return _meeting_action(
        request, pk, form, add, "Add a case to the agenda", "The case has been added to the agenda"
    )


# Items ---------------------------------------------------------------------------------------------


@login_required
def item_detail(request: StaffRequest, pk: int) -> HttpResponse:
    item = _item_or_404(request, pk)
    org = item.organisation_id
    decision = getattr(item, "decision", None)
    sitting = list(item.sitting.all())
    return render(
        request,
        "panel/item_detail.html",
        {
            "item": item,
            "subject_field": SUBJECT_OF[ItemKind(item.kind)],
            "sitting": sitting,
            "gaps": quorum_gaps([m.role for m in sitting]),
            "decision": decision,
            "qualifying": decision is not None and decisions.is_qualifying(item, decision.outcome),
            "representations_by": decisions.representations_by(decision) if decision else None,
            "deadlines": item_deadlines(item, today=clock.today()),
            "can": {
                "record": has_perm(request.user, Perm.RECORD_PANEL_RECOMMENDATION, org),
                "manage": has_perm(request.user, Perm.MANAGE_PANEL, org),
                "decide": has_perm(request.user, Perm.DECIDE_ON_RECOMMENDATION, org),
            },
            "held": item.meeting.status == MeetingStatus.HELD,
        },
    )


@login_required
def item_papers(request: StaffRequest, pk: int) -> HttpResponse:
    """The case's papers: read here, or download the pack as one PDF."""
    item = _item_or_404(request, pk)
    if request.GET.get("format") == "pdf":
        response = HttpResponse(papers_pdf(item), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="panel-papers-{item.pk}.pdf"'
        return response
    return render(request, "panel/papers_page.html", papers_context(item))


def _item_action(
    request: StaffRequest,
    pk: int,
    perm: Perm,
    make_form: Callable[[PanelItem], ServiceForm],
    action: Callable[[PanelItem, dict[str, Any]], Any],
    heading: str,
    done: str,
) -> HttpResponse:
    item = _item_or_404(request, pk)
    return record_form_page(
        request,
        item,
        perm=perm,
        make_form=make_form,
        action=action,
        heading=heading,
        done=done,
        detail_url=reverse("panel:item_detail", args=[item.pk]),
        caption=str(item),
    )


@login_required
def conflict_add(request: StaffRequest, pk: int) -> HttpResponse:
    return _item_action(
        request,
        pk,
        Perm.RECORD_PANEL_RECOMMENDATION,
        lambda i: ConflictForm(request.POST or None, members=_invited(i.meeting)),
        lambda i, data: services.conflict_declare(item=i, by=request.user, **data),
        "Record a declared conflict of interest",
        "The conflict of interest has been recorded",
    )


@login_required
def sitting(request: StaffRequest, pk: int) -> HttpResponse:
    def form(item: PanelItem) -> ServiceForm:
        attended = _invited(item.meeting).filter(attendance__attended=True)
        conflicted = set(item.conflicts.values_list("member_id", flat=True))
        initial = list(item.sitting.values_list("pk", flat=True)) or [
            m.pk for m in attended if m.pk not in conflicted and m.role in PanelRole.values
        ]
        return SittingForm(request.POST or None, members=attended, initial={"members": initial}, record=item)

    return _item_action(
        request,
        pk,
        Perm.RECORD_PANEL_RECOMMENDATION,
        form,
        lambda i, data: services.sitting_record(item=i, members=data["members"], by=request.user),
        "Who sat for this item",
        "Who sat for the item has been saved",
    )


@login_required
def recommendation(request: StaffRequest, pk: int) -> HttpResponse:
    return _item_action(
        request,
        pk,
        Perm.RECORD_PANEL_RECOMMENDATION,
        lambda i: RecommendationForm(request.POST or None, kind=ItemKind(i.kind)),
        lambda i, data: services.recommendation_record(item=i, by=request.user, **data),
        "Record the panel's recommendation",
        "The recommendation has been recorded",
    )


@login_required
def feedback_add(request: StaffRequest, pk: int) -> HttpResponse:
    return _item_action(
        request,
        pk,
        Perm.MANAGE_PANEL,
        lambda i: FeedbackForm(request.POST or None),
        lambda i, data: services.feedback_record(item=i, by=request.user, **data),
        "Record feedback on the panel",
        "The feedback has been recorded",
    )


@login_required
def decision(request: StaffRequest, pk: int) -> HttpResponse:
    return _item_action(
        request,
        pk,
        Perm.DECIDE_ON_RECOMMENDATION,
        lambda i: DecisionForm(request.POST or None, kind=ItemKind(i.kind), recommended=i.recommendation),
        lambda i, data: decisions.decision_record(item=i, by=request.user, **data),
        "Agency decision maker's decision",
        "The decision has been recorded",
    )


@login_required
def determination(request: StaffRequest, pk: int) -> HttpResponse:
    def action(item: PanelItem, data: dict[str, Any]) -> Any:
        from django.core.exceptions import ValidationError

        found = getattr(item, "decision", None)
        if found is None or found.outcome not in QUALIFYING:
            raise ValidationError({"letter_sent_on": "There is no qualifying determination on this item"})
        return decisions.determination_record(decision=found, by=request.user, **data)

    return _item_action(
        request,
        pk,
        Perm.DECIDE_ON_RECOMMENDATION,
        lambda i: DeterminationForm(request.POST or None, kind=ItemKind(i.kind)),
        action,
        "Qualifying determination: letter, representations and final decision",
        "The qualifying determination has been saved",
    )


@login_required
def adm_queue(request: StaffRequest) -> HttpResponse:
    if not organisations_with(request.user, Perm.DECIDE_ON_RECOMMENDATION):
        raise PermissionDenied
    on = clock.today()
    items = list(adm_queue_for_user(user=request.user))
    return render(
        request,
        "panel/adm_queue.html",
        {"rows": [(item, item_deadlines(item, today=on)[0]) for item in items]},
    )


@login_required
def feedback_summary(request: StaffRequest) -> HttpResponse:
    orgs = organisations_with(request.user, Perm.VIEW_PANEL)
    if not orgs:
        raise PermissionDenied
    rows = Feedback.objects.filter(organisation_id__in=orgs)
    by_source = (
        rows.values("given_by").annotate(count=Count("id"), average=Avg("rating")).order_by("given_by")
    )
    labels = dict(FeedbackFrom.choices)
    ratings = Counter(rows.values_list("rating", flat=True))
    recent = rows.select_related("item__household", "item__meeting").order_by(
        "-item__meeting__meets_on", "-id"
    )[:20]
    return render(
        request,
        "panel/feedback_summary.html",
        {
            "by_source": [{"label": labels[r["given_by"]], **r} for r in by_source],
            "ratings": [(n, ratings.get(n, 0)) for n in range(5, 0, -1)],
            "total": sum(ratings.values()),
            "recent": recent,
        },
    )


# Members -------------------------------------------------------------------------------------------


@login_required
def member_list(request: StaffRequest) -> HttpResponse:
    if not organisations_with(request.user, Perm.VIEW_PANEL_MEMBERS):
        raise PermissionDenied
    current = request.GET.get("show") != "all"
    on = clock.today()
    members = list(with_last_appraisal(member_list_for_user(user=request.user, current=current)))
    for member in members:
        member.appraisal = appraisal_deadline(member, today=on)  # type: ignore[attr-defined]
    return render(
        request,
        "panel/member_list.html",
        {
            "members": members,
            "current": current,
            "can_add": bool(organisations_with(request.user, Perm.MANAGE_PANEL_MEMBERS)),
        },
    )


@login_required
def member_add(request: StaffRequest) -> HttpResponse:
    organisation = _organisation_for(request, Perm.MANAGE_PANEL_MEMBERS)
    users = (
        User.objects.filter(memberships__organisation=organisation, memberships__ended_on__isnull=True)
        .distinct()
        .order_by("last_name", "first_name")
    )
    form = MemberForm(request.POST or None, users=users)
    if request.method == "POST":
        member = submit(
            form, lambda data: services.member_add(organisation=organisation, by=request.user, **data)
        )
        if member is not None:
            messages.success(request, "They have been added to the central list")
            return redirect("panel:member_detail", member.pk)
    return render_form(request, form, heading="Add a panel member", back_url=reverse("panel:member_list"))


@login_required
def member_detail(request: StaffRequest, pk: int) -> HttpResponse:
    member = _member_or_404(request, pk)
    org = member.organisation_id
    return render(
        request,
        "panel/member_detail.html",
        {
            "member": member,
            "appraisals": member.appraisals.select_related("appraised_by"),
            "next_appraisal": appraisal_deadline(
                with_last_appraisal(PanelMember.objects.filter(pk=member.pk)).get(), today=clock.today()
            ),
            "training": member.training.all(),
            "meetings": member.attendance.select_related("meeting").order_by("-meeting__meets_on")[:12],
            "can": {
                "manage": has_perm(request.user, Perm.MANAGE_PANEL_MEMBERS, org),
                "appraise": has_perm(request.user, Perm.RECORD_PANEL_APPRAISAL, org),
            },
        },
    )


def _member_action(
    request: StaffRequest,
    pk: int,
    perm: Perm,
    form: ServiceForm,
    action: Callable[[PanelMember, dict[str, Any]], Any],
    heading: str,
    done: str,
) -> HttpResponse:
    member = _member_or_404(request, pk)
    return record_form_page(
        request,
        member,
        perm=perm,
        make_form=lambda m: form,
        action=action,
        heading=heading,
        done=done,
        detail_url=reverse("panel:member_detail", args=[member.pk]),
        caption=str(member),
    )


@login_required
def member_leave(request: StaffRequest, pk: int) -> HttpResponse:
    return _member_action(
        request,
        pk,
        Perm.MANAGE_PANEL_MEMBERS,
        LeaveForm(request.POST or None),
        lambda m, data: services.member_leave(member=m, by=request.user, **data),
        "Record that they left the panel",
        "They have left the central list",
    )


@login_required
def appraisal_add(request: StaffRequest, pk: int) -> HttpResponse:
    return _member_action(
        request,
        pk,
        Perm.RECORD_PANEL_APPRAISAL,
        AppraisalForm(request.POST or None),
        lambda m, data: services.appraisal_record(member=m, by=request.user, **data),
        "Record an appraisal",
        "The appraisal has been recorded",
    )


@login_required
def training_add(request: StaffRequest, pk: int) -> HttpResponse:
    return _member_action(
        request,
        pk,
        Perm.MANAGE_PANEL_MEMBERS,
        TrainingForm(request.POST or None),
        lambda m, data: services.training_record(member=m, by=request.user, **data),
        "Record training attended",
        "The training has been recorded",
    )
