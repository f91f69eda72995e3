"""The timeline in words: labels, choice labels, names, GOV.UK dates, Yes/No and pounds."""

import re
from datetime import date

import pytest
from django.urls import reverse

from fostering.accounts.permissions import Role
from fostering.audit.models import AuditEvent
from fostering.audit.services import record_read
from fostering.audit.wording import dates_in_text, join_words, readable_events
from fostering.households.choices import HouseholdStatus
from fostering.households.services import (
    household_status_change,
    supervising_social_worker_allocate,
    supervision_visit_record,
    terms_of_approval_change,
)
from tests import builders

pytestmark = pytest.mark.django_db


def event(record_type: str, changes: dict, *, actor=None, note: str = "") -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor,
        verb="something_changed",
        record_type=record_type,
        record_id="1",
        changes=changes,
        note=note,
    )


def sentences(*events: AuditEvent) -> list[str]:
    return [s for item in readable_events(events) for s in item.sentences]


def test_a_choice_reads_with_the_field_label_and_the_choice_labels_and_the_actor():
    org = builders.organisation("Wording Council", "811")
    worker = builders.staff(org, Role.SERVICE_MANAGER, first_name="Martyn", last_name="Barnes")
    changed = event("households.fosteringhousehold", {"carer_type": ["mainstream", "kinship"]}, actor=worker)
    assert sentences(changed) == [
        "Martyn Barnes changed the kind of carer from Mainstream foster carer to Kinship (connected person) carer."
    ]
    assert readable_events([changed])[0].heading == "Something changed"


def test_a_foreign_key_reads_as_the_name_resolved_once_for_the_whole_timeline(django_assert_num_queries):
    org = builders.organisation("Wording Council", "811")
    first = builders.staff(org, Role.SUPERVISING_SOCIAL_WORKER, first_name="Ann", last_name="Okafor")
    second = builders.staff(org, Role.SUPERVISING_SOCIAL_WORKER, first_name="Ben", last_name="Ruiz")
    for _ in range(5):
        event("households.fosteringhousehold", {"supervising_social_worker": [first.pk, second.pk]})
    events = list(AuditEvent.objects.filter(verb="something_changed").select_related("actor"))
    with django_assert_num_queries(1):
        words = sentences(*events)
    assert words == ["The system changed the supervising social worker from Ann Okafor to Ben Ruiz."] * 5


def test_a_foreign_key_to_a_record_no_longer_held_says_so():
    assert sentences(
        event("households.fosteringhousehold", {"supervising_social_worker": [None, 999999]})
    ) == ["The system set the supervising social worker to a user no longer held."]


def test_a_list_of_codes_reads_as_labels_joined_with_and():
    assert sentences(
        event("households.termsofapproval", {"placement_types": [None, ["short_term", "long_term"]]})
    ) == ["The system set the placement types to Short-term and long-term / permanent."]
    assert join_words(["Short term", "Long term", "Respite"]) == "Short term, long term and respite"
    assert join_words(["DBS check", "UPN"]) == "DBS check and UPN"


def test_iso_dates_read_as_govuk_dates_in_values_notes_and_labels():
    changed = event(
        "households.termsofapproval",
        {"effective_from": ["2026-01-05", "2026-10-03"]},
        note="Terms from 2026-10-03",
    )
    assert sentences(changed) == [
        "The system changed the start of the terms from 5 January 2026 to 3 October 2026."
    ]
    assert readable_events([changed])[0].note == "Terms from 3 October 2026"
    assert dates_in_text("Supervision visit on 2026-12-02") == "Supervision visit on 2 December 2026"
    assert dates_in_text("ref 2026-13-45") == "ref 2026-13-45"


def test_booleans_read_yes_or_no_and_money_in_pounds_with_separators():
    assert sentences(event("households.supervisionvisit", {"unannounced": [False, True]})) == [
        "The system changed the unannounced from No to Yes."
    ]
    assert sentences(event("placements.placement", {"weekly_cost": ["570228.00", "612.5"]})) == [
        "The system changed the weekly cost from £570,228.00 to £612.50."
    ]


def test_an_unknown_key_reads_as_a_humanised_label_never_the_raw_key():
    words = sentences(
        event("households.fosteringhousehold", {"visit": [None, "Supervision visit on 2026-12-02"]}),
        event("nowhere.nothing", {"reason_code": ["moved_away", None]}),
    )
    assert words == [
        "The system set the visit to Supervision visit on 2 December 2026.",
        "The system removed the reason code (it was Moved away).",
    ]


def test_a_read_says_who_opened_the_record_and_the_children_it_showed_never_the_page_name():
    org = builders.organisation("Wording Council", "811")
    worker = builders.staff(org, Role.SERVICE_MANAGER, first_name="Morgan", last_name="Manager")
    ava = builders.child(org, first_name="Ava", last_name="Reid")
    leo = builders.child(org, first_name="Leo", last_name="Hart")
    fh = builders.approved_household(org)
    record_read(by=worker, page="households:detail", record=fh, children=[ava.pk, leo.pk])
    record_read(by=worker, page="children:list", children=list(range(1, 40)), organisation_id=org.pk)
    viewed, listed = readable_events(AuditEvent.objects.filter(verb__in=["viewed", "listed"]).order_by("id"))
    assert viewed.heading == "Record viewed"
    assert viewed.sentences == [f"Morgan Manager opened the record, which showed {ava} and {leo}."]
    assert (viewed.note, listed.note, listed.record_label) == ("", "", "")
    assert listed.sentences == ["Morgan Manager opened a list, which showed 39 children."]


SNAKE_KEY = re.compile(r"\b[a-z]+_[a-z_]+\b")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def main_content(body: str) -> str:
    html = body.split('id="main-content"', 1)[1].split("</main>", 1)[0]
    return re.sub(r"<[^>]*>", " ", html)


def test_no_history_page_shows_a_raw_key_or_an_iso_date(client, django_assert_max_num_queries):
    org = builders.organisation("Wording Council", "811")
    manager = builders.staff(org, Role.SERVICE_MANAGER)
    ssw = builders.staff(org, Role.SUPERVISING_SOCIAL_WORKER, first_name="Martyn", last_name="Barnes")
    fh = builders.approved_household(org, name="Readable household", ssw=ssw)
    supervising_social_worker_allocate(fostering_household=fh, social_worker=manager, by=manager)
    terms_of_approval_change(
        fostering_household=fh,
        effective_from=date(2024, 6, 3),
        number_of_children=3,
        age_min=2,
        age_max=17,
        placement_types=["short_term"],
        by=manager,
    )
    supervision_visit_record(fostering_household=fh, visited_on=date(2024, 7, 1), visited_by=ssw, by=manager)
    household_status_change(
        fostering_household=fh,
        to_status=HouseholdStatus.ON_HOLD,
        changed_on=date(2024, 8, 1),
        reason="A break",
        by=manager,
    )
    child = builders.child(org, social_worker=manager, first_name="Readable")
    person = fh.household.members.get().person
    client.force_login(manager)
    pages = [
        reverse("households:history", args=[fh.pk]),
        reverse("children:history", args=[child.pk]),
        reverse("people:history", args=[person.pk]),
    ]
    for url in pages:
        with django_assert_max_num_queries(25):
            response = client.get(url)
        assert response.status_code == 200
        content = main_content(response.content.decode())
        assert not SNAKE_KEY.findall(content), (url, SNAKE_KEY.findall(content))
        assert not ISO_DATE.findall(content), (url, ISO_DATE.findall(content))
    household_page = main_content(client.get(pages[0]).content.decode())
    assert "changed the supervising social worker from Martyn Barnes to" in household_page
    assert (
        "changed the placement types from Short-term and long-term / permanent to Short-term."
        in household_page
    )
    assert "3 June 2024" in household_page
