"""The write side of the panel: members, meetings, agendas, papers, attendance, conflicts, recommendations
and feedback. The agency decision maker's decisions are in ``decisions.py``."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time

from django.core.exceptions import ValidationError
from django.db import transaction

from fostering.accounts.models import Organisation, User
from fostering.accounts.permissions import Perm, has_perm, require
from fostering.audit.services import created_changes, record_event
from fostering.core import clock
from fostering.households.services import validate_terms

from .agenda import household_of, is_ready
from .choices import (
    ALLOWED,
    MEETINGS_PER_MONTH,
    NEEDS_TERMS,
    SUBJECT_OF,
    FeedbackFrom,
    ItemKind,
    MeetingFormat,
    MeetingStatus,
    PanelRole,
    Recommendation,
    quorum_gaps,
)
from .models import (
    Appraisal,
    Attendance,
    ConflictOfInterest,
    Feedback,
    PanelItem,
    PanelMeeting,
    PanelMember,
    TrainingAttended,
)

TERMS = ("number_of_children", "age_min", "age_max", "placement_types", "sibling_group_max")


def _not_future(on: date, field: str) -> None:
    if on > clock.today():
        raise ValidationError({field: "The date must be today or in the past"})


# Members -------------------------------------------------------------------------------------------


@transaction.atomic
def member_add(
    *, organisation: Organisation, user: User, role: PanelRole, joined_on: date, by: User | None
) -> PanelMember:
    """Put someone on the central list. They sign in with their own account (staff or independent)."""
    require(by, Perm.MANAGE_PANEL_MEMBERS, organisation.pk)
    if not user.memberships.filter(organisation=organisation, ended_on__isnull=True).exists():
        raise ValidationError({"user": "Give them a login for this council first (with a panel role)"})
    if PanelMember.objects.filter(organisation=organisation, user=user, left_on__isnull=True).exists():
        raise ValidationError({"user": f"{user.get_full_name()} is already on the central list"})
    _not_future(joined_on, "joined_on")
    member = PanelMember(organisation=organisation, user=user, role=role, joined_on=joined_on)
    member.stamp(by)
    member.save()
    record_event(
        actor=by,
        verb="panel_member_added",
        obj=member,
        changes=created_changes(member, ["role", "joined_on"]),
    )
    return member


@transaction.atomic
def member_leave(*, member: PanelMember, left_on: date, by: User | None) -> PanelMember:
    require(by, Perm.MANAGE_PANEL_MEMBERS, member.organisation_id)
    if member.left_on is not None:
        raise ValidationError({"left_on": f"They left the panel on {member.left_on:%-d %B %Y}"})
    _not_future(left_on, "left_on")
    if left_on < member.joined_on:
        raise ValidationError(
            {"left_on": f"The date must not be before they joined ({member.joined_on:%-d %B %Y})"}
        )
    member.left_on = left_on
    member.stamp(by)
    member.save(update_fields=["left_on", "modified_at", "modified_by"])
    record_event(
        actor=by, verb="panel_member_left", obj=member, changes={"left_on": [None, left_on.isoformat()]}
    )
    return member


@transaction.atomic
def appraisal_record(*, member: PanelMember, held_on: date, summary: str, by: User | None) -> Appraisal:
    """The member's annual appraisal (by the chair; the chair's by the agency decision maker)."""
    require(by, Perm.RECORD_PANEL_APPRAISAL, member.organisation_id)
    _not_future(held_on, "held_on")
    if held_on < member.joined_on:
        raise ValidationError(
            {"held_on": f"The date must not be before they joined ({member.joined_on:%-d %B %Y})"}
        )
    if not summary.strip():
        raise ValidationError({"summary": "Summarise the appraisal"})
    if by is None:
        raise ValidationError({"held_on": "An appraisal is recorded by the person who held it"})
    appraisal = Appraisal(
        organisation_id=member.organisation_id,
        member=member,
        held_on=held_on,
        appraised_by=by,
        summary=summary.strip(),
    )
    appraisal.stamp(by)
    appraisal.save()
    record_event(
        actor=by,
        verb="panel_appraisal_recorded",
        obj=member,
        changes={"appraisal": [None, held_on.isoformat()]},
    )
    return appraisal


@transaction.atomic
def training_record(
    *, member: PanelMember, attended_on: date, course: str, by: User | None
) -> TrainingAttended:
    require(by, Perm.MANAGE_PANEL_MEMBERS, member.organisation_id)
    _not_future(attended_on, "attended_on")
    if not course.strip():
        raise ValidationError({"course": "Enter the course"})
    training = TrainingAttended(
        organisation_id=member.organisation_id, member=member, attended_on=attended_on, course=course.strip()
    )
    training.stamp(by)
    training.save()
    record_event(
        actor=by, verb="panel_training_recorded", obj=member, changes={"training": [None, course.strip()]}
    )
    return training


# Meetings ------------------------------------------------------------------------------------------


@transaction.atomic
def meeting_schedule(
    *,
    organisation: Organisation,
    meets_on: date,
    starts_at: time,
    format: MeetingFormat | str,
    venue: str,
    by: User | None,
) -> PanelMeeting:
    """Plan a meeting; the council holds at most four a month."""
    require(by, Perm.MANAGE_PANEL, organisation.pk)
    list(Organisation.objects.select_for_update().filter(pk=organisation.pk).values_list("pk", flat=True))
    that_month = PanelMeeting.objects.filter(
        organisation=organisation, meets_on__year=meets_on.year, meets_on__month=meets_on.month
    ).exclude(status=MeetingStatus.CANCELLED)
    if that_month.count() >= MEETINGS_PER_MONTH:
        raise ValidationError(
            {
                "meets_on": f"There are already {MEETINGS_PER_MONTH} panel meetings in {meets_on:%B %Y}: "
                "choose another month"
            }
        )
    if not venue.strip():
        raise ValidationError({"venue": "Enter where the panel meets (a room, or the online meeting)"})
    meeting = PanelMeeting(
        organisation=organisation, meets_on=meets_on, starts_at=starts_at, format=format, venue=venue.strip()
    )
    meeting.stamp(by)
    meeting.save()
    record_event(
        actor=by,
        verb="panel_meeting_scheduled",
        obj=meeting,
        changes=created_changes(meeting, ["meets_on", "format", "venue"])
        | {"starts_at": [None, starts_at.strftime("%H:%M")]},
    )
    return meeting


def _planned(meeting: PanelMeeting, field: str) -> None:
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(
            {field: f"The meeting is {meeting.get_status_display().lower()}: it can no longer change"}
        )


@transaction.atomic
def meeting_invite(*, meeting: PanelMeeting, members: Iterable[PanelMember], by: User | None) -> PanelMeeting:
    """The members invited to the meeting: they receive its papers. Replaces the list."""
    require(by, Perm.MANAGE_PANEL, meeting.organisation_id)
    _planned(meeting, "members")
    wanted = {m.pk: m for m in members}
    for member in wanted.values():
        if member.organisation_id != meeting.organisation_id or (
            member.left_on is not None and member.left_on < meeting.meets_on
        ):
            raise ValidationError({"members": f"{member} is not on the panel on the day of the meeting"})
    before = set(meeting.attendance.values_list("member_id", flat=True))
    meeting.attendance.exclude(member_id__in=list(wanted)).delete()
    for pk in set(wanted) - before:
        row = Attendance(organisation_id=meeting.organisation_id, meeting=meeting, member=wanted[pk])
        row.stamp(by)
        row.save()
    meeting.stamp(by)  # the meeting's version moves with its list of members invited
    meeting.save(update_fields=["modified_at", "modified_by"])
    record_event(
        actor=by,
        verb="panel_members_invited",
        obj=meeting,
        changes={"members": [sorted(before), sorted(wanted)]},
    )
    return meeting


@transaction.atomic
def papers_sent_record(*, meeting: PanelMeeting, sent_on: date, by: User | None) -> PanelMeeting:
    require(by, Perm.MANAGE_PANEL, meeting.organisation_id)
    _planned(meeting, "sent_on")
    _not_future(sent_on, "sent_on")
    if sent_on > meeting.meets_on:
        raise ValidationError({"sent_on": "Papers must be sent before the meeting"})
    if not meeting.items.exists():
        raise ValidationError({"sent_on": "Add the cases to the agenda before sending the papers"})
    if not meeting.attendance.exists():
        raise ValidationError({"sent_on": "Invite the members before sending them the papers"})
    meeting.papers_sent_on = sent_on
    meeting.stamp(by)
    meeting.save(update_fields=["papers_sent_on", "modified_at", "modified_by"])
    record_event(
        actor=by,
        verb="panel_papers_sent",
        obj=meeting,
        changes={"papers_sent_on": [None, sent_on.isoformat()]},
    )
    return meeting


@transaction.atomic
def meeting_held(*, meeting: PanelMeeting, attended: Iterable[PanelMember], by: User | None) -> PanelMeeting:
    """Mark the meeting held, with who of those invited attended."""
    require(by, Perm.MANAGE_PANEL, meeting.organisation_id)
    _planned(meeting, "attended")
    if meeting.meets_on > clock.today():
        raise ValidationError(
            {"attended": f"The meeting is on {meeting.meets_on:%-d %B %Y}: it has not happened yet"}
        )
    present = {m.pk for m in attended}
    invited = set(meeting.attendance.values_list("member_id", flat=True))
    if not present:
        raise ValidationError({"attended": "Select the members who attended"})
    if present - invited:
        raise ValidationError(
            {"attended": "Only members invited to the meeting can be recorded as attending"}
        )
    for row in meeting.attendance.all():
        row.attended = row.member_id in present
        row.stamp(by)
        row.save(update_fields=["attended", "modified_at", "modified_by"])
    meeting.status = MeetingStatus.HELD
    meeting.stamp(by)
    meeting.save(update_fields=["status", "modified_at", "modified_by"])
    record_event(
        actor=by,
        verb="panel_meeting_held",
        obj=meeting,
        changes={
            "status": [MeetingStatus.PLANNED.value, MeetingStatus.HELD.value],
            "attended": [None, sorted(present)],
        },
    )
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: PanelMeeting, reason: str, by: User | None) -> PanelMeeting:
    """Cancel a planned meeting; its cases go back to the cases ready for an agenda."""
    require(by, Perm.MANAGE_PANEL, meeting.organisation_id)
    _planned(meeting, "reason")
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason the meeting is cancelled"})
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancelled_reason = reason.strip()
    meeting.stamp(by)
    meeting.save(update_fields=["status", "cancelled_reason", "modified_at", "modified_by"])
    record_event(
        actor=by,
        verb="panel_meeting_cancelled",
        obj=meeting,
        changes={"status": [MeetingStatus.PLANNED.value, MeetingStatus.CANCELLED.value]},
        note=reason.strip(),
    )
    return meeting


# Agenda --------------------------------------------------------------------------------------------


@transaction.atomic
def item_add(
    *,
    meeting: PanelMeeting,
    kind: ItemKind | str,
    subject: object,
    supervising_social_worker: User | None = None,
    by: User | None,
) -> PanelItem:
    """Put a ready case on the agenda. ``subject`` is the record the kind is about (see SUBJECT_OF);
    ``agenda.ready_cases`` lists them. For an approval, the supervising social worker chosen before panel
    is recorded here (the household is handed to them on approval)."""
    require(by, Perm.MANAGE_PANEL, meeting.organisation_id)
    _planned(meeting, "case")
    kind = ItemKind(kind)
    if getattr(subject, "organisation_id", None) != meeting.organisation_id or not is_ready(kind, subject):
        raise ValidationError({"case": "That case is not ready for panel, or is already on an agenda"})
    if (
        supervising_social_worker is not None
        and not supervising_social_worker.memberships.filter(
            organisation_id=meeting.organisation_id, ended_on__isnull=True
        ).exists()
    ):
        raise ValidationError({"supervising_social_worker": "The social worker must work for this council"})
    item = PanelItem(
        organisation_id=meeting.organisation_id,
        meeting=meeting,
        kind=kind,
        household=household_of(kind, subject),
        supervising_social_worker=supervising_social_worker,
        **{SUBJECT_OF[kind]: subject},
    )
    item.stamp(by)
    item.full_clean(exclude=["sitting"])
    item.save()
    record_event(actor=by, verb="panel_item_added", obj=meeting, changes={"item": [None, str(item)]})
    return item


def _recordable(item: PanelItem, field: str) -> None:
    meeting = item.meeting
    if meeting.status != MeetingStatus.HELD or meeting.meets_on > clock.today():
        raise ValidationError(
            {
                field: f"The meeting on {meeting.meets_on:%-d %B %Y} has not been held yet: record it as held first"
            }
        )


@transaction.atomic
def conflict_declare(
    *, item: PanelItem, member: PanelMember, nature: str, by: User | None
) -> ConflictOfInterest:
    """A member's declared conflict of interest for an item: they do not sit for it."""
    if by is not None and not has_perm(by, Perm.RECORD_PANEL_RECOMMENDATION, item.organisation_id):
        require(by, Perm.MANAGE_PANEL, item.organisation_id)
    if item.recommendation:
        raise ValidationError(
            {"member": "The recommendation has been recorded: conflicts are declared before it"}
        )
    if not item.meeting.attendance.filter(member=member).exists():
        raise ValidationError({"member": f"{member} is not invited to this meeting"})
    if item.conflicts.filter(member=member).exists():
        raise ValidationError({"member": f"{member} has already declared a conflict for this item"})
    if not nature.strip():
        raise ValidationError({"nature": "Say what the conflict of interest is"})
    conflict = ConflictOfInterest(
        organisation_id=item.organisation_id, item=item, member=member, nature=nature.strip()
    )
    conflict.stamp(by)
    conflict.save()
    item.sitting.remove(member)
    record_event(
        actor=by,
        verb="panel_conflict_declared",
        obj=item,
        changes={"conflict": [None, str(member)]},
        note=nature,
    )
    return conflict


@transaction.atomic
def sitting_record(*, item: PanelItem, members: Iterable[PanelMember], by: User | None) -> PanelItem:
    """Who sat for the item: members who attended and declared no conflict for it."""
    require(by, Perm.RECORD_PANEL_RECOMMENDATION, item.organisation_id)
    _recordable(item, "members")
    if item.recommendation:
        raise ValidationError(
            {"members": "The recommendation has been recorded: who sat can no longer change"}
        )
    chosen = list(members)
    attended = set(item.meeting.attendance.filter(attended=True).values_list("member_id", flat=True))
    conflicted = set(item.conflicts.values_list("member_id", flat=True))
    for member in chosen:
        if member.pk in conflicted:
            raise ValidationError(
                {
                    "members": f"{member.user.get_full_name()} declared a conflict of interest for this item "
                    "and cannot sit for it"
                }
            )
        if member.pk not in attended:
            raise ValidationError({"members": f"{member.user.get_full_name()} did not attend the meeting"})
    before = sorted(item.sitting.values_list("pk", flat=True))
    item.sitting.set(chosen)
    item.stamp(by)  # the item's version moves with who sat
    item.save(update_fields=["modified_at", "modified_by"])
    record_event(
        actor=by,
        verb="panel_sitting_recorded",
        obj=item,
        changes={"sitting": [before, sorted(m.pk for m in chosen)]},
    )
    return item


@transaction.atomic
def recommendation_record(
    *,
    item: PanelItem,
    recommendation: Recommendation | str,
    reasons: str,
    minutes: str = "",
    number_of_children: int | None = None,
    age_min: int | None = None,
    age_max: int | None = None,
    placement_types: list[str] | None = None,
    sibling_group_max: int | None = None,
    by: User | None,
) -> PanelItem:
    """The panel's recommendation on an item, with reasons and minutes (and terms, to approve)."""
    require(by, Perm.RECORD_PANEL_RECOMMENDATION, item.organisation_id)
    item = (
        PanelItem.objects.select_for_update(of=("self",))
        .select_related("meeting", "fostering_household")
        .get(pk=item.pk)
    )
    _recordable(item, "recommendation")
    if item.recommendation:
        raise ValidationError({"recommendation": "The panel's recommendation has already been recorded"})
    recommendation = Recommendation(recommendation)
    kind = ItemKind(item.kind)
    if recommendation not in ALLOWED[kind]:
        raise ValidationError(
            {
                "recommendation": f"For {kind.label.lower()} the panel may recommend: "
                + ", ".join(r.label.lower() for r in ALLOWED[kind])
            }
        )
    gaps = quorum_gaps(list(item.sitting.values_list("role", flat=True)))
    if gaps:
        raise ValidationError(
            {"recommendation": "The panel is not quorate for this item: it needs " + ", ".join(gaps)}
        )
    if not reasons.strip():
        raise ValidationError({"reasons": "Give the panel's reasons"})
    terms: dict[str, object] = {}
    if recommendation in NEEDS_TERMS:
        errors = {}
        for name, value in (
            ("number_of_children", number_of_children),
            ("age_min", age_min),
            ("age_max", age_max),
        ):
            if value is None:
                errors[name] = "Enter the terms of approval recommended"
        if errors:
            raise ValidationError(errors)
        assert number_of_children is not None and age_min is not None and age_max is not None
        carer_type = item.fostering_household.carer_type if item.fostering_household else ""
        validate_terms(
            number_of_children=number_of_children,
            age_min=age_min,
            age_max=age_max,
            placement_types=placement_types or [],
            sibling_group_max=sibling_group_max or 1,
            carer_type=carer_type,
            named_child_id=None,
        )
        terms = {
            "number_of_children": number_of_children,
            "age_min": age_min,
            "age_max": age_max,
            "placement_types": list(placement_types or []),
            "sibling_group_max": sibling_group_max or 1,
        }
    item.recommendation = recommendation
    item.recommended_on = item.meeting.meets_on
    item.reasons = reasons.strip()
    item.minutes = minutes.strip()
    for name, term in terms.items():
        setattr(item, name, term)
    item.stamp(by)
    item.save()
    record_event(
        actor=by,
        verb="panel_recommendation_recorded",
        obj=item,
        changes={"recommendation": [None, recommendation.value]} | {k: [None, v] for k, v in terms.items()},
        note=reasons.strip(),
    )
    return item


@transaction.atomic
def feedback_record(
    *, item: PanelItem, given_by: FeedbackFrom | str, rating: int, comments: str = "", by: User | None
) -> Feedback:
    """Feedback on the panel from someone who attended for the item (applicants, social workers)."""
    require(by, Perm.MANAGE_PANEL, item.organisation_id)
    _recordable(item, "rating")
    if rating not in range(1, 6):
        raise ValidationError({"rating": "Choose a rating from 1 to 5"})
    feedback = Feedback(
        organisation_id=item.organisation_id,
        item=item,
        given_by=given_by,
        rating=rating,
        comments=comments.strip(),
    )
    feedback.stamp(by)
    feedback.save()
    record_event(actor=by, verb="panel_feedback_recorded", obj=item, changes={"feedback": [None, rating]})
    return feedback
