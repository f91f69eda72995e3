"""What every page needs: the organisation's name for the header and the navigation for the user's roles."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from fostering.accounts.permissions import Perm, is_portal_user, memberships_of, permissions_of

REPORTS: frozenset[Perm] = frozenset(
    {
        Perm.VIEW_RECRUITMENT_REPORTS,
        Perm.VIEW_HOUSEHOLD_REPORTS,
        Perm.VIEW_PANEL_REPORTS,
        Perm.VIEW_FORECASTS,
        Perm.VIEW_INDICATORS,
        Perm.VIEW_RETURN_903,
        Perm.VIEW_PLACEMENT_MEASURES,
        Perm.VIEW_RETENTION,
        Perm.VIEW_PAYMENTS,
        Perm.MANAGE_DATA_PROTECTION,
    }
)

# Every section of the service, by group: (label, url name, any of these permissions, pages under it).
# My work and Your account are everybody's.
SECTIONS: list[tuple[str, list[tuple[str, str, frozenset[Perm], tuple[str, ...]]]]] = [
    (
        "Children and placements",
        [
            ("Children", "children:list", frozenset({Perm.VIEW_CHILD, Perm.VIEW_CASELOAD_CHILD}), ()),
            (
                "Placements",
                "placements:referral_list",
                frozenset({Perm.VIEW_REFERRAL, Perm.VIEW_CASELOAD_REFERRAL}),
                (),
            ),
            ("Vacancies", "placements:vacancies", frozenset({Perm.VIEW_VACANCIES}), ()),
        ],
    ),
    (
        "Households and people",
        [
            (
                "Households",
                "households:list",
                frozenset({Perm.VIEW_HOUSEHOLD, Perm.VIEW_CASELOAD_HOUSEHOLD}),
                (),
            ),
            ("People", "people:list", frozenset({Perm.VIEW_PERSON}), ()),
            ("Allegations", "concerns:allegation_list", frozenset({Perm.VIEW_ALLEGATION}), ()),
            ("Complaints", "concerns:complaint_list", frozenset({Perm.VIEW_COMPLAINT}), ()),
            ("Courses", "households:courses", frozenset({Perm.MANAGE_COURSES}), ()),
        ],
    ),
    (
        "Recruitment and assessment",
        [
            ("Recruitment", "recruitment:enquiry_list", frozenset({Perm.VIEW_ENQUIRY}), ()),
            (
                "Assessments",
                "assessments:list",
                frozenset({Perm.VIEW_ASSESSMENT, Perm.VIEW_CASELOAD_ASSESSMENT, Perm.VIEW_IV_ASSESSMENT}),
                (),
            ),
            (
                "Kinship",
                "kinship:list",
                frozenset({Perm.VIEW_KINSHIP_ASSESSMENT, Perm.VIEW_CASELOAD_KINSHIP_ASSESSMENT}),
                (),
            ),
        ],
    ),
    (
        "Panel and payments",
        [
            ("Panel", "panel:meeting_list", frozenset({Perm.VIEW_PANEL, Perm.VIEW_OWN_PANEL_MEETINGS}), ()),
            (
                "Payments",
                "payments:statements",
                frozenset({Perm.VIEW_PAYMENTS, Perm.VIEW_CASELOAD_STATEMENTS, Perm.VIEW_OWN_STATEMENTS}),
                (),
            ),
        ],
    ),
    (
        "Reports and returns",
        [("Reports", "reporting:index", REPORTS, ("/forecasts/", "/returns/903/", "/indicators/"))],
    ),
    (
        "Administration",
        [
            ("Staff", "accounts:staff_list", frozenset({Perm.MANAGE_STAFF}), ()),
            ("Data protection", "dataprotection:due", frozenset({Perm.MANAGE_DATA_PROTECTION}), ()),
            ("Your account", "accounts:account", frozenset(), ()),
        ],
    ),
]
# The order in which sections earn a place in the top navigation; the rest are on the sections page.
TOP_PRIORITY = [
    "Reports",
    "Children",
    "Households",
    "Recruitment",
    "Placements",
    "Assessments",
    "Kinship",
    "Panel",
    "Payments",
    "Vacancies",
    "Allegations",
    "Complaints",
    "People",
    "Courses",
]
TOP_SIZE = 7  # My work, at most five sections, and "All sections"


def sections_for(user: Any) -> list[tuple[str, list[dict[str, str]]]]:
    """The groups of sections the user may open, for the sections page."""
    if not getattr(user, "is_authenticated", False):
        return []
    perms = permissions_of(user)
    groups = []
    for heading, items in SECTIONS:
        allowed = [
            {"label": label, "url": reverse(url_name)}
            for label, url_name, needs, _ in items
            if not needs or needs & perms
        ]
        if allowed:
            groups.append((heading, allowed))
    return groups


def _item(label: str, url: str, path: str, also: tuple[str, ...] = ()) -> dict[str, Any]:
    active = path == url if url == "/" else path.startswith((url, *also))
    return {"label": label, "url": url, "active": active, "current": path == url}


def navigation_for(user: Any, path: str = "") -> list[dict[str, Any]]:
    """The top navigation: My work, the user's most used sections, and a link to all of them."""
    if not getattr(user, "is_authenticated", False):
        return []
    perms = permissions_of(user)
    allowed = {
        label: (url_name, also)
        for _, items in SECTIONS
        for label, url_name, needs, also in items
        if needs and needs & perms
    }
    order = [label for _, items in SECTIONS for label, *_ in items]
    chosen = [label for label in TOP_PRIORITY if label in allowed][: TOP_SIZE - 2]
    items = [_item("My work", reverse("mywork:home"), path)]
    for label in sorted(chosen, key=order.index):
        url_name, also = allowed[label]
        items.append(_item(label, reverse(url_name), path, also))
    items.append(_item("All sections", reverse("sections"), path))
    return items


def service(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    organisation_name = ""  # to the public, the council whose page it is (its code is in the address)
    match = getattr(request, "resolver_match", None)
    if (user is None or not user.is_authenticated) and match is not None and "code" in match.kwargs:
        from fostering.accounts.models import Organisation

        organisation_name = (
            Organisation.objects.filter(code=match.kwargs["code"]).values_list("name", flat=True).first()
            or ""
        )
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
    portal = (
        user is not None and user.is_authenticated and is_portal_user(user)
    )  # the portal draws its own menu
    return {
        "service_name": "Fostering service",
        "organisation_name": organisation_name,
        "navigation": [] if portal else navigation_for(user, request.path),
    }
