from __future__ import annotations

from typing import Any

from django import forms

from fostering.core.fields import DateInputField, MonthInputField
from fostering.core.forms import ServiceForm

from .choices import RateKey

DATE_HINT = "For example, 1 4 2026"


def _date(label: str, *, required: bool = True, hint: str = DATE_HINT) -> DateInputField:
    return DateInputField(label=label, help_text=hint, required=required)


def _money(label: str, hint: str = "In pounds, for example 245.00") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        help_text=hint,
        max_digits=10,
        decimal_places=2,
        error_messages={
            "required": f"Enter the {label.lower()}",
            "invalid": "Enter an amount in pounds, like 245.00",
        },
    )


class LimitsForm(ServiceForm):
    """A form for money with usual ranges (``payments.limits``): a manager's form also offers the
    deliberate override, a confirmation with the reason, handed to the service as ``override_reason``."""

    def __init__(self, *args: Any, allow_override: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if allow_override:
            self.fields["override_confirmed"] = forms.BooleanField(
                required=False,
                label="I confirm this is intended",
                help_text="Only for an amount outside the usual range: it is recorded with your name",
            )
            self.fields["override_reason"] = forms.CharField(
                required=False,
                label="Why the usual limit does not apply (only with the confirmation)",
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "override_reason" not in self.fields:
            return data
        confirmed = data.pop("override_confirmed", False)
        reason = data.get("override_reason", "").strip()
        if confirmed and not reason:
            self.add_error("override_reason", "Give the reason the usual limit does not apply")
        elif reason and not confirmed:
            self.add_error("override_confirmed", "Confirm that this is intended, or leave the reason empty")
        data["override_reason"] = reason if confirmed else ""
        return data


class RunDraftForm(ServiceForm):
    submit_label = "Draft the run"
    period = MonthInputField(
        label="Month to pay",
        help_text="For example, 3 2026",
        error_messages={"required": "Enter the month to pay"},
    )


class ConfirmForm(ServiceForm):
    """A page that asks once before an action that cannot be undone."""

    def __init__(self, *args: Any, label: str = "Confirm", **kwargs: Any) -> None:
        self.submit_label = label
        super().__init__(*args, **kwargs)


class RateForm(LimitsForm):
    submit_label = "Add the rate"
    key = forms.ChoiceField(choices=RateKey.choices, label="What the rate is for")
    valid_from = _date("First day")
    valid_to = _date(
        "Last day", required=False, hint="Leave empty while it is the current rate. " + DATE_HINT
    )
    amount = _money("Amount", "A week's amount; respite and short breaks by the night. For example 245.00")


class UpratingForm(LimitsForm):
    submit_label = "Record the decision and create the new rates"
    decided_on = _date("Date of the decision")
    effective_from = _date("New rates from", hint="Usually 1 April. " + DATE_HINT)
    percentage = forms.DecimalField(
        label="Uprating, per cent",
        help_text="For example 3.5",
        max_digits=5,
        decimal_places=2,
        error_messages={"required": "Enter the percentage", "invalid": "Enter a number, like 3.5"},
    )
    note = forms.CharField(
        label="Decision reference or note", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class FeeLevelForm(ServiceForm):
    submit_label = "Set the fee level"
    level = forms.TypedChoiceField(
        choices=[(1, "Level 1"), (2, "Level 2"), (3, "Level 3")],
        coerce=int,
        widget=forms.RadioSelect,
        label="Skill level",
        error_messages={"required": "Choose the skill level"},
    )
    valid_from = _date("From", hint="A date in the past is paid as arrears in the next run. " + DATE_HINT)
    reason = forms.CharField(label="Reason", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ChildField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.person.full_name} ({obj.child_id})"


class AdditionalPaymentForm(LimitsForm):
    submit_label = "Authorise the payment"
    child = ChildField(queryset=None, label="Child", empty_label="Choose the child")  # type: ignore[arg-type]
    reason = forms.CharField(label="Assessed need it pays for", max_length=200)
    weekly_amount = _money("Weekly amount")
    valid_from = _date("First day")
    valid_to = _date("Last day")
    review_on = _date("Review by")

    def __init__(self, *args: Any, children: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = children  # type: ignore[attr-defined]


class UserField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.get_full_name()} ({obj.username})"


class CarerAccessForm(ServiceForm):
    submit_label = "Give access to the statements"
    user = UserField(
        queryset=None,  # type: ignore[arg-type]
        label="The carer's sign-in",
        empty_label="Choose the carer",
        error_messages={"required": "Choose the carer's sign-in"},
    )

    def __init__(self, *args: Any, users: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users  # type: ignore[attr-defined]


class QueryForm(ServiceForm):
    submit_label = "Send the query"
    question = forms.CharField(
        label="Your question about this payment",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter your question about this payment"},
    )


class AnswerForm(ServiceForm):
    submit_label = "Send the answer"
    answer = forms.CharField(
        label="Answer",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the answer"},
    )
    close = forms.BooleanField(label="Close the query with this answer", required=False)


class ClaimDecisionForm(ServiceForm):
    submit_label = "Save the decision"
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[("approve", "Approve the claim"), ("refuse", "Refuse the claim")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you approve or refuse the claim"},
    )
    reason = forms.CharField(
        label="Reason (needed to refuse)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The carer sees it with their claim",
    )


class MileageRateForm(ServiceForm):
    valid_from = _date("From")
    per_mile = forms.DecimalField(
        label="Amount a mile",
        help_text="In pounds, for example 0.45",
        max_digits=5,
        decimal_places=2,
        error_messages={
            "required": "Enter the amount a mile",
            "invalid": "Enter an amount in pounds, like 0.45",
        },
    )
