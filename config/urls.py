from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views.generic import RedirectView

from fostering.core.pages import sections


def bare(request: HttpRequest) -> HttpResponse:
    """A bare Django response: the floor the benchmark compares real pages against."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("health/bare/", bare, name="bare"),
    path("sections/", sections, name="sections"),
    path("accounts/", include("fostering.accounts.urls")),
    path("people/", include("fostering.people.urls")),
    path("children/", include("fostering.children.urls")),
    path("households/", include("fostering.households.urls")),
    path("recruitment/", include("fostering.recruitment.urls")),
    path("assessments/", include("fostering.assessments.urls")),
    path("kinship/", include("fostering.kinship.urls")),
    path("concerns/", include("fostering.concerns.urls")),
    path("panel/", include("fostering.panel.urls")),
    path("placements/", include("fostering.placements.urls")),
    path("reviews/", include("fostering.reviews.urls")),
    path("alerts/", include("fostering.alerts.urls")),
    path("health-of-children/", include("fostering.health.urls")),
    path("missing/", include("fostering.missing.urls")),
    path("visits/", include("fostering.visits.urls")),
    path("leaving-care/", include("fostering.leaving_care.urls")),
    path("returns/903/", include("fostering.returns903.urls")),
    path("jobs/", include("fostering.jobs.urls")),
    path("payments/", include("fostering.payments.urls")),
    path("reports/", include("fostering.reporting.urls")),
    path("forecasts/", include("fostering.forecasts.urls")),
    path("indicators/", include("fostering.indicators.urls")),
    path("search/", include("fostering.search.urls")),
    path("data-protection/", include("fostering.dataprotection.urls")),
    path("documents/", include("fostering.documents.urls")),
    path("my/", include("fostering.portal.urls")),
    path("portal-access/", include("fostering.portal.staff_urls")),
    path("api/v1/", include("fostering.api.urls")),
    # the admin site signs in through the service's own sign-in (lockout by address, audit, two-factor)
    path("admin/login/", RedirectView.as_view(pattern_name="accounts:login", query_string=True)),
    path("admin/", admin.site.urls),
    path("", include("fostering.mywork.urls")),
]
