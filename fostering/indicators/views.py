"""The dashboard, a figure with the records it counted, the scrutiny pack, and the manager's settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from csp.decorators import csp_update
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from fostering.accounts.models import Organisation
from fostering.accounts.permissions import Perm, organisations_with
from fostering.core import clock
from fostering.core.forms import ServiceForm
from fostering.core.views import StaffRequest, render_form, submit

from . import charts, pack, records, services
from .catalogue import BY_CODE
from .definitions import TREND_LABELS, show
from .forms import ClosePeriodForm, ComparatorForm, TargetForm
from .jobs import start_pack_pdf
from .models import Comparator, Target
from .periods import Month, PeriodError
from .selectors import by_topic, closed_months, dashboard, organisation_for


def _council(request: StaffRequest, perm: Perm = Perm.VIEW_INDICATORS) -> Organisation:
    organisation = organisation_for(request.user, perm)
    if organisation is None:
        raise PermissionDenied
    return organisation


def _month(request: StaffRequest, months: list[Month]) -> tuple[Month | None, str]:
    """The closed month asked for (``?period=YYYY-MM``), else the latest; and a message if refused."""
    raw = request.GET.get("period", "")
    if not raw:
        return (max(months) if months else None), ""
    try:
        month = Month.parse(raw)
    except PeriodError as error:
        return (max(months) if months else None), f"{error}. Showing the latest closed period."
    if month not in months:
        return (max(months) if months else None), (
            f"{month.label()} is not closed, so it has no kept figures. Showing the latest closed period."
        )
    return month, ""


# Vega compiles its chart expressions with new Function() (ADR 8, as on the forecasts page).
@csp_update({"script-src": ["'unsafe-eval'"]})  # type: ignore[arg-type]
@login_required
def dashboard_page(request: StaffRequest) -> HttpResponse:
    organisation = _council(request)
    months = closed_months(organisation.pk)
    month, message = _month(request, months)
    rows = dashboard(organisation.pk, upto=month)
    topics = list(dict.fromkeys(row.indicator.topic for row in rows))
    topic = request.GET.get("topic", "")
    if topic not in topics:
        topic = ""
    shown = [row for row in rows if not topic or row.indicator.topic == topic]
    for row in shown:
        row.spec = charts.trend_spec(row)  # type: ignore[attr-defined]
        row.shown = show(row.indicator, row.latest.value) if row.latest else "No figure"  # type: ignore[attr-defined]
        row.trend_label = TREND_LABELS[row.trend]  # type: ignore[attr-defined]
        row.previous_shown = show(row.indicator, row.previous.value) if row.previous else ""  # type: ignore[attr-defined]
    return render(
        request,
        "indicators/dashboard.html",
        {
            "organisation": organisation,
            "groups": by_topic(shown),
            "month": month,
            "months": sorted(months, reverse=True)[:36],
            "message": message,
            "topics": topics,
            "topic": topic,
            "manages": organisation.pk in organisations_with(request.user, Perm.MANAGE_INDICATORS),
        },
    )


@login_required
def figure_page(request: StaffRequest) -> HttpResponse:
    """One indicator for one period: the kept figure (or the count now for a period not closed), the
    records counted, and a recount that differs flagged beside it."""
    organisation = _council(request)
    code = request.GET.get("code", "")
    context: dict[str, Any] = {
        "choices": [c.indicator for c in BY_CODE.values()],
        "code": code,
    }
    if code not in BY_CODE:
        if code:
            context["error"] = f"There is no indicator {code}. Choose one from the list."
        return render(request, "indicators/figure.html", context)
    counted = BY_CODE[code]
    raw = request.GET.get("period", "")
    today = clock.today()
    try:
        month = (
            Month.parse(raw) if raw else max(closed_months(organisation.pk) or [Month.of(today).shift(-1)])
        )
    except PeriodError as error:
        context["error"] = str(error)
        return render(request, "indicators/figure.html", context)
    if not services.applies(counted, month):
        context["error"] = (
            f"{counted.indicator.title} is counted at the end of each quarter (March, June, September, "
            f"December); {month.label()} is not a quarter's end."
        )
        return render(request, "indicators/figure.html", context)
    if month.first_day > today:
        context["error"] = f"{month.label()} has not started yet."
        return render(request, "indicators/figure.html", context)
    figure = services.standing(organisation.pk, counted, month, recount=True)
    numerator_refs, denominator_refs = figure.numerator_refs, figure.denominator_refs
    live = figure.live
    opens = records.may_open(request.user, organisation.pk, [*numerator_refs, *denominator_refs])
    context.update(
        {
            "indicator": counted.indicator,
            "month": month,
            "kept": figure.kept,
            "provisional": figure.provisional,
            "ended": month.has_ended(today),
            "numerator": figure.numerator,
            "denominator": figure.denominator,
            "value": show(counted.indicator, figure.value),
            "live": live,
            "live_value": show(counted.indicator, live.value) if live else "",
            "recount_differs": figure.recount_differs,
            "opens": opens,
            "numerator_records": records.listed(numerator_refs) if opens else [],
            "denominator_records": records.listed(denominator_refs) if opens else [],
            "notes": live.count.notes if live else [],
        }
    )
    return render(request, "indicators/figure.html", context)


@login_required
def pack_page(request: StaffRequest) -> HttpResponse:
    """The quarterly performance pack to scrutiny, in the seed's columns: a page, an .xlsx and a PDF."""
    organisation = _council(request)
    months = [m for m in closed_months(organisation.pk) if m.is_quarter_end]
    month, message = _month(request, months)
    table = pack.table(organisation.pk, month) if month else []
    if month is not None and request.GET.get("format", "") == "xlsx":
        return pack.xlsx_response(organisation, month, table)
    if month is not None and request.method == "POST":  # the PDF takes seconds: made in the background
        job = start_pack_pdf(organisation=organisation, month=month, by=request.user)
        return redirect("jobs:detail", job.pk)
    return render(
        request,
        "indicators/pack.html",
        {
            "organisation": organisation,
            "month": month,
            "months": sorted(months, reverse=True),
            "message": message,
            "table": table,
            "columns": pack.COLUMNS,
        },
    )


@login_required
def close_page(request: StaffRequest) -> HttpResponse:
    organisation = _council(request, Perm.MANAGE_INDICATORS)
    form = ClosePeriodForm(request.POST or None, initial={"period": str(Month.of(clock.today()).shift(-1))})
    if request.method == "POST":
        period = submit(
            form,
            lambda data: services.period_close(
                organisation=organisation, month=data["period"], by=request.user
            ),
        )
        if period is not None:
            messages.success(request, f"{period} is closed: its figures are kept as they stood today.")
            return redirect(f"{reverse('indicators:dashboard')}?period={Month.of(period.month)}")
    return render_form(
        request,
        form,
        heading="Close a period",
        back_url=reverse("indicators:dashboard"),
        caption="How the service is doing",
    )


@dataclass(frozen=True)
class Setting:
    """A page where the service manager enters one kind of yearly figure per indicator."""

    kind: str
    heading: str
    form: type[ServiceForm]
    model: type[Target] | type[Comparator]
    save: Callable[..., Target | Comparator]
    initial: dict[str, str]
    saved: str


SETTINGS = {
    "targets": Setting(
        "targets",
        "Targets",
        TargetForm,
        Target,
        services.target_set,
        {"comparison": ">="},
        "Saved the target",
    ),
    "comparators": Setting(
        "comparators",
        "Comparators",
        ComparatorForm,
        Comparator,
        services.comparator_set,
        {},
        "Saved the comparators",
    ),
}


def _setting_page(request: StaffRequest, setting: Setting) -> HttpResponse:
    organisation = _council(request, Perm.MANAGE_INDICATORS)
    initial = {"year": Month.of(clock.today()).financial_year_end, **setting.initial}
    form = setting.form(request.POST or None, initial=initial)
    if request.method == "POST":
        saved = submit(form, lambda data: setting.save(organisation=organisation, by=request.user, **data))
        if saved is not None:
            messages.success(
                request,
                f"{setting.saved} for {saved.code} in {saved.year - 1} to {saved.year}.",
            )
            return redirect(f"indicators:{setting.kind}")
    rows = _titled(setting.model.objects.filter(organisation=organisation).order_by("-year", "code"))
    return render(
        request,
        "indicators/settings.html",
        {"form": form, "heading": setting.heading, "rows": rows, "kind": setting.kind},
    )


@login_required
def targets_page(request: StaffRequest) -> HttpResponse:
    return _setting_page(request, SETTINGS["targets"])


@login_required
def comparators_page(request: StaffRequest) -> HttpResponse:
    return _setting_page(request, SETTINGS["comparators"])


def _titled(rows: Any) -> list[Any]:
    out = list(rows)
    for row in out:
        row.title = BY_CODE[row.code].indicator.title if row.code in BY_CODE else row.code
    return out
