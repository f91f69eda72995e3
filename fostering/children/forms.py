from __future__ import annotations

from typing import Any

from django import forms

from fostering.accounts.models import User
from fostering.accounts.roles import Role
from fostering.people.forms import PersonForm

from .upn import validate_upn

CHILD_ONLY_FIELDS = ["child_id", "upn", "social_worker", "uasc"]


class ChildForm(PersonForm):
    child_id = forms.CharField(
        label="Child ID",
        max_length=10,
        help_text="The council's identifier for the child in the SSDA903 return",
        error_messages={"required": "Enter the child ID"},
    )
    upn = forms.CharField(
        label="Unique pupil number (optional)",
        max_length=13,
        required=False,
        validators=[validate_upn],
        help_text="13 characters, for example A123456789012",
    )
    social_worker = forms.ModelChoiceField(
        queryset=User.objects.none(), required=False, label="Child's social worker (optional)"
    )
    uasc = forms.BooleanField(label="Unaccompanied asylum-seeking child", required=False)

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["social_worker"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            memberships__organisation_id=organisation_id,
            memberships__role=Role.CHILDS_SOCIAL_WORKER,
            memberships__ended_on__isnull=True,
        ).distinct()
        for name in ["email", "phone"]:
            del self.fields[name]

    def clean_upn(self) -> str:
        return self.cleaned_data["upn"].strip().upper()

    def split(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """(person values, child values) from the cleaned data."""
        data = dict(self.cleaned_data)
        child = {name: data.pop(name) for name in CHILD_ONLY_FIELDS}
        return data, child
