from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fostering.accounts.roles import Role
from fostering.audit.models import AuditEvent
from fostering.children.models import Child
from fostering.children.services import child_register, child_update
from fostering.children.upn import upn_check_letter, validate_upn
from tests import builders


def test_upn_check_letter_follows_the_dfe_algorithm():
    # weights 2..13 over "80112012345" + "6": worked by hand in the test
    tail = "801120123456"
    total = sum(int(c) * w for w, c in zip(range(2, 14), tail, strict=True))
    assert upn_check_letter(tail) == "ABCDEFGHJKLMNPQRTUVWXYZ"[total % 23]
    validate_upn(upn_check_letter(tail) + tail)
    with pytest.raises(ValidationError, match="check letter"):
        wrong = "B" if upn_check_letter(tail) != "B" else "C"
        validate_upn(wrong + tail)
    with pytest.raises(ValidationError, match="13 characters"):
        validate_upn("A12345")


@pytest.mark.django_db
def test_a_child_id_is_unique_within_a_council_but_not_across_councils(
    council, other_council, service_manager
):
    values = {"first_name": "Ava", "last_name": "Jones", "date_of_birth": date(2016, 4, 1)}
    child_register(organisation=council, person_values=values, child_id="123456", by=service_manager)
    with pytest.raises(ValidationError) as error:
        child_register(organisation=council, person_values=values, child_id="123456", by=service_manager)
    assert error.value.message_dict["child_id"] == ["Another child already has the ID 123456"]
    child_register(organisation=other_council, person_values=values, child_id="123456", by=None)
    assert Child.objects.filter(child_id="123456").count() == 2


@pytest.mark.django_db
def test_a_social_worker_from_another_council_cannot_be_allocated(council, other_council, service_manager):
    outsider = builders.staff(other_council, Role.CHILDS_SOCIAL_WORKER)
    child = builders.child(council)
    with pytest.raises(ValidationError):
        child_update(child=child, social_worker=outsider, by=service_manager)
    child.refresh_from_db()
    assert child.social_worker is None


@pytest.mark.django_db
def test_changing_a_childs_details_is_audited_with_old_and_new_values(council, service_manager):
    child = builders.child(council, first_name="Ava")
    child_update(child=child, person_values={"first_name": "Eva"}, uasc=True, by=service_manager)
    event = AuditEvent.objects.get(verb="child_updated")
    assert event.changes == {"first_name": ["Ava", "Eva"], "uasc": [False, True]}
