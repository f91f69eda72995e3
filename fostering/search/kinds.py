"""The kinds of record searched: each is scoped by its own app's selector, exactly as its list page is."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from fostering.accounts.permissions import Perm
from fostering.assessments.selectors import VIEW_PERMS as ASSESSMENT_PERMS
from fostering.assessments.selectors import assessment_list_for_user
from fostering.children.selectors import child_list_for_user
from fostering.households.selectors import household_list_for_user
from fostering.people.selectors import person_list_for_user
from fostering.recruitment.selectors import enquiry_list_for_user

from .registry import SearchKind, register

register(
    SearchKind(
        key="children",
        label="Children",
        perms=frozenset({Perm.VIEW_CHILD, Perm.VIEW_CASELOAD_CHILD}),
        scoped=lambda user: child_list_for_user(user=user),
        names=("person__first_name", "person__last_name"),
        exact=("child_id", "upn"),
        ordering=("person__last_name", "person__first_name", "id"),
        title=lambda child: child.person.full_name,
        detail_url=lambda child: reverse("children:detail", args=[child.pk]),
        hint=lambda child: f"Child ID {child.child_id}",
        list_url="children:list",
        shows_children=True,
    )
)
register(
    SearchKind(
        key="people",
        label="People",
        perms=frozenset({Perm.VIEW_PERSON}),
        scoped=lambda user: person_list_for_user(user=user),
        names=("first_name", "last_name"),
        ordering=("last_name", "first_name", "id"),
        title=lambda person: person.full_name,
        detail_url=lambda person: reverse("people:detail", args=[person.pk]),
        hint=lambda person: "",
        list_url="people:list",
    )
)
register(
    SearchKind(
        key="households",
        label="Fostering households",
        perms=frozenset({Perm.VIEW_HOUSEHOLD, Perm.VIEW_CASELOAD_HOUSEHOLD}),
        scoped=lambda user: household_list_for_user(user=user),
        names=("household__name",),
        exact=("reference",),
        ordering=("household__name", "reference", "id"),
        title=lambda household: household.household.name,
        detail_url=lambda household: reverse("households:detail", args=[household.pk]),
        hint=lambda household: f"Reference {household.reference} · {household.get_status_display()}",
        list_url="households:list",
    )
)
register(
    SearchKind(
        key="enquiries",
        label="Enquiries",
        perms=frozenset({Perm.VIEW_ENQUIRY}),
        scoped=lambda user: enquiry_list_for_user(user=user, stage="all"),
        names=("person__first_name", "person__last_name"),
        ordering=("person__last_name", "person__first_name", "-received_at", "id"),
        title=lambda enquiry: enquiry.person.full_name,
        detail_url=lambda enquiry: reverse("recruitment:enquiry_detail", args=[enquiry.pk]),
        hint=lambda enquiry: (
            f"Enquiry received {timezone.localtime(enquiry.received_at):%-d %B %Y} · {enquiry.get_stage_display()}"
        ),
        list_url="recruitment:enquiry_list",
    )
)
register(
    SearchKind(
        key="assessments",
        label="Assessments",
        perms=frozenset(ASSESSMENT_PERMS),
        scoped=lambda user: assessment_list_for_user(user=user),
        names=("household__name",),
        ordering=("household__name", "application_accepted_on", "id"),
        title=lambda assessment: assessment.household.name,
        detail_url=lambda assessment: reverse("assessments:detail", args=[assessment.pk]),
        hint=lambda assessment: f"{assessment.get_kind_display()} · {assessment.get_stage_display()}",
        list_url="assessments:list",
    )
)
