"""The subject access export: everything about the person, third parties marked for redaction, as a zip
of JSON and PDF; making it is audited."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date

from fostering.audit.models import AuditEvent
from fostering.dataprotection import services
from fostering.dataprotection.export import as_json, gather, subject_access_zip
from fostering.people.choices import MemberRole
from fostering.people.services import member_add
from tests import builders


def carer_with_partner(council):
    fh = builders.approved_household(council, name="Lindqvist household")
    carer = fh.household.members.get().person
    partner = builders.person(council, first_name="Mira", last_name="Sandoval")
    member_add(
        household=fh.household, person=partner, role=MemberRole.CARER, joined_on=date(2016, 1, 1), by=None
    )
    return fh, carer, partner


def test_the_export_holds_the_persons_records_and_marks_the_third_parties(council):
    fh, carer, partner = carer_with_partner(council)
    child = builders.child(council, first_name="Tobias", last_name="Renn")
    builders.in_care(child)
    builders.placement(child, fh)

    data = as_json(gather(carer), made_on=date(2026, 11, 23))

    assert data["subject"] == {"person_id": carer.pk, "name": carer.full_name}
    assert data["third_parties_marked_for_redaction"] == ["Mira Sandoval", "Tobias Renn"]
    sections = data["sections"]
    assert sections["Person"][0]["Last name"] == "Lindqvist"
    assert [m["Household"] for m in sections["Household memberships"]] == ["Lindqvist household"]
    assert sections["Fostering households"][0]["Reference"] == fh.reference
    placed = sections["Children placed with the household"][0]["Child"]
    assert placed == {"value": str(child), "redact": ["Tobias Renn"]}
    assert "Child record" not in sections
    audit = sections["Audit timeline"]
    assert any(row["Record"] == f"people.person {carer.pk}" for row in audit)


def test_a_childs_export_marks_their_carers_and_holds_their_care_record(council):
    fh, carer, partner = carer_with_partner(council)
    child = builders.child(council, first_name="Tobias", last_name="Renn")
    builders.in_care(child)
    builders.placement(child, fh)

    data = as_json(gather(child.person), made_on=date(2026, 11, 23))

    assert data["third_parties_marked_for_redaction"] == sorted([carer.full_name, "Mira Sandoval"])
    assert data["sections"]["Child record"][0]["Child id"] == child.child_id
    assert len(data["sections"]["Placements"]) == 1


def test_the_zip_has_the_pdf_and_the_json_and_making_it_is_audited(council, service_manager):
    _, carer, _ = carer_with_partner(council)

    services.subject_access_record(person=carer, by=service_manager)
    name, content = subject_access_zip(carer)

    archive = zipfile.ZipFile(io.BytesIO(content))
    assert sorted(archive.namelist()) == ["subject-access.json", "subject-access.pdf"]
    assert archive.read("subject-access.pdf").startswith(b"%PDF")
    assert json.loads(archive.read("subject-access.json"))["third_parties_marked_for_redaction"] == [
        "Mira Sandoval"
    ]
    assert name.startswith(f"subject-access-{carer.pk}-")
    event = AuditEvent.objects.get(verb="subject_access_exported")
    assert (event.record_type, event.record_id, event.actor) == (
        "people.person",
        str(carer.pk),
        service_manager,
    )
