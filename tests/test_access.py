"""Nobody sees a record their organisation, role or caseload does not reach: every page, every role.

Two councils are built with a member of staff in every role. Every page of the service is requested by
every role, for a record of their own council and one of the other council. The other council's records
must never be shown (404 or 403) and never appear in a list; for their own council's records a role gets
the page exactly when its permissions and caseload reach it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from fostering.accounts.models import Organisation, User
from fostering.accounts.permissions import ROLE_PERMISSIONS, Perm
from fostering.accounts.roles import Role
from fostering.assessments.tests import factories as assessment_factories
from fostering.kinship.tests import factories as kinship_factories
from fostering.recruitment.tests import factories as recruitment_factories
from tests import builders

# Every page that shows one record: url name -> (kind of record, permission the page needs beyond seeing it).
RECORD_PAGES: dict[str, tuple[str, Perm | None]] = {
    "people:detail": ("person", None),
    "people:edit": ("person", Perm.CHANGE_PERSON),
    "people:history": ("person", Perm.VIEW_HISTORY),
    "people:address_add": ("person", Perm.CHANGE_PERSON),
    "households:member_add": ("household", Perm.CHANGE_PERSON),
    "households:check_add": ("household", Perm.RECORD_CHECK),
    "children:detail": ("child", None),
    "children:edit": ("child", Perm.CHANGE_CHILD),
    "children:history": ("child", Perm.VIEW_HISTORY),
    "households:detail": ("household", None),
    "households:history": ("household", Perm.VIEW_HISTORY),
    "households:supervision_visit_add": ("household", Perm.RECORD_SUPERVISION),
    "households:review_add": ("household", Perm.RECORD_HOUSEHOLD_REVIEW),
    "households:status_change": ("household", Perm.CHANGE_HOUSEHOLD_STATUS),
    "households:terms_change": ("household", Perm.CHANGE_TERMS_OF_APPROVAL),
    "assessments:detail": ("assessment", None),
    "assessments:history": ("assessment", Perm.VIEW_HISTORY),
    "assessments:member_add": ("assessment", Perm.RECORD_ASSESSMENT),
    "assessments:check_add": ("assessment", Perm.RECORD_ASSESSMENT),
    "assessments:skills_to_foster": ("assessment", Perm.RECORD_SKILLS_TO_FOSTER),
    "assessments:mentor": ("assessment", Perm.RECORD_ASSESSMENT),
    "assessments:session_add": ("assessment", Perm.RECORD_ASSESSMENT),
    "assessments:agreement": ("assessment", Perm.RECORD_ASSESSMENT),
    "assessments:previous_agency_reference": ("assessment", Perm.RECORD_ASSESSMENT),
    "assessments:safeguarding_course": ("assessment", Perm.RECORD_SKILLS_TO_FOSTER),
    "assessments:allocate": ("assessment", Perm.START_ASSESSMENT),
    "assessments:stage_change": ("assessment", Perm.CHANGE_ASSESSMENT_STAGE),
    "assessments:hold": ("assessment", Perm.CHANGE_ASSESSMENT_STAGE),
    "assessments:withdraw": ("assessment", Perm.CHANGE_ASSESSMENT_STAGE),
    "recruitment:enquiry_detail": ("enquiry", None),
    "recruitment:enquiry_history": ("enquiry", Perm.VIEW_HISTORY),
    "recruitment:enquiry_respond": ("enquiry", Perm.CHANGE_ENQUIRY),
    "recruitment:screening_call": ("enquiry", Perm.CHANGE_ENQUIRY),
    "recruitment:visit_offer": ("enquiry", Perm.RECORD_INITIAL_VISIT),
    "recruitment:initial_visit": ("enquiry", Perm.RECORD_INITIAL_VISIT),
    "recruitment:decision": ("enquiry", Perm.DECIDE_PROGRESS),
    "recruitment:enquiry_close": ("enquiry", Perm.CHANGE_ENQUIRY),
    "recruitment:event_detail": ("event", None),
    "recruitment:booking_add": ("event", Perm.CHANGE_ENQUIRY),
    "recruitment:booking_update": ("event", Perm.CHANGE_ENQUIRY),
    "kinship:detail": ("kinship", None),
    "kinship:history": ("kinship", Perm.VIEW_HISTORY),
    "kinship:placement": ("kinship", Perm.RECORD_KINSHIP_ASSESSMENT),
    "kinship:panel_views": ("kinship", Perm.RECORD_KINSHIP_ASSESSMENT),
    "kinship:iro_informed": ("kinship", Perm.RECORD_KINSHIP_ASSESSMENT),
    "kinship:nominated_officer": ("kinship", Perm.APPROVE_REG25_EXTENSION),
    "kinship:extension": ("kinship", Perm.RECORD_KINSHIP_ASSESSMENT),
    "kinship:stage": ("kinship", Perm.RECORD_KINSHIP_ASSESSMENT),
    "kinship:outcome": ("kinship", Perm.RECORD_KINSHIP_ASSESSMENT),
    "kinship:withdraw": ("kinship", Perm.RECORD_KINSHIP_ASSESSMENT),
}
# Every list page: url name -> (kind of record listed, permissions any of which opens it).
LIST_PAGES: dict[str, tuple[str, set[Perm]]] = {
    "people:list": ("person", {Perm.VIEW_PERSON}),
    "children:list": ("child", {Perm.VIEW_CHILD, Perm.VIEW_CASELOAD_CHILD}),
    "households:list": ("household", {Perm.VIEW_HOUSEHOLD, Perm.VIEW_CASELOAD_HOUSEHOLD}),
    "assessments:list": (
        "assessment",
        {Perm.VIEW_ASSESSMENT, Perm.VIEW_CASELOAD_ASSESSMENT, Perm.VIEW_IV_ASSESSMENT},
    ),
    "recruitment:enquiry_list": ("enquiry", {Perm.VIEW_ENQUIRY}),
    "recruitment:decisions": ("enquiry", {Perm.DECIDE_PROGRESS}),
    "recruitment:event_list": ("event", {Perm.VIEW_ENQUIRY}),
    "kinship:list": ("kinship", {Perm.VIEW_KINSHIP_ASSESSMENT, Perm.VIEW_CASELOAD_KINSHIP_ASSESSMENT}),
}
# Pages every signed-in user may open, and forms that create a record (checked by permission alone).
OPEN_PAGES = {"mywork:home"}
ADD_PAGES = {"people:add": Perm.CHANGE_PERSON, "children:add": Perm.CHANGE_CHILD}
ADD_PAGES |= {"assessments:add": Perm.START_ASSESSMENT}
ADD_PAGES |= {"kinship:start": Perm.START_KINSHIP_ASSESSMENT}
ADD_PAGES |= {"recruitment:enquiry_add": Perm.CHANGE_ENQUIRY, "recruitment:event_add": Perm.CHANGE_ENQUIRY}
# Reports: opened by permission alone, and scoped inside to the user's organisations.
ADD_PAGES |= {"reporting:recruitment_funnel": Perm.VIEW_RECRUITMENT_REPORTS}
# Pages anyone may open without signing in; each takes the organisation's code.
PUBLIC_PAGES = {"recruitment:enquire", "recruitment:enquire_thanks"}
# Outside this test: sign-in pages, the API (tests/test_api_access.py) and the admin site.
NOT_HERE = ("accounts:", "api", "admin:")


def page_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list, prefix: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(prefix + pattern.name)

    walk(get_resolver().url_patterns, "")
    return {name for name in names if not name.startswith(NOT_HERE) and name != "bare"}


def test_every_page_of_the_service_is_in_this_matrix():
    covered = set(RECORD_PAGES) | set(LIST_PAGES) | OPEN_PAGES | set(ADD_PAGES) | PUBLIC_PAGES
    assert page_names() == covered, "add new pages to the access matrix in tests/test_access.py"


@dataclass
class Council:
    organisation: Organisation
    staff: dict[Role, User]
    records: dict[str, object]


def build_council(org: Organisation) -> Council:
    staff = {role: builders.staff(org, role) for role in Role}
    household = builders.approved_household(
        org, name=f"Caseload{org.code} household", ssw=staff[Role.SUPERVISING_SOCIAL_WORKER]
    )
    child = builders.child(org, social_worker=staff[Role.CHILDS_SOCIAL_WORKER], first_name=f"Child{org.code}")
    person = household.household.members.get().person
    enquiry = recruitment_factories.visited_enquiry(
        org, worker=staff[Role.INITIAL_VISIT_WORKER], last_name=f"Enquirer{org.code}"
    )
    event = recruitment_factories.event(org, title=f"Event{org.code} information evening")
    assessment = assessment_factories.application(
        org, worker=staff[Role.ASSESSING_SOCIAL_WORKER], name=f"Applicant{org.code} household"
    )
    kinship = kinship_factories.assessment(
        org, child=child, worker=staff[Role.KINSHIP_WORKER], name=f"Kin{org.code} household"
    )
    return Council(
        org,
        staff,
        {
            "kinship": kinship,
            "household": household,
            "child": child,
            "person": person,
            "enquiry": enquiry,
            "event": event,
            "assessment": assessment,
        },
    )


@pytest.fixture
def councils(db):
    return build_council(builders.organisation("Own Council", "801")), build_council(
        builders.organisation("Other Council", "802")
    )


def reaches(role: Role, user: User, kind: str, record) -> bool:
    perms = ROLE_PERMISSIONS[role]
    if kind == "person":
        return Perm.VIEW_PERSON in perms
    if kind in ("enquiry", "event"):
        return Perm.VIEW_ENQUIRY in perms
    if kind == "assessment":
        return (
            Perm.VIEW_ASSESSMENT in perms
            or (Perm.VIEW_CASELOAD_ASSESSMENT in perms and record.assessing_social_worker_id == user.pk)
            or (Perm.VIEW_IV_ASSESSMENT in perms and record.kind == "independent_visitor")
        )
    if kind == "kinship":
        return Perm.VIEW_KINSHIP_ASSESSMENT in perms or (
            Perm.VIEW_CASELOAD_KINSHIP_ASSESSMENT in perms and record.child.social_worker_id == user.pk
        )
    if kind == "child":
        return Perm.VIEW_CHILD in perms or (
            Perm.VIEW_CASELOAD_CHILD in perms and record.social_worker_id == user.pk
        )
    return Perm.VIEW_HOUSEHOLD in perms or (
        Perm.VIEW_CASELOAD_HOUSEHOLD in perms and record.supervising_social_worker_id == user.pk
    )


def label_of(kind: str, record) -> str:
    return {
        "person": lambda r: r.full_name,
        "child": lambda r: r.person.full_name,
        "household": lambda r: r.household.name,
        "assessment": lambda r: r.household.name,
        "enquiry": lambda r: r.person.full_name,
        "event": lambda r: r.title,
        "kinship": lambda r: r.connected_household.name,
    }[kind](record)


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_each_role_sees_exactly_what_its_permissions_and_caseload_reach(councils, role):
    own, other = councils
    user = own.staff[role]
    client = Client()
    client.force_login(user)
    for name, (kind, needs) in RECORD_PAGES.items():
        theirs = other.records[kind]
        response = client.get(reverse(name, args=[theirs.pk]))
        assert response.status_code in (403, 404), f"{role} opened {name} of another council"
        mine = own.records[kind]
        response = client.get(reverse(name, args=[mine.pk]))
        allowed = reaches(role, user, kind, mine) and (needs is None or needs in ROLE_PERMISSIONS[role])
        if allowed:
            assert response.status_code == 200, f"{role} should open {name}"
        else:
            assert response.status_code in (403, 404), f"{role} should not open {name}"
    for name, (kind, any_of) in LIST_PAGES.items():
        response = client.get(reverse(name))
        if ROLE_PERMISSIONS[role] & any_of:
            assert response.status_code == 200
            body = response.content.decode()
            assert label_of(kind, other.records[kind]) not in body, f"{role} saw another council's {kind}"
            shown = label_of(kind, own.records[kind]) in body
            assert shown == reaches(role, user, kind, own.records[kind]), f"{role} list of {kind}"
        else:
            assert response.status_code == 403
    for name, perm in ADD_PAGES.items():
        response = client.get(reverse(name))
        assert response.status_code == (200 if perm in ROLE_PERMISSIONS[role] else 403)
    home = client.get(reverse("mywork:home"))
    assert home.status_code == 200
    assert label_of("household", other.records["household"]) not in home.content.decode()


def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(councils):
    own, _ = councils
    client = Client()
    for name, (kind, _) in RECORD_PAGES.items():
        response = client.get(reverse(name, args=[own.records[kind].pk]))
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    for name in [*LIST_PAGES, *OPEN_PAGES, *ADD_PAGES]:
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    for name in PUBLIC_PAGES:
        assert client.get(reverse(name, args=[own.organisation.code])).status_code == 200, name
