"""What every page needs: the organisation's name for the header and the navigation for the user's roles."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from fostering.accounts.permissions import Perm, memberships_of, permissions_of

# (label, url name, any of these permissions); My work is everybody's.
NAVIGATION: list[tuple[str, str, frozenset[Perm]]] = [
    ("My work", "mywork:home", frozenset()),
    ("Households", "households:list", frozenset({Perm.VIEW_HOUSEHOLD, Perm.VIEW_CASELOAD_HOUSEHOLD})),
    ("Children", "children:list", frozenset({Perm.VIEW_CHILD, Perm.VIEW_CASELOAD_CHILD})),
    ("People", "people:list", frozenset({Perm.VIEW_PERSON})),
    (
        "Assessments",
        "assessments:list",
        frozenset({Perm.VIEW_ASSESSMENT, Perm.VIEW_CASELOAD_ASSESSMENT, Perm.VIEW_IV_ASSESSMENT}),
    ),
    ("Recruitment", "recruitment:enquiry_list", frozenset({Perm.VIEW_ENQUIRY})),
    (
        "Kinship",
        "kinship:list",
        frozenset({Perm.VIEW_KINSHIP_ASSESSMENT, Perm.VIEW_CASELOAD_KINSHIP_ASSESSMENT}),
    ),
    ("Placements", "placements:referral_list", frozenset({Perm.VIEW_REFERRAL, Perm.VIEW_CASELOAD_REFERRAL})),
    ("Vacancies", "placements:vacancies", frozenset({Perm.VIEW_VACANCIES})),
    ("Stability", "placements:measures", frozenset({Perm.VIEW_PLACEMENT_MEASURES})),
    ("Panel", "panel:meeting_list", frozenset({Perm.VIEW_PANEL, Perm.VIEW_OWN_PANEL_MEETINGS})),
    (
        "Payments",
        "payments:statements",
        frozenset({Perm.VIEW_PAYMENTS, Perm.VIEW_CASELOAD_STATEMENTS, Perm.VIEW_OWN_STATEMENTS}),
    ),
    ("Reports", "reporting:recruitment_funnel", frozenset({Perm.VIEW_RECRUITMENT_REPORTS})),
    ("Forecasts", "forecasts:forecast", frozenset({Perm.VIEW_FORECASTS})),
    ("Allegations", "concerns:allegation_list", frozenset({Perm.VIEW_ALLEGATION})),
    ("Complaints", "concerns:complaint_list", frozenset({Perm.VIEW_COMPLAINT})),
    ("At risk", "households:retention", frozenset({Perm.VIEW_RETENTION})),
    ("Household reports", "reporting:household_reports", frozenset({Perm.VIEW_HOUSEHOLD_REPORTS})),
    ("903 return", "returns903:home", frozenset({Perm.VIEW_RETURN_903})),
    ("Staff", "accounts:staff_list", frozenset({Perm.MANAGE_STAFF})),
    ("Your account", "accounts:account", frozenset()),
    ("Data protection", "dataprotection:due", frozenset({Perm.MANAGE_DATA_PROTECTION})),
]


def navigation_for(user: Any, path: str = "") -> list[dict[str, Any]]:
    if not getattr(user, "is_authenticated", False):
        return []
    perms = permissions_of(user)
    items = []
    for label, url_name, needs in NAVIGATION:
        if needs and not needs & perms:
            continue
        url = reverse(url_name)
        active = path == url if url == "/" else path.startswith(url)
        items.append({"label": label, "url": url, "active": active, "current": path == url})
    return items


def service(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    organisation_name = "Fostering service"
    if user is not None and user.is_authenticated:
        memberships = memberships_of(user)  # type: ignore[arg-type]
        if memberships:
            from fostering.accounts.models import Organisation

            names = sorted(
                Organisation.objects.filter(pk__in={org for org, _ in memberships}).values_list(
                    "name", flat=True
                )
            )
            organisation_name = " and ".join(names) if len(names) <= 2 else f"{names[0]} and others"
    return {
        "service_name": "Fostering service",
        "organisation_name": organisation_name,
        "navigation": navigation_for(user, request.path),
    }
