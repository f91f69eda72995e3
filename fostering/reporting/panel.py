"""The panel's year, for the panel chair's annual report: meetings held and cancelled, items by kind and
recommendation, the agency decision maker's agreement rate, and the timeliness of papers and decisions.

A year is a financial year (1 April to 31 March), by the meeting date. Papers are on time when sent at
least 5 working days before the meeting (rule panel_papers); a decision is on time within 7 working days
of the recommendation (rule adm_decision).
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Avg
from django.http import HttpResponse
from django.shortcuts import render

from fostering.accounts.permissions import Perm, organisations_with
from fostering.core import clock
from fostering.core.views import StaffRequest
from fostering.deadlines.items import Deadline
from fostering.deadlines.status import DeadlineStatus
from fostering.panel.choices import ItemKind, MeetingStatus, Recommendation
from fostering.panel.models import Decision, Feedback, PanelItem, PanelMeeting

# Each recommendation, then the items heard without one recorded.
OUTCOME_COLUMNS = [*Recommendation.values, "none"]
OUTCOME_LABELS = [*Recommendation.labels, "Not recorded"]


@dataclass
class PanelYear:
    start: date
    end: date
    meetings: Counter[str] = field(default_factory=Counter)
    items: dict[str, Counter[str]] = field(default_factory=dict)
    decisions: int = 0
    agreed: int = 0
    decisions_on_time: int = 0
    papers_on_time: int = 0
    papers_late: int = 0
    papers_not_recorded: int = 0
    qualifying: int = 0
    irm_applications: int = 0
    feedback_count: int = 0
    feedback_average: float | None = None

    @property
    def agreement_rate(self) -> float | None:
        return self.agreed / self.decisions if self.decisions else None

    @property
    def decisions_on_time_rate(self) -> float | None:
        return self.decisions_on_time / self.decisions if self.decisions else None

    @property
    def item_rows(self) -> list[tuple[str, list[int], int]]:
        return [
            (
                kind.label,
                [self.items[kind].get(code, 0) for code in OUTCOME_COLUMNS],
                sum(self.items[kind].values()),
            )
            for kind in ItemKind
            if kind in self.items
        ]


def year_of(on: date) -> int:
    return on.year if on.month >= 4 else on.year - 1


def panel_year(*, organisation_ids: set[int], year: int, today: date) -> PanelYear:
    report = PanelYear(start=date(year, 4, 1), end=date(year + 1, 3, 31))
    meetings = PanelMeeting.objects.filter(
        organisation_id__in=organisation_ids, meets_on__range=(report.start, report.end)
    )
    for meeting in meetings.only("meets_on", "status", "papers_sent_on"):
        report.meetings[meeting.status] += 1
        if meeting.status != MeetingStatus.HELD:
            continue
        if meeting.papers_sent_on is None:
            report.papers_not_recorded += 1
        elif (
            Deadline.compute(
                "panel_papers", meeting.meets_on, met_on=meeting.papers_sent_on, today=today
            ).status
            == DeadlineStatus.MET
        ):
            report.papers_on_time += 1
        else:
            report.papers_late += 1
    items = PanelItem.objects.filter(
        organisation_id__in=organisation_ids,
        meeting__status=MeetingStatus.HELD,
        meeting__meets_on__range=(report.start, report.end),
    )
    for kind, recommendation in items.values_list("kind", "recommendation"):
        report.items.setdefault(kind, Counter())[recommendation or "none"] += 1
    decisions = Decision.objects.filter(item__in=items).select_related("item")
    for decision in decisions:
        report.decisions += 1
        report.agreed += decision.agrees
        assert decision.item.recommended_on is not None
        status = Deadline.compute(
            "adm_decision", decision.item.recommended_on, met_on=decision.decided_on, today=today
        ).status
        report.decisions_on_time += status == DeadlineStatus.MET
        report.qualifying += decision.outcome in (Recommendation.DO_NOT_APPROVE, Recommendation.TERMINATE)
        report.irm_applications += decision.challenge == "irm"
    feedback = Feedback.objects.filter(item__in=items)
    report.feedback_count = feedback.count()
    report.feedback_average = feedback.aggregate(average=Avg("rating"))["average"]
    return report


def _csv(report: PanelYear) -> HttpResponse:
    response = HttpResponse(content_type="text/csv")
    response["Content-Disposition"] = (
        f'attachment; filename="panel-year-{report.start:%Y}-{report.end:%y}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(["section", "measure", "value"])
    for status in MeetingStatus:
        writer.writerow(["meetings", status.label, report.meetings.get(status, 0)])
    for label, counts, total in report.item_rows:
        for outcome, count in zip(OUTCOME_LABELS, counts, strict=True):
            writer.writerow([f"items: {label}", outcome, count])
        writer.writerow([f"items: {label}", "All", total])
    rows = [
        ("decisions", "Decisions", report.decisions),
        ("decisions", "Agreeing with the recommendation", report.agreed),
        ("decisions", "Within 7 working days", report.decisions_on_time),
        ("decisions", "Qualifying determinations", report.qualifying),
        ("decisions", "Applications to the IRM", report.irm_applications),
        ("papers", "Sent on time", report.papers_on_time),
        ("papers", "Sent late", report.papers_late),
        ("papers", "Not recorded", report.papers_not_recorded),
        ("feedback", "Responses", report.feedback_count),
    ]
    writer.writerows(rows)
    return response


@login_required
def panel_activity(request: StaffRequest) -> HttpResponse:
    orgs = organisations_with(request.user, Perm.VIEW_PANEL_REPORTS)
    if not orgs:
        raise PermissionDenied
    today = clock.today()
    this_year = year_of(today)
    chosen = request.GET.get("year", "")
    year = int(chosen) if chosen.isdigit() and 2000 <= int(chosen) <= this_year else this_year - 1
    report = panel_year(organisation_ids=orgs, year=year, today=today)
    if request.GET.get("format") == "csv":
        return _csv(report)
    return render(
        request,
        "reporting/panel_activity.html",
        {
            "report": report,
            "year": year,
            "years": list(range(this_year, this_year - 6, -1)),
            "outcomes": OUTCOME_LABELS,
            "statuses": [(s.label, report.meetings.get(s, 0)) for s in MeetingStatus],
        },
    )
