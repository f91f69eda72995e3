"""The panel's pages: agenda, recommendation errors beside the field, papers, scope, the ADM queue and the
panel's year report."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.assessments.choices import Stage
from fostering.assessments.tests import factories as assessment_factories
from fostering.panel.choices import ItemKind
from fostering.panel.models import PanelItem
from tests import builders

pytestmark = pytest.mark.django_db
ON = date(2025, 2, 3)


@pytest.fixture
def ready_assessment(council, make_staff):
    worker = make_staff(council, Role.ASSESSING_SOCIAL_WORKER)
    assessment = assessment_factories.application(council, worker=worker, name="Nowak household")
    assessment_factories.ready_to_move_to_panel(assessment, ON)
    assessment_factories.move(assessment, Stage.STAGE1, Stage.STAGE2, Stage.READY_FOR_PANEL, on=ON)
    return assessment


@pytest.fixture
def members(council):
    return builders.panel_members(council)


def test_a_ready_assessment_is_added_to_the_agenda_from_the_list_of_ready_cases(
    client, council, make_staff, members, ready_assessment
):
    administrator = make_staff(council, Role.PANEL_ADMINISTRATOR)
    ssw = make_staff(council, Role.SUPERVISING_SOCIAL_WORKER, first_name="Siobhan")
    item = builders.panel_item(
        council, kind=ItemKind.TERMS_CHANGE, subject=builders.approved_household(council), members=members
    )
    client.force_login(administrator)
    meeting_url = reverse("panel:meeting_add")
    response = client.post(
        meeting_url,
        {
            "meets_on_0": "10",
            "meets_on_1": "3",
            "meets_on_2": "2027",
            "starts_at": "10:00",
            "format": "hybrid",
            "venue": "Room 4",
        },
    )
    assert response.status_code == 302
    meeting_pk = int(response["Location"].rstrip("/").split("/")[-1])
    add = reverse("panel:item_add", args=[meeting_pk])
    page = client.get(add).content.decode()
    assert f'value="approval:{ready_assessment.pk}"' in page and "Nowak household" in page
    assert item.meeting_id != meeting_pk
    response = client.post(
        add, {"case": f"approval:{ready_assessment.pk}", "supervising_social_worker": ssw.pk}
    )
    assert response.status_code == 302
    added = PanelItem.objects.get(meeting_id=meeting_pk)
    assert (added.assessment, added.supervising_social_worker, added.household.name) == (
        ready_assessment,
        ssw,
        "Nowak household",
    )
    again = client.get(add).content.decode()
    assert f'value="approval:{ready_assessment.pk}"' not in again


def test_terms_with_the_youngest_age_above_the_oldest_reshow_with_the_error_beside_the_field(
    client, council, make_staff, members, ready_assessment
):
    adviser = make_staff(council, Role.PANEL_ADMINISTRATOR)
    item = builders.panel_item(
        council, kind=ItemKind.APPROVAL, subject=ready_assessment, members=members, recommendation=None
    )
    client.force_login(adviser)
    response = client.post(
        reverse("panel:recommendation", args=[item.pk]),
        {
            "recommendation": "approve",
            "reasons": "Warm and reflective applicants",
            "number_of_children": "1",
            "age_min": "12",
            "age_max": "8",
            "placement_types": ["short_term"],
            "sibling_group_max": "1",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "The youngest age must not be above the oldest age" in body
    item.refresh_from_db()
    assert item.recommendation == ""


def test_a_member_opens_the_papers_of_their_meeting_and_an_outsider_gets_404(
    client, council, make_staff, members, ready_assessment
):
    outsider = make_staff(council, Role.PANEL_MEMBER)
    item = builders.panel_item(council, kind=ItemKind.APPROVAL, subject=ready_assessment, members=members)
    papers = reverse("panel:item_papers", args=[item.pk])
    client.force_login(members[1].user)
    page = client.get(papers)
    assert page.status_code == 200 and "Nowak household" in page.content.decode()
    pdf = client.get(papers + "?format=pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    client.force_login(outsider)
    assert client.get(papers).status_code == 404
    assert client.get(papers + "?format=pdf").status_code == 404
    assert client.get(reverse("panel:meeting_detail", args=[item.meeting_id])).status_code == 404


def test_the_adm_queue_and_the_decision_page_approve_the_household(
    client, council, make_staff, members, ready_assessment
):
    adm = make_staff(council, Role.AGENCY_DECISION_MAKER)
    ssw = make_staff(council, Role.SUPERVISING_SOCIAL_WORKER)
    item = builders.panel_item(
        council,
        kind=ItemKind.APPROVAL,
        subject=ready_assessment,
        members=members,
        supervising_social_worker=ssw,
    )
    client.force_login(adm)
    queue = client.get(reverse("panel:adm_queue")).content.decode()
    assert "Nowak household" in queue and "Approve with terms" in queue
    early = client.post(
        reverse("panel:decision", args=[item.pk]),
        {"agrees": "yes", "decided_on_0": "3", "decided_on_1": "3", "decided_on_2": "2025"},
    )
    assert (
        "The decision cannot be dated before the panel&#x27;s recommendation (4 March 2025)"
        in early.content.decode()
    )
    response = client.post(
        reverse("panel:decision", args=[item.pk]),
        {"agrees": "yes", "decided_on_0": "6", "decided_on_1": "3", "decided_on_2": "2025"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.fostering_household is not None
    assert (item.fostering_household.supervising_social_worker, item.fostering_household.approved_on) == (
        ssw,
        date(2025, 3, 6),
    )
    assert "Nowak household" not in client.get(reverse("panel:adm_queue")).content.decode()


def test_the_panels_year_counts_meetings_items_and_decisions_and_downloads_as_csv(
    client, council, make_staff, members, ready_assessment
):
    chair = members[0].user
    adm = make_staff(council, Role.AGENCY_DECISION_MAKER)
    from fostering.panel.decisions import decision_record

    item = builders.panel_item(council, kind=ItemKind.APPROVAL, subject=ready_assessment, members=members)
    decision_record(item=item, agrees=True, decided_on=date(2025, 3, 12), by=adm)
    client.force_login(chair)
    page = client.get(reverse("reporting:panel_activity"), {"year": "2024"}).content.decode()
    assert 'data-meetings="Held">1<' in page
    assert "1 April 2024 to 31 March 2025" in page
    csv = client.get(reverse("reporting:panel_activity"), {"year": "2024", "format": "csv"}).content.decode()
    assert "meetings,Held,1" in csv
    assert "items: Approval of an assessment,Approve with terms,1" in csv
    assert "decisions,Agreeing with the recommendation,1" in csv
    assert "decisions,Within 7 working days,1" in csv


def test_the_meeting_says_when_the_papers_are_due_in_a_sentence_without_brackets(
    client, council, members, ready_assessment
):
    item = builders.panel_item(council, kind=ItemKind.APPROVAL, subject=ready_assessment, members=members)
    client.force_login(members[1].user)
    body = client.get(reverse("panel:meeting_detail", args=[item.meeting_id])).content.decode()
    row = body.split("Papers to members", 1)[1].split("</dd>", 1)[0]
    assert "Due by" in row
    assert "(" not in row and ")" not in row
