from __future__ import annotations

from typing import Any

from django import forms

from fostering.accounts.models import User
from fostering.accounts.roles import Role
from fostering.core.fields import DateInputField
from fostering.core.forms import ServiceForm

from .choices import SocialWorkerReason, VisitPlace

DATE_HINT = "For example, 27 3 2025"


def _staff_of(organisation_id: int, *roles: Role) -> Any:
    users = User.objects.filter(
        memberships__organisation_id=organisation_id, memberships__ended_on__isnull=True
    )
    if roles:
        users = users.filter(memberships__role__in=roles)
    return users.distinct().order_by("first_name", "last_name")


class AllocationForm(ServiceForm):
    submit_label = "Change the social worker"
    worker = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label="Social worker",
        error_messages={"required": "Choose the social worker"},
    )
    on = DateInputField(label="From", help_text=DATE_HINT)
    reason = forms.ChoiceField(
        choices=SocialWorkerReason.choices,
        widget=forms.RadioSelect,
        label="Reason for the change",
        error_messages={"required": "Choose the reason for the change"},
    )
    sw_id = forms.CharField(
        label="Social Work England registration number (optional)",
        required=False,
        max_length=10,
        help_text="Leave blank to use the number last recorded for this social worker",
    )

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = _staff_of(organisation_id, Role.CHILDS_SOCIAL_WORKER)  # type: ignore[attr-defined]


class VisitForm(ServiceForm):
    submit_label = "Record the visit"
    visited_on = DateInputField(label="Date of the visit", help_text=DATE_HINT)
    seen_alone = forms.TypedChoiceField(
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        label="Was the child seen alone?",
        error_messages={"required": "Say whether the child was seen alone"},
    )
    place = forms.ChoiceField(
        choices=VisitPlace.choices,
        widget=forms.RadioSelect,
        label="Where was the child seen?",
        error_messages={"required": "Choose where the child was seen"},
    )
    visited_by = forms.ModelChoiceField(
        queryset=User.objects.none(),
        required=False,
        label="Who visited (optional)",
        help_text="Leave blank if you visited",
    )
    notes = forms.CharField(widget=forms.Textarea, required=False, label="Notes (optional)")

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["visited_by"].queryset = _staff_of(organisation_id)  # type: ignore[attr-defined]
