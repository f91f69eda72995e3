"""Indicators are counted from the records, kept when a period closes, judged by one rule, and open the
records they counted on the page and in the API."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.accounts.services import api_token_issue
from fostering.households.choices import HouseholdStatus
from fostering.households.services import household_status_change
from fostering.indicators import definitions, services
from fostering.indicators.catalogue import BY_CODE, INDICATORS
from fostering.indicators.models import ClosedPeriod, Figure
from fostering.indicators.periods import Month, PeriodError, window
from fostering.indicators.records import listed
from fostering.indicators.selectors import dashboard
from tests import builders

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 7)
MARCH = Month(2026, 3)


@pytest.fixture
def county(council):
    """Three households (one closed in February), two children in care placed in one of them."""
    manager = builders.staff(council, Role.SERVICE_MANAGER)
    ssw = builders.staff(council, Role.SUPERVISING_SOCIAL_WORKER)
    old = builders.approved_household(council, name="Ashby household", approved_on=date(2020, 5, 1), ssw=ssw)
    new = builders.approved_household(
        council, name="Belvoir household", approved_on=date(2026, 3, 10), ssw=ssw
    )
    gone = builders.approved_household(council, name="Charnwood household", approved_on=date(2019, 1, 1))
    household_status_change(
        fostering_household=gone,
        to_status=HouseholdStatus.RESIGNED,
        changed_on=date(2026, 2, 14),
        reason="Retiring",
        resignation_reason="retirement",
        by=manager,
    )
    children = []
    for name in ("Dana", "Eli"):
        child = builders.child(council, first_name=name, date_of_birth=date(2015, 6, 1))
        builders.in_care(child, started_on=date(2025, 6, 1))
        builders.placement(child, old, started_on=date(2025, 6, 2))
        children.append(child)
    return {"manager": manager, "old": old, "new": new, "gone": gone, "children": children}


def _close(council, month=MARCH):
    return services.period_close(organisation=council, month=month, by=None, today=TODAY)


def _kept(council, code, month=MARCH):
    return Figure.objects.get(period__organisation=council, period__month=month.first_day, code=code)


def test_a_closed_month_keeps_each_figure_with_the_records_it_counted(council, county):
    _close(council)
    households = _kept(council, "FOS06")
    assert households.numerator == 2 and households.value == 2
    assert sorted(pk for _, pk in households.numerator_records) == sorted(
        [county["old"].pk, county["new"].pk]
    )
    in_care = _kept(council, "FOS13")
    assert in_care.numerator == 2
    own = _kept(council, "FOS14")
    assert (own.numerator, own.denominator, own.value) == (2, 2, Decimal("100.0"))
    # the two children fill 2 of the 4 places approved (each household is approved for 2)
    use = _kept(council, "FOS15")
    assert (use.numerator, use.denominator, use.value) == (2, 4, Decimal("50.0"))
    # a yearly count: the mainstream approval of 10 March is in the year to March
    assert _kept(council, "FOS02").numerator_records == [["household", county["new"].pk]]
    # the resignation of 14 February is in the quarter to March
    assert _kept(council, "FOS07").numerator_records == [["household", county["gone"].pk]]


def test_every_figure_counts_exactly_the_records_its_drill_down_lists(council, county):
    for month in (Month(2025, 12), Month(2026, 1), Month(2026, 2), MARCH):
        _close(council, month)
    figures = Figure.objects.filter(period__organisation=council)
    assert figures.count() == sum(
        services.applies(c, m)
        for c in INDICATORS
        for m in (Month(2025, 12), Month(2026, 1), Month(2026, 2), MARCH)
    )
    for figure in figures:
        assert figure.numerator == len(listed(figure.numerator_records)), figure.code
        if BY_CODE[figure.code].indicator.is_percent and figure.code != "FOS15":
            assert figure.denominator == len(listed(figure.denominator_records)), figure.code


def test_a_kept_figure_does_not_move_when_an_old_record_is_corrected_and_the_recount_is_flagged(
    client, council, county
):
    _close(council)
    builders.approved_household(council, name="Late household", approved_on=date(2025, 1, 1))
    assert _kept(council, "FOS06").numerator == 2
    client.force_login(county["manager"])
    page = client.get(reverse("indicators:figure"), {"code": "FOS06", "period": "2026-03"}).content.decode()
    assert "data-recount-differs" in page and "A recount today gives 3" in page
    assert "data-value>2<" in page


def test_closing_twice_or_before_the_month_ends_is_refused_and_changes_nothing(council, county):
    _close(council)
    with pytest.raises(ValidationError, match="closed already"):
        _close(council)
    with pytest.raises(ValidationError, match="has not ended"):
        services.period_close(organisation=council, month=Month(2026, 12), by=None, today=TODAY)
    assert ClosedPeriod.objects.filter(organisation=council).count() == 1
    assert Figure.objects.filter(period__organisation=council, period__month=date(2026, 12, 1)).count() == 0


def test_the_command_closes_a_month_and_says_why_it_will_not(council, county, capsys):
    call_command("close_period", "--period", "2026-03", "--organisation", council.code)
    assert "closed March 2026" in capsys.readouterr().out
    with pytest.raises(CommandError, match="closed already"):
        call_command("close_period", "--period", "2026-03")
    with pytest.raises(CommandError, match="year and month"):
        call_command("close_period", "--period", "March")


def test_targets_that_make_no_sense_are_refused_with_the_reason(council):
    def target(code, comparison, value):
        return services.target_set(
            organisation=council, code=code, year=2026, comparison=comparison, value=Decimal(value), by=None
        )

    with pytest.raises(ValidationError, match="100 or less"):
        target("FOS15", ">=", "120")
    with pytest.raises(ValidationError, match="high value is good"):
        target("FOS15", "<=", "75")
    with pytest.raises(ValidationError, match="stay under"):
        target("FOS07", ">=", "3")
    with pytest.raises(ValidationError, match="no indicator"):
        target("XX99", ">=", "3")
    assert target("FOS15", ">=", "75").value == Decimal("75")
    with pytest.raises(ValidationError, match="Say where"):
        services.comparator_set(organisation=council, code="FOS15", year=2026, source=" ", by=None)
    with pytest.raises(ValidationError, match="all three"):
        services.comparator_set(
            organisation=council, code="FOS15", year=2026, source="Ofsted", median=Decimal(1), by=None
        )


def test_the_rag_rule_and_the_quartile_follow_the_polarity():
    high, low = BY_CODE["FOS15"].indicator, BY_CODE["FOS07"].indicator
    assert definitions.rag(high, Decimal("75"), ">=", Decimal("75")) == "green"
    assert definitions.rag(high, Decimal("71"), ">=", Decimal("75")) == "amber"  # within 5 points
    assert definitions.rag(high, Decimal("69.9"), ">=", Decimal("75")) == "red"
    assert definitions.rag(low, Decimal("4"), "<=", Decimal("4")) == "green"
    assert definitions.rag(low, Decimal("5"), "<=", Decimal("4")) == "amber"  # within 25% of the target
    assert definitions.rag(low, Decimal("6"), "<=", Decimal("4")) == "red"
    assert definitions.rag(high, None, ">=", Decimal("75")) == ""
    q = (Decimal("80"), Decimal("70"), Decimal("60"))
    assert [definitions.quartile(high, Decimal(v), *q) for v in ("85", "75", "65", "50")] == [1, 2, 3, 4]
    assert [definitions.quartile(low, Decimal(v), *q) for v in ("50", "65", "75", "85")] == [1, 2, 3, 4]
    # a yearly count is judged against its target pro rata: by September (month 6) half of 25
    approvals = BY_CODE["FOS02"].indicator
    assert definitions.target_for_month(approvals, Decimal("25"), 6) == Decimal("12.5")


def test_periods_name_their_window_and_bad_names_are_refused():
    assert window(MARCH, "quarterly").start == date(2026, 1, 1)
    assert window(MARCH, "annual").start == date(2025, 4, 1)
    assert window(Month(2026, 4), "annual").start == date(2026, 4, 1)
    assert window(MARCH, "monthly").end == date(2026, 3, 31)
    for bad in ("2026-13", "26-03", "March", "1999-01"):
        with pytest.raises(PeriodError):
            Month.parse(bad)


def test_the_dashboard_shows_value_target_and_rag_and_opens_the_records(client, council, county):
    services.target_set(
        organisation=council, code="FOS15", year=2026, comparison=">=", value=Decimal("75"), by=None
    )
    _close(council)
    client.force_login(county["manager"])
    page = client.get(reverse("indicators:dashboard")).content.decode()
    row = page.split('data-indicator="FOS15"')[1].split("</tr>")[0]
    assert "50%" in row and "2 out of 4" in row and 'data-rag="red"' in row
    assert "?code=FOS15&amp;period=2026-03" in row
    assert 'data-chart="FOS15-chart"' in page and 'id="FOS15-chart"' in page
    figure = client.get(reverse("indicators:figure"), {"code": "FOS15", "period": "2026-03"}).content.decode()
    for child in county["children"]:
        assert reverse("children:detail", args=[child.pk]) in figure
    assert reverse("households:detail", args=[county["old"].pk]) in figure


def test_a_role_that_cannot_open_the_records_sees_the_counts_only(client, council, county):
    _close(council)
    coordinator = builders.staff(council, Role.RECRUITMENT_COORDINATOR)
    client.force_login(coordinator)
    page = client.get(reverse("indicators:figure"), {"code": "FOS13", "period": "2026-03"}).content.decode()
    assert "data-not-listed" in page and "Dana" not in page
    assert client.get(reverse("indicators:close")).status_code == 403


def test_a_month_not_closed_is_counted_now_and_marked_provisional(client, council, county):
    client.force_login(county["manager"])
    page = client.get(reverse("indicators:figure"), {"code": "FOS13", "period": "2026-04"}).content.decode()
    assert "data-provisional" in page and "data-numerator>2<" in page
    bad = client.get(reverse("indicators:figure"), {"code": "FOS07", "period": "2026-04"}).content.decode()
    assert "not a quarter" in bad


def test_the_close_page_refuses_a_month_twice_beside_the_field(client, council, county):
    client.force_login(county["manager"])
    assert client.post(reverse("indicators:close"), {"period": "2026-03"}).status_code == 302
    again = client.post(reverse("indicators:close"), {"period": "2026-03"}).content.decode()
    assert "closed already" in again and "govuk-error-summary" in again
    assert ClosedPeriod.objects.filter(organisation=council).count() == 1


def test_the_api_gives_each_figure_and_the_ids_counted(council, county):
    from django.test import Client

    services.target_set(
        organisation=council, code="FOS15", year=2026, comparison=">=", value=Decimal("75"), by=None
    )
    _close(council)
    token = api_token_issue(user=county["manager"], by=None, name="reports")
    api = Client(headers={"Authorization": f"Bearer {token}"})
    figures = {f["code"]: f for f in api.get("/api/v1/indicators", {"period": "2026-03"}).json()}
    assert set(figures) == {c.indicator.code for c in INDICATORS}  # March ends a quarter: all of them
    assert figures["FOS15"] | {"title": ""} == {
        "code": "FOS15",
        "title": "",
        "period": "2026-03",
        "provisional": False,
        "value": "50.0",
        "numerator": 2,
        "denominator": 4,
        "target": "75.0",
        "comparison": ">=",
        "rag": "red",
    }
    one = api.get("/api/v1/indicators/FOS13", {"period": "2026-03"}).json()
    assert one["records_listed"] is True
    assert sorted(r["id"] for r in one["numerator_records"]) == sorted(c.pk for c in county["children"])
    assert api.get("/api/v1/indicators/FOS13", {"period": "2030-01"}).status_code == 404  # not started
    assert api.get("/api/v1/indicators/FOS13", {"period": "2026-13"}).status_code == 422
    assert api.get("/api/v1/indicators/XX99").status_code == 404
    assert api.get("/api/v1/indicators", {"period": "March"}).status_code == 422
    # a month not closed is counted now and says so
    assert api.get("/api/v1/indicators/FOS13", {"period": "2026-04"}).json()["provisional"] is True


def test_the_dashboard_runs_a_fixed_number_of_queries_as_periods_close(client, council, county):
    client.force_login(county["manager"])
    _close(council, Month(2026, 1))

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("indicators:dashboard")).status_code == 200
        return len(ctx.captured_queries)

    few = queries()
    for month in (Month(2026, 2), MARCH, Month(2026, 4), Month(2026, 5)):
        _close(council, month)
    assert queries() == few
    assert len(dashboard(council.pk)[0].points) == 5


def test_the_settings_pages_save_a_target_and_a_comparator_or_say_why_not(client, council, county):
    client.force_login(county["manager"])
    url = reverse("indicators:targets")
    refused = client.post(url, {"code": "FOS15", "year": "2027", "comparison": ">=", "value": "120"})
    assert "100 or less" in refused.content.decode() and "govuk-error-summary" in refused.content.decode()
    assert (
        client.post(url, {"code": "FOS15", "year": "2027", "comparison": ">=", "value": "75"}).status_code
        == 302
    )
    assert "At least 75.0" in client.get(url).content.decode()
    url = reverse("indicators:comparators")
    no_source = client.post(url, {"code": "FOS15", "year": "2027", "england": "71", "source": ""})
    assert "Say where the comparators come from" in no_source.content.decode()
    saved = client.post(
        url, {"code": "FOS15", "year": "2027", "england": "71", "source": "Fostering in England"}
    )
    assert saved.status_code == 302
    assert "Fostering in England" in client.get(url).content.decode()


def test_the_packs_pdf_is_made_in_the_background_and_downloaded_by_those_who_may(client, council, county):
    from fostering.audit.models import AuditEvent
    from fostering.jobs.models import Job

    _close(council)
    client.force_login(county["manager"])
    started = client.post(f"{reverse('indicators:pack')}?period=2026-03")
    job = Job.objects.get(kind="indicators_pack_pdf")
    assert started["Location"] == reverse("jobs:detail", args=[job.pk]) and job.status == "done"
    download = client.get(reverse("jobs:download", args=[job.pk]))
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert AuditEvent.objects.filter(verb="job_file_downloaded", record_id=str(job.pk)).count() == 1
    # a worker who does not read the indicators cannot see the job or its file
    client.force_login(builders.staff(council, Role.SUPERVISING_SOCIAL_WORKER))
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404
