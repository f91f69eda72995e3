"""The panel in the API: meetings with their papers clock and agenda, items with recommendation and
decision, and the agency decision maker's queue with the decision clock."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from fostering.accounts.roles import Role
from fostering.accounts.services import api_token_issue
from fostering.core import clock
from fostering.panel.choices import ItemKind
from fostering.panel.decisions import decision_record
from tests import builders

pytestmark = pytest.mark.django_db


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    return Client(HTTP_AUTHORIZATION=f"Bearer {api_token_issue(user=user, by=None)}")


def test_meetings_items_and_the_decision_queue(council, make_staff, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: date(2025, 3, 10))
    adm = make_staff(council, Role.AGENCY_DECISION_MAKER)
    members = builders.panel_members(council)
    fh = builders.approved_household(council, name="Garcia household")
    item = builders.panel_item(council, kind=ItemKind.TERMS_CHANGE, subject=fh, members=members)
    api = _client(adm)

    meetings = api.get("/api/v1/panel/meetings").json()
    assert meetings["count"] == 1 and meetings["items"][0]["status"] == "held"
    detail = api.get(f"/api/v1/panel/meetings/{item.meeting_id}").json()
    assert [d["rule"] for d in detail["deadlines"]] == ["panel_papers"]
    assert [(i["household_name"], i["recommendation"]) for i in detail["items"]] == [
        ("Garcia household", "approve")
    ]
    assert len(detail["members"]) == 5 and {m["attended"] for m in detail["members"]} == {True}

    queue = api.get("/api/v1/panel/decisions").json()
    assert [(i["id"], i["deadlines"][0]["due"], i["deadlines"][0]["status"]) for i in queue["items"]] == [
        (item.pk, "2025-03-13", "on_track")
    ]
    decision_record(item=item, agrees=True, decided_on=date(2025, 3, 7), by=adm)
    assert api.get("/api/v1/panel/decisions").json()["count"] == 0
    one = api.get(f"/api/v1/panel/items/{item.pk}").json()
    assert one["decision"]["outcome"] == "approve" and one["decision"]["agrees"] is True
    assert one["terms"] == {
        "number_of_children": 2,
        "age_min": 0,
        "age_max": 10,
        "placement_types": ["short_term"],
        "sibling_group_max": 2,
    }
    assert one["deadlines"][0]["status"] == "met"

    outsider = make_staff(council, Role.SUPERVISING_SOCIAL_WORKER)
    assert _client(outsider).get(f"/api/v1/panel/items/{item.pk}").status_code == 404
    assert _client(outsider).get("/api/v1/panel/meetings").json()["count"] == 0
    # panel members read their papers on the pages: they have no use of the API
    assert _client(members[1].user).get(f"/api/v1/panel/items/{item.pk}").status_code == 403
