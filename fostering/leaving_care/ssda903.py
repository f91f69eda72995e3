"""The OC3 table of the SSDA903 return: care leavers around their 17th to 21st birthdays.

The return (fostering.returns903) imports this module; this module imports nothing of the return. Care
leavers usually have no episode in the collection year, so the return adds them to the header from these rows.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from fostering.children.models import Child
from fostering.core import clock

from .eligibility import Span, birthday, in_care_on
from .models import BIRTHDAY_AGES, BirthdayContact, CareLeaver
from .services import birthday_contact_record, care_leaver_record, eligibility_of, spans_of

TABLES = {"OC3": ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"]}


def _age_in_year(dob: date, year_start: date, year_end: date) -> int | None:
    for age in BIRTHDAY_AGES:
        if year_start <= birthday(dob, age) <= year_end:
            return age
    return None


def export_rows(
    organisation_id: int, year_start: date, year_end: date
) -> dict[str, list[tuple[int, dict[str, str]]]]:
    """One OC3 row for each care leaver whose 17th to 21st birthday fell in the year and who was not looked
    after on it; blank IN_TOUCH, ACTIV and ACCOM when no birthday contact is recorded."""
    leavers = (
        CareLeaver.objects.filter(organisation_id=organisation_id)
        .select_related("child__person")
        .prefetch_related("birthday_contacts", "child__periods_of_care")
        .order_by("child__child_id", "id")
    )
    rows: list[tuple[int, dict[str, str]]] = []
    for leaver in leavers:
        dob = leaver.child.person.date_of_birth
        if dob is None:
            continue
        age = _age_in_year(dob, year_start, year_end)
        if age is None:
            continue
        periods = [Span(p.started_on, p.ended_on) for p in leaver.child.periods_of_care.all()]
        if in_care_on(periods, birthday(dob, age)):
            continue
        contact = next((c for c in leaver.birthday_contacts.all() if c.age == age), None)
        values = (
            {"IN_TOUCH": contact.in_touch, "ACTIV": contact.activity, "ACCOM": contact.accommodation}
            if contact is not None
            else {"IN_TOUCH": "", "ACTIV": "", "ACCOM": ""}
        )
        rows.append((leaver.child_id, values))
    return {"OC3": rows}


def _age_for_import(child: Child, values: dict[str, str], year_end: date | None) -> int | None:
    """The birthday the row is about: the one in the collection year when the year is known, else the
    latest 17th-21st birthday passed on which the young person was not looked after and whose contact is
    not recorded otherwise (a row already held answers for its own birthday)."""
    dob = child.person.date_of_birth
    if dob is None:
        return None
    if year_end is not None:
        return _age_in_year(dob, date(year_end.year - 1, 4, 1), year_end)
    periods, _ = spans_of(child)
    held = {c.age: c for c in BirthdayContact.objects.filter(care_leaver__child=child)}
    today = clock.today()
    for age in reversed(BIRTHDAY_AGES):
        contact = held.get(age)
        if contact is not None and (contact.in_touch, contact.activity, contact.accommodation) == (
            values.get("IN_TOUCH"),
            values.get("ACTIV"),
            values.get("ACCOM"),
        ):
            return age
    for age in reversed(BIRTHDAY_AGES):
        day = birthday(dob, age)
        if day <= today and age not in held and not in_care_on(periods, day):
            return age
    return None


def _messages(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return " ".join(message for messages in error.message_dict.values() for message in messages)
    return " ".join(error.messages)


def import_rows(
    organisation_id: int,
    table: str,
    rows: list[tuple[int, int, dict[str, str]]],
    *,
    year_end: date | None = None,
) -> list[tuple[int, str]]:
    """Record each row's young person as a care leaver (refused with the reason if they are not one) and
    its birthday contact; a blank row records the care leaver only. Importing a row again writes nothing.
    ``year_end`` (31 March of the collection year) names the birthday; without it, see ``_age_for_import``."""
    if table not in TABLES:
        return [(number, f"{table} is not a table of care leavers") for number, _, _ in rows]
    refused: list[tuple[int, str]] = []
    for number, child_pk, values in rows:
        child = (
            Child.objects.select_related("person")
            .filter(pk=child_pk, organisation_id=organisation_id)
            .first()
        )
        if child is None:
            refused.append((number, f"child {child_pk} is not on the system"))
            continue
        try:
            with transaction.atomic():
                _import_row(child, values, year_end)
        except ValidationError as error:
            refused.append((number, _messages(error)))
    return refused


def _import_row(child: Child, values: dict[str, str], year_end: date | None) -> None:
    dob = child.person.date_of_birth
    blank = not any(values.get(column) for column in ("IN_TOUCH", "ACTIV", "ACCOM"))
    age = _age_for_import(child, values, year_end)
    if age is None:
        raise ValidationError(
            "The young person had no 17th to 21st birthday"
            + (" in the collection year" if year_end is not None else "")
            + " without care on the day, so no care leaver information is returned"
        )
    assert dob is not None
    day = birthday(dob, age)
    leaver = CareLeaver.objects.filter(child=child).first()
    if leaver is None:
        found = eligibility_of(child, day)
        if not found.is_care_leaver:
            raise ValidationError(found.reason)
        leaver = care_leaver_record(child=child, recorded_on=min(day, clock.today()), by=None)
    if blank:
        return
    if not all(values.get(column) for column in ("IN_TOUCH", "ACTIV", "ACCOM")):
        raise ValidationError("IN_TOUCH, ACTIV and ACCOM are all given or all left blank (DfE rule 153)")
    birthday_contact_record(
        care_leaver=leaver,
        age=age,
        contacted_on=min(day, clock.today()),
        in_touch=values["IN_TOUCH"],
        activity=values["ACTIV"].removesuffix(".0"),
        accommodation=values["ACCOM"],
        by=None,
    )
