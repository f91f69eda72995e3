"""The year's files from a small council's care records: columns and rows exactly."""

import csv
import io
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from fostering.children.models import ChildReview, LegalStatus, PeriodOfCare
from fostering.placements.models import Placement
from fostering.returns903.codes import COLUMNS
from fostering.returns903.export import build_return
from tests import builders


@pytest.fixture
def records(council):
    household = builders.approved_household(council, approved_on=date(2020, 1, 6))
    household.household.postcode = "LE4 8FQ"
    household.household.save()
    amy = builders.child(
        council, first_name="Amy", date_of_birth=date(2012, 6, 30), sex="F", ethnicity="WBRI"
    )
    amy.home_postcode = "LE2 9JJ"
    amy.is_mother = False
    amy.save()
    period = PeriodOfCare.objects.create(
        organisation=council, child=amy, started_on=date(2025, 2, 3), category_of_need="N1"
    )
    LegalStatus.objects.create(
        organisation=council, child=amy, code="C1", started_on=date(2025, 2, 3), ended_on=date(2025, 8, 4)
    )
    LegalStatus.objects.create(organisation=council, child=amy, code="C2", started_on=date(2025, 8, 4))
    Placement.objects.create(
        organisation=council, child=amy, period_of_care=period, started_on=date(2025, 2, 3),
        ended_on=date(2025, 5, 12), placement_type="short_term", place="U6", provider="PR4",
        provider_name="Orange Grove Fostering", provider_urn="SC111111", postcode="NN1 2BN",
        weekly_cost=Decimal("950.00"), reason_place_change="CREQO",
    )  # fmt: skip
    Placement.objects.create(
        organisation=council, child=amy, period_of_care=period, started_on=date(2025, 5, 12),
        placement_type="long_term", place="U4", provider="PR1", fostering_household=household,
        provider_urn="SC222222", postcode="LE4 8FQ",
    )  # fmt: skip
    ChildReview.objects.create(organisation=council, child=amy, held_on=date(2025, 3, 1), participation="PN1")
    ChildReview.objects.create(
        organisation=council, child=amy, held_on=date(2025, 5, 20), participation="PN6"
    )
    omar = builders.child(
        council, first_name="Omar", date_of_birth=date(2008, 1, 1), sex="M", ethnicity="OOTH"
    )
    omar.uasc = True
    omar.upn = ""
    omar.save()
    period = PeriodOfCare.objects.create(
        organisation=council, child=omar, started_on=date(2024, 9, 9), ended_on=date(2025, 4, 30),
        reason_ended="E5", category_of_need="N8",
    )  # fmt: skip
    LegalStatus.objects.create(
        organisation=council, child=omar, code="V2", started_on=date(2024, 9, 9), ended_on=date(2025, 4, 30)
    )
    Placement.objects.create(
        organisation=council, child=omar, period_of_care=period, started_on=date(2024, 9, 9),
        ended_on=date(2025, 4, 30), placement_type="short_term", place="U6", provider="PR1",
        fostering_household=household, provider_urn="SC222222", postcode="LE4 8FQ",
    )  # fmt: skip
    gone = builders.child(council, first_name="Gone", date_of_birth=date(2010, 1, 1), sex="M")
    PeriodOfCare.objects.create(
        organisation=council, child=gone, started_on=date(2022, 1, 1), ended_on=date(2023, 1, 1),
        reason_ended="E4A", category_of_need="N1",
    )  # fmt: skip
    return amy, omar


def test_the_2026_return_lists_the_children_looked_after_in_the_year_with_their_episodes(records):
    amy, omar = records
    # when
    result = build_return(amy.organisation, 2026)
    # then
    assert result.tables["Header"] == [
        {
            "CHILD": amy.child_id,
            "SEX": "F",
            "DOB": "30/06/2012",
            "ETHNIC": "WBRI",
            "UPN": amy.upn,
            "MOTHER": "0",
            "MC_DOB": "",
        },
        {
            "CHILD": omar.child_id,
            "SEX": "M",
            "DOB": "01/01/2008",
            "ETHNIC": "OOTH",
            "UPN": "UN2",
            "MOTHER": "",
            "MC_DOB": "",
        },
    ]
    episodes = [",".join(row[c] for c in COLUMNS["Episodes"]) for row in result.tables["Episodes"]]
    assert episodes == [
        f"{amy.child_id},03/02/2025,S,C1,N1,U6,PR4,12/05/2025,X1,CREQO,LE2 9JJ,NN1 2BN,SC111111",
        f"{amy.child_id},12/05/2025,P,C1,N1,U4,PR1,04/08/2025,X1,,LE2 9JJ,LE4 8FQ,SC222222",
        f"{amy.child_id},04/08/2025,L,C2,N1,U4,PR1,,,,LE2 9JJ,LE4 8FQ,SC222222",
        f"{omar.child_id},09/09/2024,S,V2,N8,U6,PR1,30/04/2025,E5,,,LE4 8FQ,SC222222",
    ]
    assert result.tables["Reviews"] == [
        {"CHILD": amy.child_id, "DOB": "30/06/2012", "REVIEW": "20/05/2025", "REVIEW_CODE": "PN6"}
    ]
    assert result.tables["UASC"] == [
        {"CHILD": omar.child_id, "SEX": "M", "DOB": "01/01/2008", "DUC": "01/01/2026"}
    ]
    assert result.children == {amy.child_id: amy.pk, omar.child_id: omar.pk}


def test_last_years_return_shows_the_episodes_open_on_31_march_as_open(records):
    amy, omar = records
    result = build_return(amy.organisation, 2024)
    assert result.tables["Episodes"] == []
    result = build_return(amy.organisation, 2025)
    rows = [
        (r["CHILD"], r["DECOM"], r["RNE"], r["DEC"], r["REC"], r["REASON_PLACE_CHANGE"])
        for r in result.tables["Episodes"]
    ]
    # Amy's first placement was open on 31 March 2025: last year's return shows it open
    assert rows == [
        (amy.child_id, "03/02/2025", "S", "", "", ""),
        (omar.child_id, "09/09/2024", "S", "", "", ""),
    ]
    assert result.tables["Reviews"] == [
        {"CHILD": amy.child_id, "DOB": "30/06/2012", "REVIEW": "01/03/2025", "REVIEW_CODE": "PN1"}
    ]
    assert [r["SEX"] for r in result.tables["Header"]] == ["F", "M"]
    assert [r["SEX"] for r in build_return(amy.organisation, 2024, coded_as=2024).tables["Header"]] == []


def test_the_command_writes_the_four_files_with_exactly_the_dfe_columns(records, tmp_path):
    amy, _ = records
    call_command(
        "export_903", "--year", "2026", "--out", str(tmp_path), "--organisation", amy.organisation.code
    )
    for name, table in [
        ("header.csv", "Header"),
        ("episodes.csv", "Episodes"),
        ("reviews.csv", "Reviews"),
        ("uasc.csv", "UASC"),
    ]:
        with (tmp_path / name).open() as handle:
            rows = list(csv.reader(handle))
        assert rows[0] == COLUMNS[table]
    assert (tmp_path / "episodes.csv").read_text().splitlines()[1:3] == [
        f"{amy.child_id},03/02/2025,S,C1,N1,U6,PR4,12/05/2025,X1,CREQO,LE2 9JJ,NN1 2BN,SC111111",
        f"{amy.child_id},12/05/2025,P,C1,N1,U4,PR1,04/08/2025,X1,,LE2 9JJ,LE4 8FQ,SC222222",
    ]


def test_the_zip_holds_each_years_files(records):
    amy, _ = records
    data = build_return(amy.organisation, 2026).zip_bytes(build_return(amy.organisation, 2025))
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert names == [
        "2026/header.csv", "2026/episodes.csv", "2026/reviews.csv", "2026/uasc.csv",
        "2025/header.csv", "2025/episodes.csv", "2025/reviews.csv", "2025/uasc.csv",
    ]  # fmt: skip
