"""The application form's sections as data: each section's code, title, form and whether it is a list of
rows (addresses, referees, ...), and reading a section's answers: checking them, showing them, and the gaps
in an address history (computed from its dated rows alone)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms

from fostering.core import clock

from . import application_forms as f
from .choices import SectionCode

HISTORY_YEARS = 5


@dataclass(frozen=True)
class Section:
    code: SectionCode
    form: type[f.AnswersForm]
    rows: bool = False  # a list of rows, each read by ``form``
    min_rows: int = 0
    row_label: str = ""
    hint: str = ""

    @property
    def title(self) -> str:
        return str(self.code.label)


SECTIONS: list[Section] = [
    Section(SectionCode.PERSONAL, f.PersonalForm),
    Section(
        SectionCode.ADDRESSES,
        f.AddressForm,
        rows=True,
        min_rows=1,
        row_label="Address",
        hint="Every address you have lived at in the last 5 years, with the months you moved in and out.",
    ),
    Section(SectionCode.GP, f.GPForm),
    Section(
        SectionCode.EMPLOYERS,
        f.EmployerForm,
        rows=True,
        row_label="Employer",
        hint="Your employers now and in the past. Leave this empty if you have not worked.",
    ),
    Section(
        SectionCode.REFEREES,
        f.RefereeForm,
        rows=True,
        min_rows=3,
        row_label="Referee",
        hint="Three people who know you well and are not related to you. The service writes to them.",
    ),
    Section(
        SectionCode.HOUSEHOLD,
        f.HouseholdMemberForm,
        rows=True,
        row_label="Person",
        hint="Everyone else who lives with you, children and adults.",
    ),
    Section(
        SectionCode.CHILDREN_ELSEWHERE,
        f.ChildElsewhereForm,
        rows=True,
        row_label="Child",
        hint="Your children, and adult children, who do not live with you.",
    ),
    Section(SectionCode.PETS, f.PetForm, rows=True, row_label="Pet", hint="Any animals you keep."),
    Section(SectionCode.HEALTH, f.HealthForm),
    Section(SectionCode.CONSENT, f.ConsentForm),
]
BY_CODE: dict[str, Section] = {section.code.value: section for section in SECTIONS}


def rows_of(answers: dict[str, Any]) -> list[dict[str, Any]]:
    rows = answers.get("rows", [])
    return [row for row in rows if isinstance(row, dict)] if isinstance(rows, list) else []


def check(section: Section, answers: dict[str, Any], *, complete: bool) -> tuple[dict[str, Any], list[str]]:
    """The answers as the section's form reads them, and what is wrong with them (as GOV.UK messages)."""
    if not section.rows:
        form = section.form(section.form.data_from(answers), complete=complete)
        if not form.is_valid():
            return answers, _messages(form, "")
        return form.answers(), []
    rows, errors = [], []
    for n, row in enumerate(rows_of(answers), start=1):
        form = section.form(section.form.data_from(row, prefix="row"), prefix="row", complete=complete)
        if not form.is_valid():
            errors += _messages(form, f"{section.row_label} {n}: ")
        elif form.answers():
            rows.append(form.answers())
    if complete and len(rows) < section.min_rows:
        wanted = f"{section.min_rows} {section.row_label.lower()}{'s' if section.min_rows > 1 else ''}"
        errors.append(f"Give at least {wanted}")
    if complete and section.code == SectionCode.ADDRESSES and not errors:
        errors += history_errors(rows)
    return {"rows": rows}, errors


def _messages(form: forms.Form, lead: str) -> list[str]:
    return [f"{lead}{message}" for messages in form.errors.values() for message in messages]


# Address history: months as (year * 12 + month - 1), each row covering its months moved in to left.


def _month(text: str) -> int:
    year, month = str(text).split("-")[:2]
    return int(year) * 12 + int(month) - 1


def _label(month: int) -> str:
    return date(month // 12, month % 12 + 1, 1).strftime("%B %Y")


def _span(row: dict[str, Any], now: int) -> tuple[int, int]:
    start = _month(row["lived_from"])
    end = _month(row["lived_to"]) if row.get("lived_to") else now
    return start, end


def gaps(rows: list[dict[str, Any]], today: date) -> list[str]:
    """The stretches of more than a month in the last five years that no address covers, as sentences."""
    now = today.year * 12 + today.month - 1
    since = now - HISTORY_YEARS * 12
    spans = sorted(_span(row, now) for row in rows if row.get("lived_from"))
    found, covered = [], since - 1  # the last month covered so far
    for start, end in spans:
        if start - covered - 1 > 1:
            found.append((max(covered + 1, since), start - 1))
        covered = max(covered, end)
    if now - covered > 1:
        found.append((covered + 1, now))
    return [
        f"No address from {_label(first)} to {_label(last)}" for first, last in found if last - first + 1 > 1
    ]


def history_errors(rows: list[dict[str, Any]], today: date | None = None) -> list[str]:
    """An address history must reach back five years from today and up to now."""
    today = today or clock.today()
    now = today.year * 12 + today.month - 1
    spans = [_span(row, now) for row in rows if row.get("lived_from")]
    errors = []
    if not spans or min(start for start, _ in spans) > now - HISTORY_YEARS * 12:
        errors.append(f"Give your addresses back to {_label(now - HISTORY_YEARS * 12)} (5 years)")
    if spans and max(end for _, end in spans) < now:
        errors.append("Give the address you live at now (leave its \u201cuntil\u201d month blank)")
    return errors


def summary(section: Section, answers: dict[str, Any]) -> list[dict[str, Any]]:
    """The answers as summary-list groups: [{"heading": ..., "rows": [(label, value), ...]}]."""
    groups = []
    items = [(f"{section.row_label} {n}", row) for n, row in enumerate(rows_of(answers), 1)]
    for heading, values in items if section.rows else [("", answers)]:
        shown = []
        for name, field in section.form.base_fields.items():
            shown.append((str(field.label).replace(" (optional)", ""), _shown(field, values.get(name))))
        groups.append({"heading": heading, "rows": shown})
    return groups


def _shown(field: forms.Field, value: Any) -> str:
    if value in (None, ""):
        return "Not given"
    if isinstance(field, forms.BooleanField):
        return "Yes" if value else "No"
    if isinstance(field, forms.ChoiceField):
        return str(dict(field.choices).get(value, value))  # type: ignore[arg-type]
    if isinstance(value, str) and len(value) == 7 and value[4] == "-":
        return _label(_month(value))
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        return date.fromisoformat(value).strftime("%-d %B %Y")
    return str(value)
