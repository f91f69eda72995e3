"""Ofsted's annual fostering dataset: every figure counted from the records, its records listed, the checks,
the workbook, the command and the refusals of a bad year."""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import load_workbook

from fostering.accounts.roles import Role
from fostering.assessments.choices import Stage, WithdrawalReason
from fostering.assessments.services import assessment_stage_change
from fostering.assessments.tests import factories as assessment_factories
from fostering.children.services import care_end
from fostering.deadlines.calendar import LONDON
from fostering.households.choices import CarerType, HouseholdStatus, PlacementType, ResignationReason
from fostering.households.models import FosteringHousehold
from fostering.households.services import household_register, household_status_change
from fostering.people.choices import MemberRole
from fostering.people.services import member_add
from fostering.recruitment.tests import factories as recruitment_factories
from fostering.reporting.ofsted import Dataset, dataset
from fostering.reporting.ofsted_export import workbook_bytes
from tests import builders

pytestmark = pytest.mark.django_db
YEAR = 2026  # 1 April 2025 to 31 March 2026


def build(council, manager) -> dict[str, object]:
    """A year of a council's fostering: every kind of fact the collection counts, with some just outside."""
    kept = builders.approved_household(council, name="Adeyemi household", approved_on=date(2024, 1, 10))
    young = builders.person(council, first_name="Jade", date_of_birth=date(2007, 1, 1))  # 19 on 31 March
    member_add(
        household=kept.household, person=young, role=MemberRole.CARER, joined_on=date(2025, 5, 1), by=None
    )
    placed = builders.child(council, date_of_birth=date(2015, 3, 2))
    builders.in_care(placed, started_on=date(2025, 5, 20))
    placement = builders.placement(placed, kept, started_on=date(2025, 6, 1))
    leaver = builders.child(council, date_of_birth=date(2007, 1, 2))
    builders.in_care(leaver, started_on=date(2024, 1, 20))
    builders.placement(leaver, kept, started_on=date(2024, 2, 1))
    care_end(child=leaver, ended_on=date(2025, 2, 1), reason_ended="E17", by=None)

    named = builders.child(council, date_of_birth=date(2016, 4, 4))
    kinship = builders.approved_household(
        council,
        name="Brown household",
        approved_on=date(2025, 6, 1),
        carer_type=CarerType.KINSHIP,
        named_child_id=named.pk,
        number_of_children=1,
        sibling_group_max=1,
    )
    resigned = builders.approved_household(council, name="Clarke household", approved_on=date(2023, 5, 1))
    household_status_change(
        fostering_household=resigned,
        to_status=HouseholdStatus.RESIGNED,
        changed_on=date(2025, 9, 1),
        reason="Retiring",
        resignation_reason=ResignationReason.RETIREMENT,
        by=manager,
    )
    on_hold = builders.approved_household(
        council,
        name="Dhillon household",
        approved_on=date(2024, 2, 1),
        carer_type=CarerType.SHORT_BREAKS,
        placement_types=[PlacementType.SHORT_BREAKS],
    )
    household_status_change(
        fostering_household=on_hold,
        to_status=HouseholdStatus.ON_HOLD,
        changed_on=date(2025, 10, 1),
        reason="A family illness",
        by=manager,
    )
    deregistered = builders.approved_household(council, name="Evans household", approved_on=date(2024, 1, 10))
    household_status_change(
        fostering_household=deregistered,
        to_status=HouseholdStatus.DEREGISTERED,
        changed_on=date(2026, 1, 15),
        reason="Standards of care",
        by=manager,
    )
    builders.approved_household(council, name="Foster household", approved_on=date(2026, 4, 10))  # next year
    builders.approved_household(
        council,
        name="Gale household",
        approved_on=date(2025, 7, 1),
        carer_type=CarerType.SUPPORTED_LODGINGS,
        placement_types=[PlacementType.SUPPORTED_LODGINGS],
        age_min=16,
    )

    for received in (datetime(2025, 5, 1, 10), datetime(2026, 3, 31, 23, 30), datetime(2025, 3, 31, 12)):
        recruitment_factories.enquiry(council, received_at=received.replace(tzinfo=LONDON))
    applied = assessment_factories.application(council, name="Hughes household", accepted_on=date(2025, 5, 1))
    approved = household_register(
        household=applied.household,
        reference="FH-9001",
        carer_type=CarerType.MAINSTREAM,
        approved_on=date(2025, 8, 1),
        number_of_children=1,
        age_min=0,
        age_max=18,
        placement_types=[PlacementType.SHORT_TERM],
        by=None,
    )
    withdrawn = assessment_factories.application(
        council, name="Iqbal household", accepted_on=date(2025, 6, 1)
    )
    assessment_stage_change(
        assessment=withdrawn,
        to_stage=Stage.WITHDRAWN,
        changed_on=date(2025, 7, 1),
        reason="A new baby",
        withdrawal_reason=WithdrawalReason.AW3,
        by=None,
    )
    builders.allegation(kept, received_on=date(2025, 11, 3))
    builders.allegation(kept, received_on=date(2025, 3, 3))  # the year before
    builders.complaint(council, received_on=date(2025, 9, 1))
    return {
        "kept": kept,
        "kinship": kinship,
        "resigned": resigned,
        "on_hold": on_hold,
        "deregistered": deregistered,
        "approved": approved,
        "placement": placement,
        "young": young,
        "withdrawn": withdrawn,
    }


@pytest.fixture
def recorded(council, service_manager):
    records = build(council, service_manager)
    # another council's records never count
    builders.approved_household(
        builders.organisation("Ambridge Borough Council", "991"), approved_on=date(2025, 6, 1)
    )
    return records


def collect(council) -> Dataset:
    return dataset(organisation_id=council.pk, organisation_name=council.name, year=YEAR)


def values(data: Dataset) -> dict[str, object]:
    return {key: figure.value for key, figure in data.figures().items()}


def test_every_figure_is_counted_from_the_records(council, recorded):
    v = values(collect(council))
    # households: Adeyemi, Clarke, Dhillon, Evans at 1 April; Brown and Hughes approved; Clarke and Evans left
    assert (v["households_start.mainstream"], v["households_start.short_breaks"]) == (3, 1)
    assert v["households_start.family_and_friends"] == 0 and v["households_start.all"] == 4
    assert (v["approvals.mainstream"], v["approvals.family_and_friends"], v["approvals.all"]) == (1, 1, 2)
    assert (v["closures.mainstream"], v["closures.all"]) == (2, 2)
    assert (v["households_end.mainstream"], v["households_end.family_and_friends"]) == (2, 1)
    assert (v["households_end.short_breaks"], v["households_end.all"]) == (1, 4)
    # carers: one each, and Jade who joined the Adeyemis in May 2025
    assert (v["carers_start.all"], v["carers_end.all"]) == (4, 5)
    # places at 31 March: Adeyemi 2 (1 filled, 1 vacant), Brown 1 vacant, Dhillon 2 on hold, Hughes 1 vacant
    assert (v["places_approved.all"], v["places_filled.all"]) == (6, 1)
    assert (v["places_vacant.all"], v["places_not_available.all"]) == (3, 2)
    assert v["not_available.on_hold"] == 2 and v["not_available.break"] == 0
    assert (v["enquiries"], v["applications"], v["withdrawals.all"]) == (2, 2, 1)
    assert v["withdrawals.AW3"] == 1 and v["withdrawals.AW1"] == 0
    assert v["deregistrations.retirement.mainstream"] == 1
    assert v["deregistrations.deregistered.all"] == 1
    assert (v["application_length.approvals"], v["application_length.median"]) == (1, 92)
    assert v["ages.1"] == 1  # 18 to 19
    assert v["ages.4"] == 1 and v["ages.5"] == 3  # the applicant born in 1985; the carers born in 1980
    assert v["staying_put"] == 1
    assert (v["allegations"], v["complaints"]) == (1, 1)


def test_the_checks_pass_on_consistent_records(council, recorded):
    data = collect(council)
    assert data.passed
    assert len(data.checks) == 9
    (mainstream,) = [c for c in data.checks if c.title == "Households, mainstream"]
    assert (mainstream.left, mainstream.right) == (2, 2)
    assert "3 at 1 April + 1 approvals - 2 deregistrations and resignations = 2" in mainstream.sums


def test_a_check_fails_with_its_numbers_when_the_records_disagree(council, recorded):
    # a household with more children than approved places: filled + vacant + not available is not approved
    extra = builders.child(council)
    builders.in_care(extra, started_on=date(2025, 5, 1))
    kinship = recorded["kinship"]
    assert isinstance(kinship, FosteringHousehold)
    for child in (extra, builders.child(council)):
        if child is not extra:
            builders.in_care(child, started_on=date(2025, 5, 1))
        FosteringHousehold.objects.get(pk=kinship.pk).placements.create(
            organisation=council,
            child=child,
            started_on=date(2025, 7, 1),
            placement_type=PlacementType.SHORT_TERM,
        )
    data = collect(council)
    (places,) = [c for c in data.checks if c.title == "Places, family and friends"]
    assert not places.passed and (places.left, places.right) == (2, 1)
    assert not data.passed


def test_each_drill_down_lists_exactly_the_records_counted(client, council, recorded):
    client.force_login(builders.staff(council, Role.SERVICE_MANAGER))
    data = collect(council)
    for key, figure in data.figures().items():
        page = client.get(reverse("reporting:ofsted_records"), {"year": YEAR, "figure": key}).content.decode()
        assert page.count("data-record") == len(figure.records), key
        if not figure.is_measure:
            assert figure.value == sum(r.weight for r in figure.records)
        for record in figure.records:
            assert f'href="{record.url}"' in page
    kept, placement = recorded["kept"], recorded["placement"]
    filled = data.figures()["places_filled.all"]
    assert [r.url for r in filled.records] == [reverse("placements:detail", args=[placement.pk])]  # type: ignore[attr-defined]
    withdrawn = data.figures()["withdrawals.AW3"]
    assert [r.url for r in withdrawn.records] == [
        reverse("assessments:detail", args=[recorded["withdrawn"].pk])
    ]  # type: ignore[attr-defined]
    young = data.figures()["ages.1"]
    assert [r.url for r in young.records] == [reverse("people:detail", args=[recorded["young"].pk])]  # type: ignore[attr-defined]
    start = data.figures()["households_start.mainstream"]
    assert reverse("households:detail", args=[kept.pk]) in [r.url for r in start.records]  # type: ignore[attr-defined]


def test_the_page_shows_the_figures_the_checks_and_what_is_not_recorded(client, council, recorded):
    client.force_login(builders.staff(council, Role.SERVICE_MANAGER))
    page = client.get(reverse("reporting:ofsted_dataset"), {"year": YEAR}).content.decode()
    assert "2025-26" in page and 'data-checks="pass"' in page
    assert 'data-figure="households_end.all"><a class="govuk-link"' in page
    assert "figure=households_end.all" in page and ">4<" in page
    assert "What the collection asks that is not recorded yet" in page and "The children" in page
    records = client.get(reverse("reporting:ofsted_records"), {"year": YEAR, "figure": "staying_put"})
    assert records.status_code == 200
    assert (
        client.get(reverse("reporting:ofsted_records"), {"year": YEAR, "figure": "nothing"}).status_code
        == 404
    )


def test_the_workbook_holds_the_same_figures_and_the_checks(client, council, recorded):
    data = collect(council)
    book = load_workbook(BytesIO(workbook_bytes(data)))
    assert book.sheetnames == [
        "About",
        *[p.code.replace("_", " ").capitalize() for p in data.parts],
        "Checks",
    ]
    for part in data.parts:
        sheet = book[part.code.replace("_", " ").capitalize()]
        rows = {row[0]: list(row[1:]) for row in sheet.iter_rows(min_row=5, values_only=True)}
        for label, figures in part.rows:
            assert rows[label] == [f.value for f in figures], (part.code, label)
    checks = list(book["Checks"].iter_rows(min_row=2, values_only=True))
    assert len(checks) == len(data.checks) and all(row[1] == "Pass" for row in checks)
    client.force_login(builders.staff(council, Role.SERVICE_MANAGER))
    download = client.get(reverse("reporting:ofsted_dataset"), {"year": YEAR, "format": "xlsx"})
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    downloaded = load_workbook(BytesIO(download.content))
    households = {row[0]: row[1:] for row in downloaded["Households"].iter_rows(min_row=5, values_only=True)}
    assert households["Households at 31 March 2026"] == (2, 1, 1, 4)


def test_the_command_writes_the_workbook(council, recorded, tmp_path):
    out = tmp_path / "ofsted.xlsx"
    call_command("ofsted_dataset", "--year", str(YEAR), "--out", str(out), "--organisation", council.code)
    book = load_workbook(out)
    households = {row[0]: row[1:] for row in book["Households"].iter_rows(min_row=5, values_only=True)}
    assert households["Households at 1 April 2025"] == (3, 0, 1, 4)
    with pytest.raises(CommandError, match="has not ended yet"):
        call_command("ofsted_dataset", "--year", "2999", "--out", str(out), "--organisation", council.code)
    with pytest.raises(CommandError, match="as a number"):
        call_command("ofsted_dataset", "--year", "last", "--out", str(out), "--organisation", council.code)


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("twenty", "Enter the year as a number, for example 2026"),
        ("1999", "Enter a year from 2000 onwards"),
        ("2999", "The financial year to 31 March 2999 has not ended yet"),
    ],
)
def test_a_bad_year_is_refused_beside_the_field(client, council, year, message):
    client.force_login(builders.staff(council, Role.SERVICE_MANAGER))
    response = client.get(reverse("reporting:ofsted_dataset"), {"year": year})
    page = response.content.decode()
    assert response.status_code == 200
    beside = page[page.index('id="id_year_1_error"') : page.index('name="year"')]
    assert message in beside
    assert "data-figure=" not in page and "data-checks" not in page


def test_roles_without_household_reports_cannot_open_it(client, council):
    client.force_login(builders.staff(council, Role.SUPERVISING_SOCIAL_WORKER))
    assert client.get(reverse("reporting:ofsted_dataset")).status_code == 403
    assert client.get(reverse("reporting:ofsted_records")).status_code == 403


def test_the_page_takes_the_same_queries_as_the_records_grow(
    client, council, service_manager, django_assert_num_queries
):
    client.force_login(service_manager)
    build(council, service_manager)
    url = reverse("reporting:ofsted_dataset")
    client.get(url, {"year": YEAR})  # warm the session and the permission caches
    with django_assert_num_queries(QUERIES) as before:
        client.get(url, {"year": YEAR})
    for n in range(3):
        fh = builders.approved_household(council, approved_on=date(2025, 4, 2 + n))
        child = builders.child(council)
        builders.in_care(child, started_on=date(2025, 4, 10))
        builders.placement(child, fh, started_on=date(2025, 4, 20))
        household_status_change(
            fostering_household=fh,
            to_status=HouseholdStatus.ON_HOLD,
            changed_on=date(2025, 5, 1),
            reason="x",
            by=service_manager,
        )
        recruitment_factories.enquiry(council, received_at=datetime(2025, 6, 1 + n, 9, tzinfo=LONDON))
        assessment_factories.application(council, name=f"More{n} household", accepted_on=date(2025, 6, 1))
    with django_assert_num_queries(len(before.captured_queries)):
        client.get(url, {"year": YEAR})


QUERIES = 17


def test_the_demo_councils_dataset_passes_its_checks():
    from fostering.accounts.models import Organisation
    from fostering.demo.generator import build_scale

    build_scale("small", seed=5, today=date(2026, 6, 1))
    council = Organisation.objects.get(code="990")
    data = collect(council)
    assert [c.title for c in data.checks if not c.passed] == [], [c.sums for c in data.checks if not c.passed]
    v = values(data)
    assert v["households_end.all"] and v["approvals.all"] and v["enquiries"] and v["places_approved.all"]


def test_a_manager_of_two_councils_chooses_the_council(client, council, other_council):
    from fostering.accounts.models import Membership

    manager = builders.staff(council, Role.SERVICE_MANAGER)
    Membership.objects.create(
        user=manager, organisation=other_council, role=Role.SERVICE_MANAGER, started_on=date(2020, 1, 1)
    )
    builders.approved_household(council, approved_on=date(2024, 1, 10))
    theirs = builders.approved_household(
        other_council, name="Morgan household", approved_on=date(2024, 1, 10)
    )
    client.force_login(manager)
    url = reverse("reporting:ofsted_records")
    query = {"year": YEAR, "organisation": other_council.code, "figure": "households_end.all"}
    page = client.get(url, query).content.decode()
    assert page.count("data-record") == 1 and "Morgan household" in page
    assert reverse("households:detail", args=[theirs.pk]) in page
    page = client.get(url, {**query, "organisation": council.code}).content.decode()
    assert page.count("data-record") == 1 and "Morgan household" not in page
    dataset_page = client.get(reverse("reporting:ofsted_dataset"), {"year": YEAR}).content.decode()
    assert 'name="organisation"' in dataset_page


def test_carers_equality_answers_are_counted_only_with_their_consent(council, recorded):
    from fostering.people.equality import equality_monitoring_record, equality_monitoring_withdraw
    from fostering.people.models import Person

    def figures() -> dict:
        return dataset(organisation_id=council.pk, organisation_name=council.name, year=YEAR).figures()

    def count(key: str) -> int:
        return len(figures()[key].records)

    # a carer at 31 March, as the dataset lists them: none has given consent yet
    no_consent = figures()["characteristics.sexual_orientation.no_consent"].records
    assert no_consent and count("characteristics.sexual_orientation.bisexual") == 0
    person = Person.objects.get(pk=int(no_consent[0].url.rstrip("/").rsplit("/", 1)[-1]))
    equality_monitoring_record(
        person=person,
        consented_on=date(2026, 1, 5),
        sexual_orientation="bisexual",
        gender_identity="prefer_not",
        relationship_status="married",
        sex_not_said=True,
        by=None,
    )
    assert count("characteristics.sexual_orientation.bisexual") == 1
    assert count("characteristics.sexual_orientation.no_consent") == len(no_consent) - 1
    assert count("characteristics.gender_identity.prefer_not") == 1
    assert count("characteristics.relationship_status.married") == 1
    assert count("characteristics.sex.prefer_not") == 1
    equality_monitoring_withdraw(person=person, by=None)
    assert count("characteristics.sexual_orientation.bisexual") == 0
    assert count("characteristics.sexual_orientation.no_consent") == len(no_consent)
    assert count("characteristics.sex.prefer_not") == 0
