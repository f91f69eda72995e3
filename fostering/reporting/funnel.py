"""The recruitment funnel, counted from the recorded stage changes, never from typed totals.

A journey is one enquiry (and the assessment and approval that grew from it, linked by the
assessment's ``enquiry_id`` and the approved household's ``household``); an assessment started without
an enquiry is a journey of its own, with its channel and source "not recorded". Each stage of a journey
has the date it was first reached:

| stage | reached when |
| --- | --- |
| requests | a request for information (any enquiry) is received |
| enquiries | the service responded and the enquiry moved on (a stage change to "responded") |
| events | the enquirer attended an information event |
| initial_visits | the initial visit was held |
| applications | the application was accepted (the assessment's first stage change) |
| stage1 | Stage 1 started |
| stage2 | Stage 2 (Form F) started |
| panel_ready | the assessment was ready for panel |
| approvals | the household was approved |

Approvals are those of ``households.approvals`` (the one definition every report uses): a household
approved without an assessment on record (a kinship carer, a carer transferring in) is a journey of its
own, so the funnel's approvals in a period are the approvals report's.

Two views of a period:

- the activity of the period (``total``, ``by_month``, ``by_channel``, ``by_source``): a stage counts
  when it was reached in the period, whoever reached it; these counts are not compared with each other,
  as the people reaching each stage in a period are different people;
- the cohort of the period (``cohort``): of the requests received in the period, how many have reached
  each stage since (a journey that reached a later stage counts as having passed the ones before it, so
  a stage never counts more than the stage before it and conversion is at most 100%).

Median days are from the last earlier stage a journey reached (a journey may skip an information event)
to the stage, counted where the stage falls in the period. With a carer type, only journeys whose
assessment is of that kind are counted (all stages of them).
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Min
from django.utils import timezone

from fostering.assessments.choices import Stage
from fostering.assessments.models import Assessment
from fostering.assessments.models import StageChange as AssessmentStageChange
from fostering.households.approvals import approvals as approved_households
from fostering.recruitment.choices import Channel, EnquiryStage
from fostering.recruitment.models import Enquiry
from fostering.recruitment.models import StageChange as EnquiryStageChange

STAGES: list[tuple[str, str]] = [
    ("requests", "Requests for information"),
    ("enquiries", "Enquiries"),
    ("events", "Information events attended"),
    ("initial_visits", "Initial visits"),
    ("applications", "Applications"),
    ("stage1", "Stage 1 starts"),
    ("stage2", "Stage 2 starts"),
    ("panel_ready", "Ready for panel"),
    ("approvals", "Approvals"),
]
STAGE_CODES = [code for code, _ in STAGES]
ENQUIRY_STAGES = {
    "enquiries": EnquiryStage.RESPONDED,
    "events": EnquiryStage.EVENT_ATTENDED,
    "initial_visits": EnquiryStage.INITIAL_VISIT,
}
ASSESSMENT_STAGES = {"stage1": Stage.STAGE1, "stage2": Stage.STAGE2, "panel_ready": Stage.READY_FOR_PANEL}
NOT_RECORDED = "Not recorded"


@dataclass
class Journey:
    channel: str = NOT_RECORDED
    source: str = NOT_RECORDED
    carer_type: str = ""
    approved_as: str = ""  # the type of carer the household was approved as
    reached: dict[str, date] = field(default_factory=dict)


@dataclass
class FunnelRow:
    label: str
    counts: dict[str, int]

    def conversion(self, stage: str) -> float | None:
        """This stage's count as a share of the stage before it (None for the first or when 0 before).
        Meaningful for the cohort, whose counts never grow from one stage to the next."""
        i = STAGE_CODES.index(stage)
        if i == 0 or not self.counts[STAGE_CODES[i - 1]]:
            return None
        return self.counts[stage] / self.counts[STAGE_CODES[i - 1]]


@dataclass
class Funnel:
    start: date
    end: date
    carer_type: str
    total: FunnelRow
    cohort: FunnelRow
    by_month: list[FunnelRow]
    by_channel: list[FunnelRow]
    by_source: list[FunnelRow]
    median_days: dict[str, float | None]


def journeys(organisation_ids: Iterable[int]) -> list[Journey]:
    """Every journey of the organisations, with the date each stage was first reached."""
    orgs = list(organisation_ids)
    by_enquiry: dict[int, Journey] = {}
    channels = dict(Channel.choices)
    for enquiry in Enquiry.objects.filter(organisation_id__in=orgs).select_related("source"):
        by_enquiry[enquiry.pk] = Journey(
            channel=channels.get(enquiry.channel, enquiry.channel),
            source=enquiry.source.name if enquiry.source else NOT_RECORDED,
            reached={"requests": timezone.localtime(enquiry.received_at).date()},
        )
    wanted = {to: code for code, to in ENQUIRY_STAGES.items()}
    firsts = (
        EnquiryStageChange.objects.filter(organisation_id__in=orgs, to_stage__in=list(wanted))
        .values("enquiry_id", "to_stage")
        .annotate(first=Min("changed_at"))
    )
    for row in firsts:
        by_enquiry[row["enquiry_id"]].reached[wanted[row["to_stage"]]] = timezone.localtime(
            row["first"]
        ).date()

    by_assessment: dict[int, Journey] = {}
    household_of: dict[int, int] = {}
    for assessment in Assessment.objects.filter(organisation_id__in=orgs).only(
        "id", "enquiry_id", "kind", "application_accepted_on", "household_id"
    ):
        journey = by_enquiry.get(assessment.enquiry_id or 0) or Journey()
        journey.carer_type = assessment.kind
        journey.reached["applications"] = assessment.application_accepted_on
        by_assessment[assessment.pk] = journey
        household_of[assessment.household_id] = assessment.pk
    wanted_a = {to: code for code, to in ASSESSMENT_STAGES.items()}
    assessment_firsts = (
        AssessmentStageChange.objects.filter(organisation_id__in=orgs, to_stage__in=list(wanted_a))
        .values("assessment_id", "to_stage")
        .annotate(first=Min("changed_on"))
    )
    for row in assessment_firsts:
        by_assessment[row["assessment_id"]].reached[wanted_a[row["to_stage"]]] = row["first"]
    on_their_own: list[Journey] = []
    for approval in approved_households(organisation_ids=orgs):
        assessment_id = household_of.get(approval.household_id)
        if assessment_id is None:  # approved with no assessment on record: a journey of its own
            journey = Journey(carer_type=approval.carer_type)
            on_their_own.append(journey)
        else:
            journey = by_assessment[assessment_id]
        journey.approved_as = approval.carer_type
        journey.reached["approvals"] = approval.approved_on

    every = [*by_enquiry.values(), *by_assessment.values(), *on_their_own]
    unique: dict[int, Journey] = {id(j): j for j in every}
    return list(unique.values())


def _row(label: str, journeys: Iterable[Journey], start: date, end: date) -> FunnelRow:
    counts = Counter(
        stage for journey in journeys for stage, on in journey.reached.items() if start <= on <= end
    )
    return FunnelRow(label, {code: counts.get(code, 0) for code in STAGE_CODES})


def _cohort(journeys: Iterable[Journey], start: date, end: date) -> FunnelRow:
    """Of the requests received from ``start`` to ``end``, how many reached each stage or a later one."""
    counts = dict.fromkeys(STAGE_CODES, 0)
    for journey in journeys:
        received = journey.reached.get("requests")
        if received is None or not start <= received <= end:
            continue
        furthest = max(STAGE_CODES.index(stage) for stage in journey.reached)
        for code in STAGE_CODES[: furthest + 1]:
            counts[code] += 1
    return FunnelRow("Requests received in the period", counts)


def _months(start: date, end: date) -> list[tuple[date, date]]:
    months = []
    first = start.replace(day=1)
    while first <= end:
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        months.append((max(first, start), min(date.fromordinal(following.toordinal() - 1), end)))
        first = following
    return months


def funnel(*, organisation_ids: Iterable[int], start: date, end: date, carer_type: str = "") -> Funnel:
    every = journeys(organisation_ids)
    if carer_type:
        every = [j for j in every if j.carer_type == carer_type]
    by_channel: dict[str, list[Journey]] = defaultdict(list)
    by_source: dict[str, list[Journey]] = defaultdict(list)
    for journey in every:
        by_channel[journey.channel].append(journey)
        by_source[journey.source].append(journey)
    medians: dict[str, float | None] = {}
    for i, stage in enumerate(STAGE_CODES[1:], start=1):
        gaps = []
        for j in every:
            reached = j.reached.get(stage)
            earlier = [j.reached[code] for code in reversed(STAGE_CODES[:i]) if code in j.reached]
            if reached is not None and earlier and start <= reached <= end:
                gaps.append((reached - earlier[0]).days)
        medians[stage] = statistics.median(gaps) if gaps else None
    return Funnel(
        start=start,
        end=end,
        carer_type=carer_type,
        total=_row("All", every, start, end),
        cohort=_cohort(every, start, end),
        by_month=[_row(f"{a:%B %Y}", every, a, b) for a, b in _months(start, end)],
        by_channel=[_row(name, rows, start, end) for name, rows in sorted(by_channel.items())],
        by_source=[_row(name, rows, start, end) for name, rows in sorted(by_source.items())],
        median_days=medians,
    )
