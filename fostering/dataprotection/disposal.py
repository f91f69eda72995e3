"""What disposal does to each kind of record: anonymise (names, contact details, addresses and free text
replaced; the record, its dates and codes kept for the statutory returns and counts) or erase (deleted).

Called only by ``services.record_dispose`` and ``services.erasure_request_decide``, inside their
transaction. Audit events are never changed here (the stream is append-only); see ADR 13.
"""

from __future__ import annotations

from datetime import date

from django.db import models

from fostering.assessments.models import Assessment
from fostering.children.models import Child
from fostering.households.models import FosteringHousehold
from fostering.people.models import Address, EqualityMonitoring, Household, HouseholdMember, Person
from fostering.recruitment.models import Enquiry

ANONYMISED = "Anonymised"
REMOVED = "Removed when the record was anonymised"


def outward(postcode: str) -> str:
    """The postcode district only ('LE3 8RF' -> 'LE3'): enough for counts and distances, not an address."""
    compact = postcode.replace(" ", "").upper()
    return compact[:-3] if len(compact) >= 5 else ""


def _blank_text(queryset: models.QuerySet[models.Model]) -> None:
    """Replace every free-text field of the rows (notes, reasons, narratives name people)."""
    fields = [f for f in queryset.model._meta.concrete_fields if isinstance(f, models.TextField)]
    if fields:
        queryset.update(**{f.name: "" if f.blank else REMOVED for f in fields})


def _blank_related_text(record: models.Model) -> None:
    """The free text of every row that belongs to the record (one level of reverse relations). Payment
    records are left as they are: they are the council's accounts, and name no one in their text."""
    for relation in record._meta.related_objects:
        model = relation.related_model
        if isinstance(model, str) or model._meta.app_label == "payments":
            continue
        if relation.one_to_many or relation.one_to_one:
            _blank_text(model._default_manager.filter(**{relation.field.name: record}))


def person_held_elsewhere(person: Person, *, household: Household | None = None, child: bool = False) -> bool:
    """Whether another record still needs the person's identity (another household, or their care record)."""
    if not child and Child.objects.filter(person=person).exists():
        return True
    others = HouseholdMember.objects.filter(person=person)
    if household is not None:
        others = others.exclude(household=household)
    return others.exists()


def anonymise_person(person: Person) -> None:
    born = person.date_of_birth
    Person.objects.filter(pk=person.pk).update(
        first_name=ANONYMISED,
        last_name=f"person {person.pk}",
        preferred_name="",
        # the year is kept for counts by age; the day identifies
        date_of_birth=date(born.year, 1, 1) if born else None,
        disability_details="",
        email="",
        phone="",
    )
    # equality answers are held only with consent, for counts while the person is a carer: they go
    EqualityMonitoring.objects.filter(person=person).delete()
    for address in Address.objects.filter(person=person):
        Address.objects.filter(pk=address.pk).update(
            line_1=ANONYMISED, line_2="", town=ANONYMISED, county="", postcode=outward(address.postcode)
        )
    for enquiry in Enquiry.objects.filter(person=person):
        Enquiry.objects.filter(pk=enquiry.pk).update(email="", phone="", postcode=outward(enquiry.postcode))
        _blank_text(Enquiry.objects.filter(pk=enquiry.pk))
        _blank_related_text(enquiry)


def anonymise_household(household: Household) -> int:
    """The household's name and address, and every member only this household holds; returns how many
    members were kept because another record still needs them."""
    Household.objects.filter(pk=household.pk).update(
        name=f"{ANONYMISED} household {household.pk}",
        line_1="",
        line_2="",
        town="",
        postcode=outward(household.postcode),
    )
    kept = 0
    for member in HouseholdMember.objects.filter(household=household).select_related("person"):
        _blank_related_text(member)
        member.checks.update(reference="")
        if person_held_elsewhere(member.person, household=household):
            kept += 1
        else:
            anonymise_person(member.person)
    return kept


def anonymise_child(child: Child) -> int:
    Child.objects.filter(pk=child.pk).update(
        upn="", home_postcode=outward(child.home_postcode), school_postcode=outward(child.school_postcode)
    )
    _blank_text(Child.objects.filter(pk=child.pk))
    _blank_related_text(child)
    if HouseholdMember.objects.filter(person=child.person_id).exists():
        return 1
    anonymise_person(child.person)
    return 0


def anonymise_fostering_household(fh: FosteringHousehold) -> int:
    _blank_related_text(fh)
    return anonymise_household(fh.household)


def anonymise_assessment(assessment: Assessment) -> int:
    Assessment.objects.filter(pk=assessment.pk).update(mentor_name="", previous_agency="")
    _blank_related_text(assessment)
    return anonymise_household(assessment.household)


def anonymise_enquiry(enquiry: Enquiry) -> int:
    if person_held_elsewhere(enquiry.person):
        Enquiry.objects.filter(pk=enquiry.pk).update(email="", phone="", postcode=outward(enquiry.postcode))
        _blank_text(Enquiry.objects.filter(pk=enquiry.pk))
        _blank_related_text(enquiry)
        return 1
    anonymise_person(enquiry.person)
    return 0


def person_erasable(person: Person) -> bool:
    """Nothing else holds the person: no enquiry left, no household, no care record."""
    return not (
        Enquiry.objects.filter(person=person).exists()
        or HouseholdMember.objects.filter(person=person).exists()
        or Child.objects.filter(person=person).exists()
    )


def erase_enquiry(enquiry: Enquiry, *, with_person: bool = True) -> bool:
    """Delete the enquiry (its stage history and bookings with it), and the person if nothing else holds
    them; returns whether the person was erased too."""
    person = enquiry.person
    enquiry.delete()
    if with_person and person_erasable(person):
        person.delete()
        return True
    return False
