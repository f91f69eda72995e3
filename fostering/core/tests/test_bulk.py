"""The raw-SQL bulk writes store exactly what saving each row through the ORM would."""

from __future__ import annotations

import pytest

from fostering.accounts.models import Organisation, Team
from fostering.core.bulk import insert_rows, update_rows

pytestmark = pytest.mark.django_db


def test_inserted_rows_read_back_as_saved_with_keys_taken_from_their_related_objects():
    council = Organisation.objects.create(name="Wrexfordshire County Council", code="990")
    teams = [Team(organisation=council, name=f"Team {n:02}") for n in range(12)]

    assert insert_rows(teams, batch=5) == 12

    assert list(Team.objects.filter(organisation=council).values_list("name", flat=True)) == [
        f"Team {n:02}" for n in range(12)
    ]


def test_a_row_whose_related_object_was_never_saved_is_refused_and_nothing_is_written():
    unsaved = Organisation(name="Ambridge Borough Council", code="991")

    with pytest.raises(ValueError, match="unsaved related object"):
        insert_rows([Team(organisation=unsaved, name="Duty")])

    assert Team.objects.count() == 0


def test_rows_of_two_models_are_refused():
    council = Organisation.objects.create(name="Wrexfordshire County Council", code="990")

    with pytest.raises(TypeError):
        insert_rows([Team(organisation=council, name="Duty"), Organisation(name="X", code="1")])


def test_updated_rows_take_their_new_values_and_the_others_keep_theirs():
    council = Organisation.objects.create(name="Wrexfordshire County Council", code="990")
    duty, fostering, kinship = (
        Team.objects.create(organisation=council, name=name) for name in ["Duty", "Fostering", "Kinship"]
    )

    assert update_rows(Team, ["name"], [("Front door", duty.pk), ("Connected persons", kinship.pk)]) == 2

    assert dict(Team.objects.values_list("pk", "name")) == {
        duty.pk: "Front door",
        fostering.pk: "Fostering",
        kinship.pk: "Connected persons",
    }


def test_update_refuses_what_is_not_a_column():
    with pytest.raises(ValueError, match="Team.id is not a column"):
        update_rows(Team, ["id"], [(1, 1)])
    with pytest.raises(ValueError, match="Team.members is not a column"):
        update_rows(Team, ["members"], [(1, 1)])
