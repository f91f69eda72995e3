"""The demo generator: sizes, every role, determinism, valid data, and the shapes the services make."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from datetime import date
from itertools import pairwise

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import escape

from fostering.accounts.models import Membership, Organisation, Team, User
from fostering.accounts.roles import PORTAL_ROLES, STAFF_ROLES, Role
from fostering.assessments.models import Assessment
from fostering.audit.models import AuditEvent
from fostering.children.models import Child
from fostering.children.upn import validate_upn
from fostering.core.validators import age_on, validate_postcode
from fostering.deadlines.items import work_items_for
from fostering.deadlines.status import DeadlineStatus
from fostering.demo.generator import (
    DEMO_PASSWORD,
    DemoError,
    build_council,
    build_scale,
    delete_organisation,
    demo_username,
)
from fostering.demo.names import CouncilName
from fostering.demo.sizes import COUNTY, SMALL
from fostering.households.choices import OPEN_STATUSES, TRANSITIONS, CarerType, HouseholdStatus
from fostering.households.models import (
    FosteringHousehold,
    HouseholdReview,
    StatusChange,
    SupervisionVisit,
    TermsOfApproval,
)
from fostering.people.choices import MemberRole
from fostering.people.models import Address, Check, Household, HouseholdMember, Person

from .test_household_life import assert_household_life

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 2)
ORG_MODELS: list[type[models.Model]] = [
    Person,
    Household,
    HouseholdMember,
    Address,
    Check,
    Child,
    FosteringHousehold,
    TermsOfApproval,
    StatusChange,
    SupervisionVisit,
    HouseholdReview,
]


@pytest.fixture
def small() -> Organisation:
    build_scale("small", seed=7, today=TODAY)
    return Organisation.objects.get(code="990")


def test_the_small_council_has_every_staff_role_and_counts_in_range(small):
    roles = set(Membership.objects.filter(organisation=small).values_list("role", flat=True))
    assert roles == {role.value for role in STAFF_ROLES | PORTAL_ROLES}
    for role in STAFF_ROLES:
        user = User.objects.get(username=demo_username(role))
        assert user.memberships.get().role == role
        assert user.check_password("demo-password-2026")
    assert Team.objects.filter(organisation=small).count() == 15

    open_households = FosteringHousehold.objects.filter(organisation=small, status__in=OPEN_STATUSES)
    assert open_households.count() == SMALL.open_households == 19
    assert (
        2
        <= FosteringHousehold.objects.filter(organisation=small).exclude(status__in=OPEN_STATUSES).count()
        <= 6
    )
    assert set(open_households.values_list("carer_type", flat=True)) == set(CarerType.values)
    children = Child.objects.filter(organisation=small)
    assert children.filter(social_worker__isnull=False).count() == SMALL.children_in_care == 40
    assert 10 <= children.filter(social_worker__isnull=True).count() <= 25  # left care during the history
    assert 1.5 <= HouseholdMember.objects.filter(organisation=small).count() / Household.objects.count() <= 4


def test_the_county_is_the_size_of_the_domain_brief_and_its_data_is_valid():
    counts = build_scale("county", seed=1, today=TODAY)
    org = Organisation.objects.get(code="990")
    assert org.name == "Wrexfordshire County Council"
    fhs = FosteringHousehold.objects.filter(organisation=org)
    open_by_type = Counter(fhs.filter(status__in=OPEN_STATUSES).values_list("carer_type", flat=True))
    assert open_by_type == {
        "mainstream": 125,
        "kinship": 67,
        "foster_for_adoption": 5,
        "specialist": 5,
        "short_breaks": 15,
        "supported_lodgings": 34,
    }
    closed = fhs.exclude(status__in=OPEN_STATUSES).count()
    assert 0.2 <= closed / fhs.count() <= 0.32
    assert Child.objects.filter(organisation=org, social_worker__isnull=False).count() == 680
    assert 600 <= Child.objects.filter(organisation=org, social_worker__isnull=True).count() <= 800
    assert Child.objects.filter(organisation=org, uasc=True).count() == 34  # 5%
    in_care = Child.objects.filter(organisation=org, social_worker__isnull=False).select_related("person")
    ages = Counter(age_on(child.person.date_of_birth, TODAY) for child in in_care)  # type: ignore[arg-type]
    assert min(ages) == 0 and max(ages) == 17
    assert 0.15 <= (ages[16] + ages[17]) / 680 <= 0.35
    caseloads = Counter(
        fhs.filter(status__in=OPEN_STATUSES).values_list("supervising_social_worker", flat=True)
    )
    assert len(caseloads) == COUNTY.staff[Role.SUPERVISING_SOCIAL_WORKER]
    assert max(caseloads.values()) - min(caseloads.values()) <= 1
    reviews_last_year = HouseholdReview.objects.filter(organisation=org, held_on__gt=date(2025, 3, 2)).count()
    assert 170 <= reviews_last_year <= 280
    assert counts["people.Person"] == Person.objects.filter(organisation=org).count()
    assert_household_life(org, TODAY)

    for postcode in Household.objects.values_list("postcode", flat=True):
        validate_postcode(postcode)
    assert all(p[:2] in ("LE", "NN") for p in Household.objects.values_list("postcode", flat=True))
    upns = [u for u in Child.objects.values_list("upn", flat=True) if u]
    assert len(upns) >= 0.75 * Child.objects.count()
    for upn in upns:
        validate_upn(upn)
    assert len(set(Child.objects.values_list("child_id", flat=True))) == Child.objects.count()
    assert_indicators_count_what_they_list(org)

    # Every row stamped; a sample of each model passes the model's own validation and constraints.
    for model in ORG_MODELS:
        assert not model._default_manager.filter(organisation__isnull=True).exists()
        assert not model._default_manager.filter(created_at__date__gt=TODAY).exists()
        for obj in model._default_manager.order_by("?")[:25]:
            try:
                obj.full_clean()
            except ValidationError as error:  # pragma: no cover - the message says which row
                pytest.fail(f"{model.__name__} {obj.pk}: {error}")


def assert_indicators_count_what_they_list(org: Organisation) -> None:
    """The county's 36 closed months: every figure's numerator is the number of records its drill-down
    lists, every record counted is still held, and the mainstream approvals of a year are the approvals
    report's."""
    from fostering.indicators.catalogue import INDICATORS
    from fostering.indicators.models import ClosedPeriod, Figure
    from fostering.indicators.periods import Month
    from fostering.indicators.records import listed
    from fostering.indicators.services import applies
    from fostering.reporting.households import approvals as approvals_report

    months = [
        Month.of(m) for m in ClosedPeriod.objects.filter(organisation=org).values_list("month", flat=True)
    ]
    assert len(months) == 36
    figures = Figure.objects.filter(period__organisation=org)
    assert figures.count() == sum(applies(c, m) for c in INDICATORS for m in months)  # 7 a month, 9 a quarter
    for figure in figures:
        rows = listed(figure.numerator_records)
        assert figure.numerator == len(rows), (figure.code, figure.period)
        assert all(row.url for row in rows), (figure.code, figure.period)
    year_end = (
        figures.filter(code="FOS02", period__month__month=3)
        .select_related("period")
        .order_by("period__month")
        .last()
    )
    assert year_end is not None
    label = f"{year_end.period.month.year - 1}-{str(year_end.period.month.year)[-2:]}"
    table = approvals_report({org.pk})
    row = next(r for r in table.rows if r[0] == label)
    mainstream = table.headers.index("Mainstream foster carer")
    assert row[mainstream] == year_end.numerator


def _assert_service_shapes(org: Organisation) -> None:
    for fh in FosteringHousehold.objects.filter(organisation=org).prefetch_related("terms", "status_changes"):
        terms = sorted(fh.terms.all(), key=lambda t: t.effective_from)
        assert [t.effective_to for t in terms].count(None) == 1
        assert terms[0].effective_from == fh.approved_on
        if fh.carer_type == CarerType.KINSHIP:
            assert all(t.named_child_id for t in terms)
        changes = sorted(fh.status_changes.all(), key=lambda c: (c.changed_on, c.pk))
        assert (changes[0].from_status, changes[0].to_status, changes[0].changed_on) == (
            "",
            HouseholdStatus.AVAILABLE,
            fh.approved_on,
        )
        for before, after in pairwise(changes):
            assert after.from_status == before.to_status
            assert HouseholdStatus(after.to_status) in TRANSITIONS[HouseholdStatus(before.to_status)]
            if after.to_status in (
                HouseholdStatus.ON_HOLD,
                HouseholdStatus.RESIGNED,
                HouseholdStatus.DEREGISTERED,
            ):
                assert after.reason
        assert changes[-1].to_status == fh.status
        assert changes[-1].changed_on <= TODAY
    for model, field in ((SupervisionVisit, "visited_on"), (HouseholdReview, "held_on")):
        rows = model._default_manager.filter(organisation=org)
        assert not rows.filter(**{f"{field}__lt": models.F("fostering_household__approved_on")}).exists()
        assert not rows.filter(**{f"{field}__gt": TODAY}).exists()
    for member in HouseholdMember.objects.filter(organisation=org, role=MemberRole.CARER).select_related(
        "person"
    ):
        assert member.person.date_of_birth is not None
        assert age_on(member.person.date_of_birth, member.joined_on) >= 18
    checks = Check.objects.filter(organisation=org)
    assert not checks.filter(requested_on__gt=TODAY).exists()
    assert not checks.filter(received_on__gt=TODAY).exists()
    assert not checks.filter(received_on__isnull=True).exclude(outcome="pending").exists()


def test_the_bulk_rows_have_the_shapes_the_services_make(small):
    _assert_service_shapes(small)
    fh_events = AuditEvent.objects.filter(organisation=small, record_type="households.fosteringhousehold")
    assert fh_events.filter(verb="demo_created").count() == FosteringHousehold.objects.count()
    assert fh_events.filter(verb="household_status_changed").count() == (
        StatusChange.objects.count() - FosteringHousehold.objects.count()
    )
    assert AuditEvent.objects.filter(record_type="children.child").count() == Child.objects.count()
    assert not AuditEvent.objects.filter(actor__isnull=False).exists()


def test_the_demo_supervising_social_worker_has_overdue_and_on_track_work(small):
    user = User.objects.get(username="demo.supervising_social_worker")
    statuses = Counter(item.deadline.status for item in work_items_for(user, TODAY))
    assert statuses[DeadlineStatus.OVERDUE] >= 1
    assert statuses[DeadlineStatus.ON_TRACK] >= 1
    rules = {item.deadline.rule for item in work_items_for(user, TODAY)}
    assert {"supervision", "unannounced_visit", "annual_review", "dbs_renewal"} <= rules


def _digest(org: Organisation) -> dict[str, str]:
    """A digest of each model's rows in creation order, leaving out ids and what names the council."""
    skip = {"id", "organisation", "created_by", "modified_by", "county"}
    digests = {}
    for model in ORG_MODELS:
        rows = []
        for obj in model._default_manager.filter(organisation=org).order_by("pk"):
            row = {}
            for field in model._meta.concrete_fields:
                if field.name in skip or field.is_relation:
                    continue
                value = getattr(obj, field.attname)
                if field.name == "upn":
                    value = value[4:]  # the check letter and the council's number differ
                row[field.name] = value
            rows.append(row)
        digests[model.__name__] = hashlib.sha256(json.dumps(rows, default=str).encode()).hexdigest()
    users = User.objects.filter(memberships__organisation=org).order_by("pk")
    staff = [(u.first_name, u.last_name, u.job_title, u.date_joined.isoformat()) for u in users]
    digests["User"] = hashlib.sha256(json.dumps(staff).encode()).hexdigest()
    events = AuditEvent.objects.filter(organisation=org).order_by("pk")
    digests["AuditEvent"] = hashlib.sha256(
        json.dumps([(e.verb, e.record_type, e.at.isoformat(), e.note) for e in events]).encode()
    ).hexdigest()
    return digests


def test_the_same_seed_builds_the_same_council():
    first = CouncilName("Testshire County Council", "981", "Testford", "East Midlands", ("LE",))
    second = CouncilName("Otherford County Council", "982", "Testford", "East Midlands", ("LE",))
    build_council(council=first, size=SMALL, seed=11, today=TODAY)
    build_council(council=second, size=SMALL, seed=11, today=TODAY)
    a = _digest(Organisation.objects.get(code="981"))
    b = _digest(Organisation.objects.get(code="982"))
    assert a == b
    assert User.objects.filter(username="demo.service_manager.982").exists()
    third = CouncilName("Thirdshire County Council", "983", "Third", "East Midlands", ("LE",))
    build_council(council=third, size=SMALL, seed=12, today=TODAY)
    assert _digest(Organisation.objects.get(code="983"))["Person"] != a["Person"]


def test_an_existing_council_is_refused_unless_replaced(small):
    with pytest.raises(DemoError, match="already exists"):
        build_scale("small", seed=7, today=TODAY)
    build_scale("small", seed=8, today=TODAY, replace=True)
    org = Organisation.objects.get(code="990")
    assert org.pk != small.pk
    assert not Organisation.objects.filter(pk=small.pk).exists()
    for model in ORG_MODELS:
        assert not model._default_manager.exclude(organisation=org).exists()
    assert User.objects.count() == Membership.objects.count()


def test_deleting_an_organisation_keeps_other_councils(small):
    other = CouncilName("Testshire County Council", "981", "Testford", "East Midlands", ("NN",))
    build_council(council=other, size=SMALL, seed=3, today=TODAY)
    delete_organisation(small)
    assert list(Organisation.objects.values_list("code", flat=True)) == ["981"]
    assert Person.objects.exists() and not Person.objects.exclude(organisation__code="981").exists()


def test_demo_carers_and_applicants_sign_in_to_their_own_portal(small, client):
    """The login table lists the portal's sign-ins, and each one lands in the portal, on its own record."""
    from fostering.demo.generator import format_login_table
    from fostering.portal.models import PortalAccess

    table = format_login_table(small)
    signed_up = PortalAccess.objects.filter(organisation=small, user__isnull=False).select_related("user")
    kinds = sorted(signed_up.values_list("kind", flat=True))
    assessments = Assessment.objects.filter(organisation=small, stage__in=["application", "stage1", "stage2"])
    under_way = assessments.exclude(kind="independent_visitor").count()
    assert kinds.count("applicant") == min(2, under_way) >= 1 and "carer" in kinds
    for access in signed_up:
        assert access.user is not None
        assert access.user.username in table
        client.logout()
        response = client.post(
            "/accounts/login/", {"username": access.user.username, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 302
        home = client.get("/", follow=True)
        assert home.redirect_chain[-1][0] == "/my/"
        record = access.fostering_household or access.assessment
        assert record is not None
        assert escape(record.household.name) in home.content.decode()
