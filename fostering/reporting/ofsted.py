"""Ofsted's annual fostering data collection for a financial year, counted from the records.

Year ``2026`` is 1 April 2025 to 31 March 2026. Every figure keeps the records it counted (``Figure.records``),
so the page, the spreadsheet and the drill-down list the same things; a figure's value is the sum of its
records' weights (1 for a household, an enquiry or a carer; a household's number of places for places), or
a measure worked out from them (the median length of the application process).

Definitions:

- A household is approved on a day from its approval (``households.approvals``, the one definition of an
  approval) until it resigns or is deregistered (its first status change to a closed status). "At 1 April"
  is at the start of that day, "at 31 March" at its end, so households at 1 April + approvals in the year
  - deregistrations and resignations in the year = households at 31 March, for each kind of carer.
- Kinds as the collection groups them: mainstream (mainstream, specialist and foster for adoption carers),
  family and friends (kinship carers) and short breaks only. Supported lodgings hosts are not foster carers
  and are in no figure.
- Carers are the members of an approved household recorded as carers on the day.
- Places at 31 March: approved places are the household's terms of approval that day; filled places are
  the children living there (Staying Put is not a place); the free places of a household on hold, of carers
  on a break, or kept for a named child or a referral are not available; the rest are vacant.
- Initial enquiries are the enquiries received in the year; applications the fostering assessments whose
  application was accepted in the year; withdrawals before panel the assessments withdrawn in the year,
  by the reason recorded (Ofsted's codes AW0 to AW5).
- The length of the application process is from the application accepted to the approval, in days, for the
  year's approvals with an assessment on record.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from fostering.assessments.choices import AssessmentKind, Stage, WithdrawalReason
from fostering.assessments.models import Assessment
from fostering.assessments.models import StageChange as AssessmentStageChange
from fostering.concerns.models import Allegation, Complaint
from fostering.core.validators import age_on
from fostering.households.approvals import approvals as approved_households
from fostering.households.choices import CLOSED_STATUSES, CarerType, HouseholdStatus, ResignationReason
from fostering.households.models import FosteringHousehold, StatusChange, TermsOfApproval
from fostering.people.choices import (
    Disability,
    Ethnicity,
    GenderIdentity,
    MemberRole,
    RelationshipStatus,
    Religion,
    Sex,
    SexualOrientation,
)
from fostering.people.models import EqualityMonitoring, HouseholdMember, Person
from fostering.placements.choices import HoldKind
from fostering.placements.models import Placement, VacancyHold
from fostering.placements.rules import NOT_A_PLACE
from fostering.recruitment.models import Enquiry

FIRST_YEAR = 2000

KINDS: list[tuple[str, str, frozenset[str]]] = [
    (
        "mainstream",
        "Mainstream",
        frozenset({CarerType.MAINSTREAM, CarerType.SPECIALIST, CarerType.FOSTER_FOR_ADOPTION}),
    ),
    ("family_and_friends", "Family and friends", frozenset({CarerType.KINSHIP})),
    ("short_breaks", "Short breaks only", frozenset({CarerType.SHORT_BREAKS})),
]
KIND_OF: dict[str, str] = {carer_type: code for code, _, types in KINDS for carer_type in types}
ALL = "all"
KIND_COLUMNS: list[tuple[str, str]] = [(code, label) for code, label, _ in KINDS] + [(ALL, "All")]
FOSTERING_ASSESSMENTS = frozenset({AssessmentKind.MAINSTREAM, AssessmentKind.FAST_TRACK})
AGE_BANDS: list[tuple[str, int, int]] = [
    ("Under 18", 0, 17),
    ("18 to 19", 18, 19),
    ("20 to 24", 20, 24),
    ("25 to 34", 25, 34),
    ("35 to 44", 35, 44),
    ("45 to 54", 45, 54),
    ("55 to 64", 55, 64),
    ("65 and over", 65, 200),
]
NO_BIRTH_DATE = "Date of birth not recorded"
NO_REASON = "No reason recorded"
DEREGISTERED = "Deregistered by the service"
NOT_AVAILABLE_REASONS = [
    ("on_hold", "The household is on hold"),
    ("break", "The carers are on a break"),
    ("kept", "Kept for a named child or a referral"),
]

# What the collection asks that the records do not hold yet, said plainly.
PREFER_NOT = ("prefer_not", "Prefer not to say")
NO_CONSENT = ("no_consent", "Not held: no consent recorded")


def _monitoring(person: Person) -> EqualityMonitoring | None:
    """The carer's equality answers, held with their consent, or None."""
    try:
        return person.equality_monitoring
    except EqualityMonitoring.DoesNotExist:
        return None


NOT_RECORDED: list[str] = [
    "Reasons a place is not available other than the household being on hold, the carers being on a break "
    "or the place being kept for a child (for example the needs of a child already placed).",
    "Applications and withdrawals of family and friends carers: connected person assessments are kept "
    "apart and not yet counted here.",
    "The children's side of the collection (children placed, their ages and how long they stayed).",
]


def year_bounds(year: int) -> tuple[date, date]:
    """1 April and 31 March of the financial year ending in ``year``."""
    return date(year - 1, 4, 1), date(year, 3, 31)


def year_errors(year: int, today: date) -> str:
    """Why the financial year cannot be reported (empty when it can)."""
    if year < FIRST_YEAR:
        return f"Enter a year from {FIRST_YEAR} onwards"
    if year_bounds(year)[1] >= today:
        return f"The financial year to 31 March {year} has not ended yet"
    return ""


@dataclass(frozen=True)
class Record:
    label: str
    url: str
    detail: str = ""
    weight: int = 1


@dataclass
class Figure:
    key: str
    label: str
    records: list[Record] = field(default_factory=list)
    measure: float | None = None  # a value worked out from the records (a median) rather than their sum
    is_measure: bool = False

    @property
    def value(self) -> float | int | None:
        if self.is_measure:
            return self.measure
        return sum(record.weight for record in self.records)


@dataclass
class Part:
    code: str
    title: str
    intro: str
    columns: list[tuple[str, str]]
    rows: list[tuple[str, list[Figure]]] = field(default_factory=list)


@dataclass(frozen=True)
class Check:
    title: str
    sums: str
    left: int
    right: int

    @property
    def passed(self) -> bool:
        return self.left == self.right


@dataclass
class Dataset:
    year: int
    start: date
    end: date
    organisation_name: str
    parts: list[Part]
    checks: list[Check]
    not_recorded: list[str] = field(default_factory=lambda: list(NOT_RECORDED))

    @property
    def label(self) -> str:
        return f"{self.year - 1}-{str(self.year)[-2:]}"

    def figures(self) -> dict[str, Figure]:
        return {figure.key: figure for part in self.parts for _, row in part.rows for figure in row}

    @property
    def passed(self) -> bool:
        return all(check.passed for check in self.checks)


@dataclass
class _Household:
    pk: int
    household_id: int
    name: str
    reference: str
    kind: str
    approved_on: date
    closed_on: date | None = None
    closed_to: str = ""
    closed_reason: str = ""

    def approved_at_end_of(self, day: date) -> bool:
        return self.approved_on <= day and (self.closed_on is None or self.closed_on > day)

    @property
    def url(self) -> str:
        return reverse("households:detail", args=[self.pk])

    def record(self, detail: str = "", weight: int = 1) -> Record:
        return Record(f"{self.name} ({self.reference})", self.url, detail, weight)


def _by_kind(key: str, label: str) -> dict[str, Figure]:
    return {
        code: Figure(f"{key}.{code}", f"{label}: {'all kinds' if code == ALL else column.lower()}")
        for code, column in KIND_COLUMNS
    }


def _add(figures: dict[str, Figure], kind: str, record: Record) -> None:
    figures[kind].records.append(record)
    figures[ALL].records.append(record)


def _row(figures: dict[str, Figure]) -> list[Figure]:
    return [figures[code] for code, _ in KIND_COLUMNS]


def _long(on: date) -> str:
    return f"{on.day} {on:%B %Y}"


def dataset(*, organisation_id: int, organisation_name: str, year: int) -> Dataset:
    """The collection for the financial year ending on 31 March ``year``: a fixed number of queries."""
    start, end = year_bounds(year)
    before = date.fromordinal(start.toordinal() - 1)  # the end of 31 March before: the start of 1 April

    households: dict[int, _Household] = {}
    for pk, household_id, name, reference, carer_type, approved_on in (
        FosteringHousehold.objects.filter(organisation_id=organisation_id, carer_type__in=list(KIND_OF))
        .order_by("reference", "pk")
        .values_list("pk", "household_id", "household__name", "reference", "carer_type", "approved_on")
    ):
        households[pk] = _Household(pk, household_id, name, reference, KIND_OF[carer_type], approved_on)
    by_people_household = {h.household_id: h for h in households.values()}
    ids = FosteringHousehold.objects.filter(organisation_id=organisation_id, carer_type__in=list(KIND_OF))

    status_history: dict[int, list[tuple[date, str]]] = defaultdict(list)
    for fh_id, to_status, changed_on, resignation_reason in (
        StatusChange.objects.filter(fostering_household__in=ids.values("pk"))
        .order_by("changed_on", "pk")
        .values_list("fostering_household_id", "to_status", "changed_on", "resignation_reason")
    ):
        status_history[fh_id].append((changed_on, to_status))
        h = households[fh_id]
        if to_status in CLOSED_STATUSES and h.closed_on is None:
            h.closed_on, h.closed_to, h.closed_reason = changed_on, to_status, resignation_reason

    def status_on(h: _Household, day: date) -> str:
        status = HouseholdStatus.AVAILABLE.value
        for changed_on, to_status in status_history[h.pk]:
            if changed_on <= day:
                status = to_status
        return status

    at_start = [h for h in households.values() if h.approved_at_end_of(before)]
    at_end = [h for h in households.values() if h.approved_at_end_of(end)]

    # Households and carers
    households_start = _by_kind("households_start", f"Households at 1 April {start.year}")
    households_end = _by_kind("households_end", f"Households at 31 March {end.year}")
    approvals = _by_kind("approvals", "Approvals in the year")
    closures = _by_kind("closures", "Deregistrations and resignations in the year")
    for h in at_start:
        _add(households_start, h.kind, h.record(f"Approved {_long(h.approved_on)}"))
    for h in at_end:
        _add(households_end, h.kind, h.record(f"Approved {_long(h.approved_on)}"))
    year_approvals = []
    for approval in approved_households(organisation_ids=[organisation_id], start=start, end=end):
        newly = by_people_household.get(approval.household_id)
        if newly is None:  # supported lodgings hosts are not in the collection
            continue
        year_approvals.append((approval, newly))
        _add(approvals, newly.kind, newly.record(f"Approved {_long(approval.approved_on)}"))
    for h in households.values():
        if h.closed_on is not None and start <= h.closed_on <= end:
            _add(closures, h.kind, h.record(f"{HouseholdStatus(h.closed_to).label} {_long(h.closed_on)}"))

    carers_start = _by_kind("carers_start", f"Carers at 1 April {start.year}")
    carers_end = _by_kind("carers_end", f"Carers at 31 March {end.year}")
    end_carers: list[tuple[_Household, HouseholdMember]] = []
    members = (
        HouseholdMember.objects.filter(household__fostering__in=ids.values("pk"), role=MemberRole.CARER)
        .select_related("person", "person__equality_monitoring")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    start_ids = {h.pk for h in at_start}
    end_ids = {h.pk for h in at_end}
    for member in members:
        h = by_people_household[member.household_id]

        def there(day: date, m: HouseholdMember = member) -> bool:
            return m.joined_on <= day and (m.left_on is None or m.left_on > day)

        record = Record(member.person.full_name, reverse("people:detail", args=[member.person_id]), h.name)
        if h.pk in start_ids and there(before):
            _add(carers_start, h.kind, record)
        if h.pk in end_ids and there(end):
            _add(carers_end, h.kind, record)
            end_carers.append((h, member))

    households_part = Part(
        "households",
        "Households and carers",
        "Approved fostering households and their carers at the start and end of the year, by kind of carer.",
        KIND_COLUMNS,
        [
            (f"Households at 1 April {start.year}", _row(households_start)),
            ("Approvals in the year", _row(approvals)),
            ("Deregistrations and resignations in the year", _row(closures)),
            (f"Households at 31 March {end.year}", _row(households_end)),
            (f"Carers at 1 April {start.year}", _row(carers_start)),
            (f"Carers at 31 March {end.year}", _row(carers_end)),
        ],
    )

    # Places at 31 March
    terms: dict[int, int] = {}
    for fh_id, number in (
        TermsOfApproval.objects.filter(fostering_household__in=ids.values("pk"), effective_from__lte=end)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=end))
        .order_by("effective_from", "pk")
        .values_list("fostering_household_id", "number_of_children")
    ):
        terms[fh_id] = number
    placed: dict[int, list[Placement]] = defaultdict(list)
    staying_put: list[Placement] = []
    for placement in (
        Placement.objects.filter(fostering_household__in=ids.values("pk"), started_on__lte=end)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=end))
        .select_related("child__person")
        .order_by("started_on", "pk")
    ):
        if placement.placement_type in NOT_A_PLACE:
            staying_put.append(placement)
        else:
            placed[placement.fostering_household_id].append(placement)  # type: ignore[index]
    holds: dict[int, list[str]] = defaultdict(list)
    for fh_id, kind in (
        VacancyHold.objects.filter(
            fostering_household__in=ids.values("pk"), held_from__lte=end, held_until__gte=end
        )
        .filter(Q(released_on__isnull=True) | Q(released_on__gt=end))
        .values_list("fostering_household_id", "kind")
    ):
        holds[fh_id].append(kind)

    approved_places = _by_kind("places_approved", "Places approved")
    filled_places = _by_kind("places_filled", "Places filled")
    vacant_places = _by_kind("places_vacant", "Places vacant")
    unavailable_places = _by_kind("places_not_available", "Places not available")
    unavailable_by_reason = {
        code: Figure(f"not_available.{code}", label) for code, label in NOT_AVAILABLE_REASONS
    }
    for h in at_end:
        approved = terms.get(h.pk, 0)
        children = placed[h.pk]
        if approved:
            _add(approved_places, h.kind, h.record(f"{approved} approved", approved))
        for placement in children:
            _add(
                filled_places,
                h.kind,
                Record(
                    str(placement.child.person),
                    reverse("placements:detail", args=[placement.pk]),
                    f"With {h.name} from {_long(placement.started_on)}",
                ),
            )
        free = max(approved - len(children), 0)
        unavailable, reason = 0, ""
        if free and status_on(h, end) == HouseholdStatus.ON_HOLD:
            unavailable, reason = free, "on_hold"
        elif free and HoldKind.BREAK in holds[h.pk]:
            unavailable, reason = free, "break"
        elif free and holds[h.pk]:
            unavailable, reason = min(len(holds[h.pk]), free), "kept"
        if unavailable:
            label = dict(NOT_AVAILABLE_REASONS)[reason]
            _add(unavailable_places, h.kind, h.record(label, unavailable))
            unavailable_by_reason[reason].records.append(h.record(label, unavailable))
        if free - unavailable:
            _add(vacant_places, h.kind, h.record("Vacant", free - unavailable))
    places_part = Part(
        "places",
        f"Places at 31 March {end.year}",
        "Places in the terms of approval of the households approved at 31 March: filled by a child living "
        "there, not available, or vacant.",
        KIND_COLUMNS,
        [
            ("Approved", _row(approved_places)),
            ("Filled", _row(filled_places)),
            ("Vacant", _row(vacant_places)),
            ("Not available", _row(unavailable_places)),
        ],
    )
    unavailable_part = Part(
        "not_available",
        "Places not available, by reason",
        f"Why the places not available at 31 March {end.year} could not be offered.",
        [("number", "Places")],
        [(label, [unavailable_by_reason[code]]) for code, label in NOT_AVAILABLE_REASONS],
    )

    # Recruitment: enquiries, applications, withdrawals and approvals
    enquiries = Figure("enquiries", "Initial enquiries")
    for enquiry in (
        Enquiry.objects.filter(organisation_id=organisation_id)
        .filter(received_at__date__gte=date.fromordinal(start.toordinal() - 1))
        .filter(received_at__date__lte=date.fromordinal(end.toordinal() + 1))
        .select_related("person")
        .order_by("received_at", "pk")
    ):
        received = timezone.localtime(enquiry.received_at).date()
        if start <= received <= end:
            enquiries.records.append(
                Record(
                    enquiry.person.full_name,
                    reverse("recruitment:enquiry_detail", args=[enquiry.pk]),
                    f"Received {_long(received)}",
                )
            )
    assessments = list(
        Assessment.objects.filter(organisation_id=organisation_id, kind__in=list(FOSTERING_ASSESSMENTS))
        .select_related("household")
        .order_by("application_accepted_on", "pk")
    )
    applications = Figure("applications", "Applications")
    accepted_by_household: dict[int, list[date]] = defaultdict(list)
    for assessment in assessments:
        accepted_by_household[assessment.household_id].append(assessment.application_accepted_on)
        if start <= assessment.application_accepted_on <= end:
            applications.records.append(
                Record(
                    assessment.household.name,
                    reverse("assessments:detail", args=[assessment.pk]),
                    f"Application accepted {_long(assessment.application_accepted_on)}",
                )
            )
    withdrawal_rows: list[tuple[str, str]] = [*WithdrawalReason.choices, ("", NO_REASON)]
    withdrawals = {code: Figure(f"withdrawals.{code or 'none'}", label) for code, label in withdrawal_rows}
    withdrawals_all = Figure("withdrawals.all", "Withdrawals before panel")
    by_assessment = {a.pk: a for a in assessments}
    for assessment_id, changed_on, reason in (
        AssessmentStageChange.objects.filter(
            organisation_id=organisation_id,
            assessment__kind__in=list(FOSTERING_ASSESSMENTS),
            to_stage=Stage.WITHDRAWN,
            changed_on__gte=start,
            changed_on__lte=end,
        )
        .order_by("changed_on", "pk")
        .values_list("assessment_id", "changed_on", "withdrawal_reason")
    ):
        assessment = by_assessment[assessment_id]
        code = reason or assessment.withdrawal_reason
        record = Record(
            assessment.household.name,
            reverse("assessments:detail", args=[assessment.pk]),
            f"Withdrawn {_long(changed_on)}: {dict(withdrawal_rows)[code]}",
        )
        withdrawals[code].records.append(record)
        withdrawals_all.records.append(record)
    approvals_all = approvals[ALL]
    recruitment_part = Part(
        "recruitment",
        "Enquiries, applications and approvals",
        "Initial enquiries received, fostering applications accepted, assessments withdrawn before panel and "
        "households approved in the year.",
        [("number", "Number")],
        [
            ("Initial enquiries", [enquiries]),
            ("Applications", [applications]),
            ("Withdrawals before panel", [withdrawals_all]),
            ("Approvals", [approvals_all]),
        ],
    )
    withdrawals_part = Part(
        "withdrawals",
        "Withdrawals before panel, by reason",
        "Assessments withdrawn before panel in the year, by Ofsted's reason codes as recorded.",
        [("number", "Withdrawals")],
        [(label, [withdrawals[code]]) for code, label in withdrawal_rows],
    )

    # Deregistrations by reason
    reason_rows: list[tuple[str, str]] = [
        *ResignationReason.choices,
        ("", f"Resigned: {NO_REASON.lower()}"),
        ("deregistered", DEREGISTERED),
    ]
    by_reason = {code: _by_kind(f"deregistrations.{code or 'none'}", label) for code, label in reason_rows}
    for h in households.values():
        if h.closed_on is None or not start <= h.closed_on <= end:
            continue
        code = "deregistered" if h.closed_to == HouseholdStatus.DEREGISTERED else h.closed_reason
        _add(by_reason[code], h.kind, h.record(f"{dict(reason_rows)[code]}, {_long(h.closed_on)}"))
    deregistrations_part = Part(
        "deregistrations",
        "Deregistrations and resignations, by reason",
        "Households that resigned or were deregistered in the year, by the reason recorded.",
        KIND_COLUMNS,
        [(label, _row(by_reason[code])) for code, label in reason_rows],
    )

    # Length of the application process
    timed = Figure("application_length.approvals", "Approvals with the application on record")
    days: list[int] = []
    for approval, h in year_approvals:
        accepted = [
            on for on in accepted_by_household.get(approval.household_id, []) if on <= approval.approved_on
        ]
        if not accepted:
            continue
        gap = (approval.approved_on - max(accepted)).days
        days.append(gap)
        timed.records.append(h.record(f"{gap} days from application to approval"))
    median = Figure(
        "application_length.median",
        "Median days from application to approval",
        list(timed.records),
        measure=statistics.median(days) if days else None,
        is_measure=True,
    )
    length_part = Part(
        "application_length",
        "Length of the application process",
        "Days from the application accepted to the approval, for the year's approvals with an assessment on "
        "record (carers approved without one, such as family and friends carers, are not timed).",
        [("number", "Number")],
        [("Approvals timed", [timed]), ("Median days from application to approval", [median])],
    )

    # Carers' ages and characteristics at 31 March
    bands = {label: Figure(f"ages.{i}", label) for i, (label, _, _) in enumerate(AGE_BANDS)}
    bands[NO_BIRTH_DATE] = Figure("ages.none", NO_BIRTH_DATE)
    characteristics: dict[str, Figure] = {}
    # sexual orientation, gender identity and relationship status are held only with the carer's consent
    # (people.EqualityMonitoring); a carer without it is counted as such, and may prefer not to say their
    # sex or disability there
    for choices, title in (
        ([*Sex.choices, PREFER_NOT], "Sex"),
        (Ethnicity.choices, "Ethnicity"),
        (Religion.choices, "Religion"),
        ([*Disability.choices, PREFER_NOT], "Disability"),
        ([*SexualOrientation.choices, NO_CONSENT], "Sexual orientation"),
        ([*GenderIdentity.choices, NO_CONSENT], "Gender identity"),
        ([*RelationshipStatus.choices, NO_CONSENT], "Relationship status"),
    ):
        for value, label in choices:
            key = f"characteristics.{title.lower().replace(' ', '_')}.{value}"
            characteristics[f"{title}:{value}"] = Figure(key, label)
    for h, member in end_carers:
        person = member.person
        record = Record(person.full_name, reverse("people:detail", args=[person.pk]), h.name)
        if person.date_of_birth is None:
            bands[NO_BIRTH_DATE].records.append(record)
        else:
            age = age_on(person.date_of_birth, end)
            band = next(label for label, low, high in AGE_BANDS if low <= age <= high)
            bands[band].records.append(record)
        answers = _monitoring(person)
        for title, value in (
            ("Sex", PREFER_NOT[0] if answers and answers.sex_not_said else person.sex),
            ("Ethnicity", person.ethnicity),
            ("Religion", person.religion),
            ("Disability", PREFER_NOT[0] if answers and answers.disability_not_said else person.disability),
            ("Sexual orientation", answers.sexual_orientation if answers else NO_CONSENT[0]),
            ("Gender identity", answers.gender_identity if answers else NO_CONSENT[0]),
            ("Relationship status", answers.relationship_status if answers else NO_CONSENT[0]),
        ):
            figure = characteristics.get(f"{title}:{value}")
            if figure is not None:
                figure.records.append(record)
    ages_part = Part(
        "ages",
        f"Carers' ages at 31 March {end.year}",
        f"The carers of the households approved at 31 March {end.year}, by their age that day.",
        [("number", "Carers")],
        [(label, [figure]) for label, figure in bands.items()],
    )
    characteristics_part = Part(
        "characteristics",
        f"Carers' characteristics at 31 March {end.year}",
        "The characteristics the records hold for the same carers. Sexual orientation, gender identity and "
        "relationship status are held only for carers who agreed to them being held (the equality answers on "
        "a person's record); the others are counted as not held.",
        [("number", "Carers")],
        [(f"{key.split(':')[0]}: {figure.label}", [figure]) for key, figure in characteristics.items()],
    )

    staying = Figure("staying_put", f"Staying Put arrangements at 31 March {end.year}")
    for placement in staying_put:
        h = households[placement.fostering_household_id]  # type: ignore[index]
        staying.records.append(
            Record(
                str(placement.child.person),
                reverse("placements:detail", args=[placement.pk]),
                f"With {h.name} from {_long(placement.started_on)}",
            )
        )
    staying_part = Part(
        "staying_put",
        f"Staying Put at 31 March {end.year}",
        "Young people aged 18 or over living on with their former foster carers.",
        [("number", "Young people")],
        [("Staying Put arrangements", [staying])],
    )

    # Allegations against carers and complaints
    allegations = Figure("allegations", "Allegations against carers received in the year")
    for allegation_pk, fh_id, received_on, outcome in (
        Allegation.objects.filter(
            fostering_household__in=ids.values("pk"), received_on__gte=start, received_on__lte=end
        )
        .order_by("received_on", "pk")
        .values_list("pk", "fostering_household_id", "received_on", "outcome")
    ):
        h = households[fh_id]
        allegations.records.append(
            Record(
                f"Allegation against {h.name} ({h.reference})",
                reverse("concerns:allegation_detail", args=[allegation_pk]),
                f"Received {_long(received_on)}" + ("" if outcome else ", still open"),
            )
        )
    complaints = Figure("complaints", "Complaints received in the year")
    for complaint_pk, received_on, household_name in (
        Complaint.objects.filter(
            organisation_id=organisation_id, received_on__gte=start, received_on__lte=end
        )
        .order_by("received_on", "pk")
        .values_list("pk", "received_on", "fostering_household__household__name")
    ):
        complaints.records.append(
            Record(
                f"Complaint received {_long(received_on)}",
                reverse("concerns:complaint_detail", args=[complaint_pk]),
                f"About {household_name}" if household_name else "About the service",
            )
        )
    concerns_part = Part(
        "concerns",
        "Allegations and complaints",
        "Allegations against the carers of the collection's households received in the year, and every "
        "complaint received in the year, about a household or about the service.",
        [("number", "Number")],
        [("Allegations against carers", [allegations]), ("Complaints", [complaints])],
    )

    parts = [
        households_part,
        places_part,
        unavailable_part,
        recruitment_part,
        withdrawals_part,
        deregistrations_part,
        length_part,
        ages_part,
        characteristics_part,
        staying_part,
        concerns_part,
    ]
    for part in parts:
        if len(part.columns) == 1 and part.code not in ("recruitment", "application_length", "staying_put"):
            for label, (figure,) in part.rows:
                figure.label = f"{part.title}: {label}"
    return Dataset(
        year, start, end, organisation_name, parts, _checks(households_part, places_part, ages_part)
    )


def _int(figure: Figure) -> int:
    value = figure.value
    return int(value) if value is not None else 0


def _checks(households: Part, places: Part, ages: Part) -> list[Check]:
    rows = dict(households.rows)
    start_label, approvals_label, closures_label, end_label, _, carers_end_label = [
        r for r, _ in households.rows
    ]
    place_rows = dict(places.rows)
    checks = []
    for i, (_, kind) in enumerate(KIND_COLUMNS):
        at_start, approved, closed, at_end = (
            _int(rows[label][i]) for label in (start_label, approvals_label, closures_label, end_label)
        )
        checks.append(
            Check(
                f"Households, {kind.lower() if kind != 'All' else 'all kinds'}",
                f"{at_start} at 1 April + {approved} approvals - {closed} deregistrations and resignations "
                f"= {at_start + approved - closed}; {at_end} at 31 March",
                at_start + approved - closed,
                at_end,
            )
        )
    for i, (_, kind) in enumerate(KIND_COLUMNS):
        approved, filled, vacant, unavailable = (
            _int(place_rows[label][i]) for label in ("Approved", "Filled", "Vacant", "Not available")
        )
        checks.append(
            Check(
                f"Places, {kind.lower() if kind != 'All' else 'all kinds'}",
                f"{filled} filled + {vacant} vacant + {unavailable} not available = "
                f"{filled + vacant + unavailable}; {approved} approved",
                filled + vacant + unavailable,
                approved,
            )
        )
    carers = _int(rows[carers_end_label][-1])
    banded = sum(_int(row[0]) for _, row in ages.rows)
    checks.append(
        Check(
            "Carers' ages",
            f"{banded} carers in the age bands; {carers} carers at 31 March",
            banded,
            carers,
        )
    )
    return checks
