"""One Reports page lists every report; the top navigation stays short; approvals count one way."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import URLPattern, get_resolver, reverse

from fostering.accounts.models import Organisation
from fostering.accounts.permissions import ROLE_PERMISSIONS
from fostering.accounts.roles import PORTAL_ROLES, Role
from fostering.assessments.tests import factories as assessment_factories
from fostering.core.context_processors import TOP_SIZE, navigation_for
from fostering.demo.generator import build_scale
from fostering.households.choices import CarerType, PlacementType
from fostering.households.models import FosteringHousehold
from fostering.households.services import household_register
from fostering.reporting.catalogue import SECTIONS
from fostering.reporting.funnel import funnel
from fostering.reporting.households import approvals as approvals_report
from tests import builders

pytestmark = pytest.mark.django_db
REPORT_NAMESPACES = ("reporting", "forecasts", "indicators")


def report_pages() -> set[str]:
    """Every page without arguments in the report namespaces of the URL configuration."""
    names = set()
    for namespace in REPORT_NAMESPACES:
        resolver = get_resolver().namespace_dict[namespace][1]
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLPattern) and pattern.name and not pattern.pattern.regex.groups:
                names.add(f"{namespace}:{pattern.name}")
    # pages opened from a report rather than listed: the indicators' figure and settings pages (from the
    # dashboard) and the records behind one figure of the Ofsted dataset
    reached_from_the_dashboard = {f"indicators:{n}" for n in ("figure", "close", "targets", "comparators")}
    opened_from_a_report = {"reporting:ofsted_records", "reporting:annual_report_section"}
    return names - {"reporting:index"} - opened_from_a_report - reached_from_the_dashboard


def test_every_report_of_the_url_configuration_is_on_the_reports_page(client, council):
    listed = {report.url_name for _, reports in SECTIONS for report in reports}
    assert report_pages() <= listed, "add the new report to reporting/catalogue.py"
    shown = ""
    for role in Role:
        client.force_login(builders.staff(council, role))
        shown += client.get(reverse("reporting:index")).content.decode()
    for name in listed:
        assert f'href="{reverse(name)}"' in shown, name


def test_the_reports_page_shows_a_role_only_the_reports_it_may_open(client, council):
    client.force_login(builders.staff(council, Role.PANEL_CHAIR))
    page = client.get(reverse("reporting:index")).content.decode()
    assert "For the fostering panel" in page and reverse("reporting:panel_activity") in page
    assert reverse("reporting:recruitment_funnel") not in page
    client.force_login(builders.staff(council, Role.INDEPENDENT_VISITOR))
    assert "There are no reports for your role." in client.get(reverse("reporting:index")).content.decode()
    # a carer's sign-in is kept to the portal: the reports are not there at all
    client.force_login(builders.staff(council, Role.CARER))
    assert client.get(reverse("reporting:index")).status_code == 404


@pytest.mark.parametrize("role", [role for role in Role if role not in PORTAL_ROLES])
def test_each_roles_top_navigation_is_short_and_reaches_every_section(client, council, role):
    user = builders.staff(council, role)
    items = navigation_for(user, "/")
    assert len(items) <= TOP_SIZE
    assert items[0]["label"] == "My work" and items[-1]["label"] == "All sections"
    client.force_login(user)
    page = client.get(reverse("sections")).content.decode()
    for item in items:
        assert f'href="{item["url"]}"' in page or item["label"] == "All sections"
    has_reports = any(item["label"] == "Reports" for item in items)
    assert has_reports == bool({r.needs for _, rs in SECTIONS for r in rs} & ROLE_PERMISSIONS[role])


def test_a_service_manager_reaches_reports_from_the_top_navigation(council):
    items = navigation_for(builders.staff(council, Role.SERVICE_MANAGER), "/forecasts/")
    reports = next(item for item in items if item["label"] == "Reports")
    assert reports["url"] == reverse("reporting:index") and reports["active"]


def _approvals_in(table_rows: list[list[object]], year: str) -> int:
    return next((int(row[-1]) for row in table_rows if row[0] == year), 0)  # type: ignore[call-overload]


def test_approvals_count_the_same_in_the_funnel_and_the_approvals_report(council):
    # approved through an assessment on record, approved with none (a carer transferring in), and a year before
    assessment = assessment_factories.application(council, name="Assessed household")
    household_register(
        household=assessment.household,
        reference="FH-7001",
        carer_type=CarerType.MAINSTREAM,
        approved_on=date(2026, 5, 1),
        number_of_children=1,
        age_min=0,
        age_max=18,
        placement_types=[PlacementType.SHORT_TERM],
        by=None,
    )
    builders.approved_household(council, approved_on=date(2026, 6, 1), carer_type=CarerType.SPECIALIST)
    builders.approved_household(council, approved_on=date(2025, 6, 1))
    start, end = date(2026, 4, 1), date(2027, 3, 31)
    recount = FosteringHousehold.objects.filter(
        organisation=council, approved_on__gte=start, approved_on__lte=end
    ).count()
    report = funnel(organisation_ids=[council.pk], start=start, end=end)
    assert recount == 2
    assert report.total.counts["approvals"] == recount
    assert _approvals_in(approvals_report({council.pk}).rows, "2026-27") == recount
    mainstream = funnel(organisation_ids=[council.pk], start=start, end=end, carer_type="mainstream")
    assert mainstream.total.counts["approvals"] == 1


def test_on_the_demo_council_the_funnel_and_the_approvals_report_agree():
    build_scale("small", seed=5, today=date(2026, 12, 2))
    council = Organisation.objects.get(code="990")
    start, end = date(2026, 4, 1), date(2026, 12, 2)
    recount = FosteringHousehold.objects.filter(
        organisation=council, approved_on__gte=start, approved_on__lte=end
    ).count()
    report = funnel(organisation_ids=[council.pk], start=start, end=end)
    assert recount > 0
    assert report.total.counts["approvals"] == recount
    assert _approvals_in(approvals_report({council.pk}).rows, "2026-27") == recount
    mainstream = funnel(
        organisation_ids=[council.pk], start=date(2025, 4, 1), end=date(2026, 3, 31), carer_type="mainstream"
    )
    for cohort in (report.cohort, mainstream.cohort):
        assert all((cohort.conversion(code) or 0) <= 1 for code in cohort.counts)
