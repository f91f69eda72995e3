"""The GOV.UK date input: whatever is typed into the day, month and year boxes of any form, the answer is a
date in range or a GOV.UK message beside the field (never a Python message, never a server error)."""

from __future__ import annotations

import copy
import importlib
import re
from datetime import date
from typing import Any

import pytest
from crispy_forms_gds.fields import DateInputField as GdsDateInputField
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from fostering.core.dates import EARLIEST, LATEST, DateInputError, date_from_parts, month_from_text
from fostering.core.fields import DateInputField

TWENTY_DIGITS = "9" * 20
BETWEEN = "must be between 1 January 1900 and 31 December 2099"
BETWEEN_DATES = "between 1 January 1900 and 31 December 2099"


def every_date_field() -> list[Any]:
    """(form class, field name) for every date input declared on a form of the project's apps."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("fostering."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for form in vars(module).values():
            if not (isinstance(form, type) and issubclass(form, forms.BaseForm)):
                continue
            if form.__module__ != module.__name__:
                continue
            for name, field in form.base_fields.items():  # type: ignore[attr-defined]
                if isinstance(field, GdsDateInputField):
                    found.append(pytest.param(form, name, id=f"{config.label}.{form.__name__}.{name}"))
    return found


DATE_FIELDS = every_date_field()


def refusal(field: forms.Field, day: str, month: str, year: str) -> str:
    with pytest.raises(ValidationError) as refused:
        field.clean([day, month, year])
    return " ".join(refused.value.messages)


def test_the_forms_have_date_inputs_to_check():
    assert len(DATE_FIELDS) > 50


@pytest.mark.parametrize(("form", "name"), DATE_FIELDS)
def test_every_date_input_reads_the_boxes_the_gov_uk_way(form, name):
    field = copy.deepcopy(form.base_fields[name])
    subject = re.sub(r" \(optional\)$", "", str(field.label))
    assert refusal(field, TWENTY_DIGITS, "1", "2026") == f"{subject} must be a real date"
    assert refusal(field, "1", TWENTY_DIGITS, "2026") == f"{subject} must be a real date"
    assert refusal(field, "1", "1", TWENTY_DIGITS) == "Year must include 4 numbers"
    assert refusal(field, "31", "2", "2026") == f"{subject} must be a real date"
    assert refusal(field, "1", "13", "2026") == f"{subject} must be a real date"
    assert refusal(field, "1", "1", "0000") == f"{subject} {BETWEEN}"
    assert refusal(field, "1", "1", "26") == "Year must include 4 numbers"
    assert refusal(field, "1", "1", "") == f"{subject} must include a year"
    assert refusal(field, "", "", "2026") == f"{subject} must include a day and month"
    assert refusal(field, "x", "1", "2026") == f"{subject} must be a real date"
    assert field.clean([" 29", "2 ", "2028"]) == date(2028, 2, 29)


def test_the_label_names_the_date_without_optional():
    field = DateInputField(label="Accepted on (optional)", required=False)
    assert refusal(field, "1", "", "2026") == "Accepted on must include a month"
    assert field.clean(["", "", ""]) is None


def test_only_the_boxes_at_fault_are_marked():
    field = DateInputField(label="Date of birth")
    refusal(field, "31", "2", "2026")
    assert [getattr(part.widget, "errors", []) for part in field.fields] == [
        ["Date of birth must be a real date"],
        [],
        [],
    ]
    refusal(field, "1", "", "")
    assert [bool(part.widget.errors) for part in field.fields] == [False, True, True]


def test_an_empty_required_date_asks_for_it():
    assert refusal(DateInputField(label="Date of birth"), "", "", "") == "Enter the day, month and year"


GOV_UK_MESSAGE = re.compile(
    r"^(Date of birth must (be a real date|include a (day|month|year)( and (month|year))?|be "
    + BETWEEN_DATES
    + r")|Year must include 4 numbers|Enter the day, month and year)$"
)


@hyp_settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=25), st.from_regex(r"\A[0-9]{1,25}\Z")), min_size=3, max_size=3))
def test_any_input_is_a_date_in_range_or_a_gov_uk_message(parts):
    field = DateInputField(label="Date of birth")
    try:
        value = field.clean(parts)
    except ValidationError as refused:
        assert len(refused.messages) == 1
        assert GOV_UK_MESSAGE.match(refused.messages[0]), refused.messages
    else:
        assert value is not None
        assert EARLIEST <= value <= LATEST
        assert (value.day, value.month, value.year) == tuple(int(p) for p in parts)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2026-03", date(2026, 3, 1)), (" 2026-3 ", date(2026, 3, 1)), ("1900-01", EARLIEST)],
)
def test_a_month_is_read_as_its_first_day(text, expected):
    assert month_from_text(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0001-01", "The month must be between January 1900 and December 2099"),
        ("10000-01", "Enter the month as YYYY-MM, for example 2026-03"),
        ("2026-13", "Enter the month as YYYY-MM, for example 2026-03"),
        ("2026-00", "Enter the month as YYYY-MM, for example 2026-03"),
        (f"2026-{TWENTY_DIGITS}", "Enter the month as YYYY-MM, for example 2026-03"),
        ("March 2026", "Enter the month as YYYY-MM, for example 2026-03"),
        ("２０２６-03", "Enter the month as YYYY-MM, for example 2026-03"),
    ],
)
def test_a_month_out_of_range_or_badly_written_is_refused_in_words(text, message):
    with pytest.raises(DateInputError) as refused:
        month_from_text(text)
    assert str(refused.value) == message


def test_the_parts_are_read_in_ascii_digits_only():
    with pytest.raises(DateInputError) as refused:
        date_from_parts("١", "1", "2026", subject="Date of birth")
    assert refused.value.parts == ("day",)
