"""The subject access export: everything the service holds about one person, as JSON and as a PDF.

Other people who appear in the person's records (the other members of their household, children placed
with them, the carers a child lived with, a child named in a kinship assessment) are third parties: every
text that names one is marked for redaction, in the JSON as ``{"value": ..., "redact": [names]}`` and in
the PDF highlighted with the words "Redact: third party". The officer answering the request reviews and
redacts before sending. Staff acting for the council are named as they are.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import models
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from fostering.assessments.models import Assessment
from fostering.audit.selectors import timeline_for_records
from fostering.children.models import Child
from fostering.core import clock
from fostering.households.models import FosteringHousehold
from fostering.kinship.models import KinshipAssessment
from fostering.payments.models import Remittance
from fostering.people.models import HouseholdMember, Person
from fostering.placements.models import Placement
from fostering.recruitment.models import Enquiry

from .models import ErasureRequest

SKIP_FIELDS = {"id", "organisation", "created_by", "modified_at", "modified_by"}


def _value(obj: models.Model, f: models.Field[Any, Any]) -> Any:
    if f.is_relation:
        related = getattr(obj, f.name) if getattr(obj, f.attname) is not None else None
        return None if related is None else str(related)
    if f.choices:
        return getattr(obj, f"get_{f.name}_display")()
    value = getattr(obj, f.name)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def fields_of(obj: models.Model) -> dict[str, Any]:
    """Every stored field of the record, by its label, with choices in words."""
    return {
        str(f.verbose_name).capitalize(): _value(obj, f)
        for f in obj._meta.concrete_fields
        if f.name not in SKIP_FIELDS
    }


@dataclass
class Export:
    person: Person
    sections: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    third_parties: set[str] = field(default_factory=set)
    records: list[models.Model] = field(default_factory=list)

    def add(self, section: str, obj: models.Model, **extra: Any) -> None:
        self.sections.setdefault(section, []).append(fields_of(obj) | extra)
        self.records.append(obj)

    def third(self, people: Iterable[Person]) -> None:
        self.third_parties |= {p.full_name for p in people if p.pk != self.person.pk and p.full_name}


def gather(person: Person) -> Export:
    """Everything about the person, and the names of the third parties in it."""
    export = Export(person)
    export.add("Person", person)
    for address in person.addresses.all():
        export.add("Addresses", address)
    memberships = HouseholdMember.objects.filter(person=person).select_related("household")
    households = [m.household for m in memberships]
    for member in memberships:
        export.add("Household memberships", member, Household=member.household.name)
        for check in member.checks.all():
            export.add("Checks", check)
    for household in households:
        export.add("Households", household)
        export.third(m.person for m in household.members.select_related("person"))
    for enquiry in Enquiry.objects.filter(person=person):
        export.add("Enquiries", enquiry)
        for change in enquiry.stage_changes.all():
            export.add("Enquiry stage changes", change)
    for assessment in Assessment.objects.filter(household__in=households):
        export.add("Assessments", assessment)
        for step in assessment.stage_changes.all():
            export.add("Assessment stage changes", step)
        for session in assessment.sessions.all():
            export.add("Assessment sessions", session)
    for kinship in KinshipAssessment.objects.filter(connected_household__in=households).select_related(
        "child__person"
    ):
        export.add("Connected person assessments", kinship)
        export.third([kinship.child.person])
    fostering = list(FosteringHousehold.objects.filter(household__in=households))
    for fh in fostering:
        export.add("Fostering households", fh)
        for status_change in fh.status_changes.all():
            export.add("Household status changes", status_change)
        for placement in Placement.objects.filter(fostering_household=fh).select_related("child__person"):
            export.add("Children placed with the household", placement)
            export.third([placement.child.person])
        for remittance in Remittance.objects.filter(fostering_household=fh).select_related("run"):
            export.sections.setdefault("Payments", []).append(
                {
                    "Statement for": f"{remittance.run.period:%B %Y}",
                    "Household": fh.reference,
                    "Total": str(remittance.total),
                    "Lines": remittance.line_count,
                }
            )
    child = Child.objects.filter(person=person).first()
    if child is not None:
        export.add("Child record", child)
        for period in child.periods_of_care.all():
            export.add("Periods of care", period)
        for status in child.legal_statuses.all():
            export.add("Legal statuses", status)
        for review in child.reviews.all():
            export.add("Reviews", review)
        for placement in child.placements.select_related("fostering_household__household"):
            export.add("Placements", placement)
            if placement.fostering_household is not None:
                carers = placement.fostering_household.household.members.select_related("person")
                export.third(m.person for m in carers)
    for request in ErasureRequest.objects.filter(person=person):
        export.add("Erasure requests", request)
    for event in timeline_for_records([person, *export.records]).order_by("at", "id"):
        export.sections.setdefault("Audit timeline", []).append(
            {
                "When": event.at.isoformat(),
                "What": event.verb.replace("_", " "),
                "Record": f"{event.record_type} {event.record_id}",
                "Label": event.record_label,
                "By": event.actor.get_full_name() if event.actor else "The system",
                "Changes": json.dumps(event.changes, sort_keys=True) if event.changes else "",
                "Note": event.note,
            }
        )
    return export


def _names_in(text: str, names: Iterable[str]) -> list[str]:
    return sorted(name for name in names if name and name.lower() in text.lower())


def marked(value: Any, names: set[str]) -> Any:
    """A text naming third parties becomes {"value": text, "redact": [names]}."""
    if isinstance(value, str):
        found = _names_in(value, names)
        return {"value": value, "redact": found} if found else value
    return value


def as_json(export: Export, *, made_on: date) -> dict[str, Any]:
    names = export.third_parties
    return {
        "subject": {"person_id": export.person.pk, "name": export.person.full_name},
        "organisation": export.person.organisation.name,
        "made_on": made_on.isoformat(),
        "third_parties_marked_for_redaction": sorted(names),
        "sections": {
            title: [{label: marked(v, names) for label, v in row.items()} for row in rows]
            for title, rows in export.sections.items()
        },
    }


def html_marked(value: Any, names: set[str]) -> SafeString:
    """Escaped text with each third party's name highlighted for redaction."""
    text = "" if value is None else str(value)
    html = str(escape(text))
    for name in sorted(_names_in(text, names), key=len, reverse=True):
        safe = str(escape(name))
        html = html.replace(safe, f'<mark class="redact">{safe} <span>[Redact: third party]</span></mark>')
    return mark_safe(html)  # every part was escaped above


def as_pdf(export: Export, *, made_on: date) -> bytes:
    from weasyprint import CSS, HTML

    names = export.third_parties
    sections = [
        (title, [[(label, html_marked(v, names)) for label, v in row.items()] for row in rows])
        for title, rows in export.sections.items()
    ]
    html = render_to_string(
        "dataprotection/subject_access_pdf.html",
        {"person": export.person, "made_on": made_on, "sections": sections, "third_parties": sorted(names)},
    )
    stylesheet = CSS(filename=Path(__file__).parent / "static" / "dataprotection" / "subject_access_pdf.css")
    return bytes(HTML(string=html).write_pdf(stylesheets=[stylesheet]))


def subject_access_zip(person: Person) -> tuple[str, bytes]:
    """The file name and the zip of subject-access.json and subject-access.pdf."""
    made_on = clock.today()
    export = gather(person)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "subject-access.json", json.dumps(as_json(export, made_on=made_on), indent=2, ensure_ascii=False)
        )
        archive.writestr("subject-access.pdf", as_pdf(export, made_on=made_on))
    return f"subject-access-{person.pk}-{made_on.isoformat()}.zip", buffer.getvalue()
