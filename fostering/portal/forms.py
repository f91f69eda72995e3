from __future__ import annotations

from typing import Any

from django import forms

from fostering.core.forms import ServiceForm
from fostering.people.models import HouseholdMember


class InviteForm(ServiceForm):
    submit_label = "Send the invitation"
    person = forms.ChoiceField(label="Who to invite", widget=forms.RadioSelect)
    email = forms.EmailField(
        label="Email address", help_text="The invitation link is sent here. It works once, for 5 days."
    )

    def __init__(self, *args: Any, members: list[HouseholdMember], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(m.person_id), m.person.full_name) for m in members]
        self.fields["person"].choices = choices  # type: ignore[attr-defined]
        self.people = {str(m.person_id): m.person for m in members}
        if len(members) == 1 and not self.is_bound:
            self.initial.setdefault("person", str(members[0].person_id))
        emails = {str(m.person_id): m.person.email for m in members if m.person.email}
        if len(members) == 1 and emails and not self.is_bound:
            self.initial.setdefault("email", next(iter(emails.values())))


class MessageForm(ServiceForm):
    submit_label = "Send the message"
    subject = forms.CharField(max_length=120)
    body = forms.CharField(label="Message", widget=forms.Textarea(attrs={"rows": 6}))


class EndForm(ServiceForm):
    submit_label = "End their access"
    reason = forms.CharField(label="Why their access ends", widget=forms.Textarea(attrs={"rows": 3}))


class ResendForm(ServiceForm):
    submit_label = "Send a new link"


class ConfirmForm(ServiceForm):
    submit_label = "Withdraw the invitation"


class SetPasswordForm(ServiceForm):
    submit_label = "Set my password"
    password1 = forms.CharField(
        label="Choose a password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 10 characters, not all numbers, and not a common password.",
    )
    password2 = forms.CharField(
        label="Type the password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password1") and data.get("password2") and data["password1"] != data["password2"]:
            self.add_error("password2", "The passwords do not match")
        return data
