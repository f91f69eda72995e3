"""The portal's pages, for every kind of sign-in: a carer reaches their own household's pages and the children
placed with them while they are placed; an applicant their own application; staff and visitors nothing of it.

A carer never reaches another household's or another child's record by any address: every portal page that
takes an id is requested with the ids of records that are not theirs (another household's child, a child whose
placement with them ended, another council's), and must answer 404.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from fostering.accounts.models import User
from fostering.accounts.roles import Role
from fostering.assessments.tests import factories as assessment_factories
from fostering.households.tests import factories as household_factories
from fostering.payments.tests import factories as payment_factories
from fostering.placements.codes import ReasonPlaceChange
from fostering.placements.services import placement_end
from fostering.portal.tests.factories import portal_client, signed_up
from tests import builders
from tests.test_access import page_names_all

# Every page of the portal: url name -> (who it is for: "carer", "applicant" or "both"; the kind of record
# in its address, or None). Each part of the portal adds its own line below.
PORTAL_PAGES: dict[str, tuple[str, str | None]] = {
    "portal:home": ("both", None),
    "portal:messages": ("both", None),
    "portal:sign_in": ("both", None),
}
# portal part: money
PORTAL_PAGES |= {
    "portal:money_statements": ("carer", None),
    "portal:money_statement": ("carer", "statement"),
    "portal:money_statement_pdf": ("carer", "statement"),
    "portal:money_tax_year": ("carer", None),
    "portal:money_line_query": ("carer", "payment_line"),
    "portal:money_queries": ("carer", None),
    "portal:money_claims": ("carer", None),
    "portal:money_claim_add": ("carer", None),
}
# portal part: children
PORTAL_PAGES |= {
    "portal:children": ("carer", None),
    "portal:child": ("carer", "child"),
    "portal:child_note": ("carer", "child"),
    "portal:child_event": ("carer", "child"),
    "portal:breaks": ("carer", None),
    "portal:break_ask": ("carer", None),
}
# portal part: household
PORTAL_PAGES |= {
    "portal:household_review": ("carer", None),
    "portal:household_training": ("carer", None),
    "portal:household_course": ("carer", "course"),
}
# portal part: application
PORTAL_PAGES |= {
    "portal:application": ("applicant", None),
    "portal:application_documents": ("applicant", None),
    "portal:application_section": ("applicant", "application_section"),
}
# Opened without signing in: the emailed invitation link (tests in fostering/portal/tests/test_invitation.py).
OPEN_PORTAL_PAGES = {"portal:accept"}


@dataclass
class World:
    """One council with a carer signed up (household A, a child placed, a child whose placement ended),
    another household (B) with its own child, an applicant signed up, and a second council."""

    carer: User
    applicant: User
    staff: User
    records: dict[str, Any] = field(default_factory=dict)


# For a kind of record in a portal address: the carer's own (or the applicant's), and ones that are not theirs.
Mine = Callable[[World], Any]
NotMine = Callable[[World], list[Any]]
KINDS: dict[str, tuple[Mine, NotMine]] = {
    "child": (
        lambda w: w.records["child"],
        lambda w: [w.records["other_child"], w.records["ended_child"], w.records["far_child"]],
    ),
}
# portal part: household (a course: a published one of their council; another council's, one not published)
KINDS["course"] = (
    lambda w: household_factories.course(w.records["org"]),
    lambda w: [
        household_factories.course(w.records["far_household"].organisation),
        household_factories.course(w.records["org"], published=False),
    ],
)


# portal part: money (a statement and its line for each household, made when first asked for)
def _statements(w: World) -> dict[str, Any]:
    if "statements" not in w.records:
        made = {}
        for name in ("household", "other_household", "far_household"):
            made[name] = payment_factories.committed_statement(w.records[name])
        w.records["statements"] = made
    return w.records["statements"]


KINDS["statement"] = (
    lambda w: _statements(w)["household"][0],
    lambda w: [_statements(w)[n][0] for n in ("other_household", "far_household")],
)
KINDS["payment_line"] = (
    lambda w: _statements(w)["household"][1],
    lambda w: [_statements(w)[n][1] for n in ("other_household", "far_household")],
)
# portal part: application (a section's address is its code, read from the applicant's own access; a code of
# no section is a 404)
KINDS["application_section"] = (
    lambda w: SimpleNamespace(pk="addresses"),
    lambda w: [SimpleNamespace(pk="not-a-section")],
)


def _council(code: str) -> dict[str, Any]:
    org = builders.organisation(f"Council {code}", code)
    ssw = builders.staff(org, Role.SUPERVISING_SOCIAL_WORKER)
    mine = builders.approved_household(org, name=f"Mine{code} household", ssw=ssw)
    other = builders.approved_household(org, name=f"Other{code} household", ssw=ssw)
    child = builders.child(org, first_name=f"Placed{code}")
    other_child = builders.child(org, first_name=f"Elsewhere{code}")
    ended_child = builders.child(org, first_name=f"Left{code}")
    for c in (child, other_child, ended_child):
        builders.in_care(c)
    builders.placement(child, mine)
    builders.placement(other_child, other)
    ended = builders.placement(ended_child, mine)
    placement_end(
        placement=ended, ended_on=date(2024, 6, 1), reason_place_change=ReasonPlaceChange.values[0], by=None
    )
    assessment = assessment_factories.application(org, name=f"Applying{code} household")
    return {
        "org": org,
        "ssw": ssw,
        "household": mine,
        "other_household": other,
        "child": child,
        "other_child": other_child,
        "ended_child": ended_child,
        "assessment": assessment,
    }


@pytest.fixture
def world(db) -> World:
    own, far = _council("801"), _council("802")
    carer, _ = signed_up(own["household"])
    applicant, _ = signed_up(own["assessment"])
    signed_up(far["household"])
    records = {**own, "far_child": far["child"], "far_household": far["household"]}
    return World(carer=carer, applicant=applicant, staff=own["ssw"], records=records)


def url_of(name: str, record: Any | None) -> str:
    return reverse(name, args=[record.pk]) if record is not None else reverse(name)


def test_every_portal_page_is_in_this_matrix():
    names = {name for name in page_names_all() if name.startswith("portal:")}
    assert names == set(PORTAL_PAGES) | OPEN_PORTAL_PAGES, (
        "add new portal pages to tests/test_portal_access.py"
    )


def test_each_sign_in_reaches_exactly_its_own_portal_pages(world):
    carer, applicant = portal_client(world.carer), portal_client(world.applicant)
    staff = Client()
    staff.force_login(world.staff)
    visitor = Client()
    for name, (who, kind) in PORTAL_PAGES.items():
        mine = KINDS[kind][0](world) if kind else None
        url = url_of(name, mine)
        assert carer.get(url).status_code == (200 if who in ("carer", "both") else 404), f"carer {name}"
        assert applicant.get(url).status_code == (200 if who in ("applicant", "both") else 404), (
            f"applicant {name}"
        )
        assert staff.get(url).status_code == 404, f"staff opened {name}"
        response = visitor.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), name
        if kind:
            for theirs in KINDS[kind][1](world):
                assert carer.get(url_of(name, theirs)).status_code == 404, f"carer opened {name} of {theirs}"
                assert applicant.get(url_of(name, theirs)).status_code == 404, name
