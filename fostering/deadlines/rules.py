"""The timescale rules: every statutory or local clock the service runs, as data (domain.md section 4).

Each rule has a code (its name everywhere: code, docs/timescales.md, the API, reports), a length in a
unit, and says what starts the clock. ``due_date`` turns a rule and a start into a due date.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from types import MappingProxyType

from .calendar import (
    OfficeHours,
    add_months,
    add_working_days,
    add_working_hours,
    to_london,
    to_london_date,
)

__all__ = [
    "RULES",
    "VARIANTS",
    "Rule",
    "Unit",
    "add_months",
    "due_date",
    "get_rule",
]


class Unit(StrEnum):
    WORKING_HOURS = "working_hours"
    WORKING_DAYS = "working_days"
    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"
    YEARS = "years"

    def describe(self, amount: int) -> str:
        """Plain words for ``amount`` of this unit, e.g. "2 working hours", "1 month"."""
        words = self.value.replace("_", " ")
        if amount == 1:
            words = words[:-1]
        return f"{amount} {words}"


# The kinds of household a rule may treat differently. Passing one of these to ``due_date`` for a rule
# that has no such variant uses the rule's usual length, so callers can pass a household's kind always.
VARIANTS = frozenset({"kinship", "short_breaks"})


@dataclass(frozen=True)
class Rule:
    """One timescale.

    ``before`` is True when the due date is counted back from the start (papers due before a panel).
    ``due_soon`` is how close to the due date an open item turns "due soon": in working hours for a
    WORKING_HOURS rule, in working days for every other rule; None means the service default
    (``settings.FOSTERING_DUE_SOON_WORKING_DAYS``, 5).
    """

    code: str
    title: str
    starts_at: str
    amount: int
    unit: Unit
    regulation: str
    before: bool = False
    variants: Mapping[str, int] = field(default_factory=dict, hash=False)
    due_soon: int | None = None

    def __post_init__(self) -> None:
        unknown = set(self.variants) - VARIANTS
        if unknown:
            raise ValueError(f"Rule {self.code}: unknown variants {sorted(unknown)}")
        if self.before and self.unit is Unit.WORKING_HOURS:
            raise ValueError(f"Rule {self.code}: a clock counted in working hours cannot run backwards")
        object.__setattr__(self, "variants", MappingProxyType(dict(self.variants)))

    def amount_for(self, variant: str | None = None) -> int:
        """The length for ``variant`` (the usual length if the rule has no such variant)."""
        if variant is None:
            return self.amount
        if variant not in VARIANTS:
            raise ValueError(f"Unknown variant {variant!r}; known variants: {', '.join(sorted(VARIANTS))}")
        return self.variants.get(variant, self.amount)

    @property
    def length(self) -> str:
        """Plain words, e.g. "12 months (18 months for kinship, short_breaks)"."""
        text = self.unit.describe(self.amount)
        by_amount: dict[int, list[str]] = {}
        for name, amount in self.variants.items():
            by_amount.setdefault(amount, []).append(name)
        extras = [
            f"{self.unit.describe(amount)} for {', '.join(sorted(names))}"
            for amount, names in sorted(by_amount.items())
        ]
        if extras:
            text += f" ({'; '.join(extras)})"
        return text


_LOCAL = "local service standard"
_FSR = "Fostering Services (England) Regulations 2011"
_CPR = "Care Planning, Placement and Case Review (England) Regulations 2010"

_RULES: tuple[Rule, ...] = (
    Rule(
        code="document_expiry",
        title="Replace a document before it expires",
        starts_at="document's expiry date",
        amount=0,
        unit=Unit.DAYS,
        regulation=_LOCAL,
        due_soon=20,
    ),
    Rule(
        code="enquiry_response",
        title="Respond to an enquiry",
        starts_at="enquiry received",
        amount=2,
        unit=Unit.WORKING_HOURS,
        regulation=_LOCAL,
        due_soon=1,
    ),
    Rule(
        code="initial_visit_offer",
        title="Offer an initial visit",
        starts_at="screening call",
        amount=5,
        unit=Unit.WORKING_DAYS,
        regulation=_LOCAL,
        due_soon=2,
    ),
    Rule(
        code="initial_visit_record",
        title="Write the initial visit record",
        starts_at="initial visit",
        amount=2,
        unit=Unit.WORKING_DAYS,
        regulation=_LOCAL,
        due_soon=1,
    ),
    Rule(
        code="progress_decision",
        title="Decide whether to progress to assessment",
        starts_at="initial visit",
        amount=3,
        unit=Unit.WORKING_DAYS,
        regulation=_LOCAL,
        due_soon=1,
    ),
    Rule(
        code="stage1_complete",
        title="Complete Stage 1",
        starts_at="application accepted",
        amount=8,
        unit=Unit.WEEKS,
        regulation=f"{_FSR}, reg 26 (assessment); target length is a {_LOCAL}",
    ),
    Rule(
        code="assessment_complete",
        title="Complete the Form F assessment",
        starts_at="application accepted",
        amount=16,
        unit=Unit.WEEKS,
        regulation=f"{_FSR}, reg 26 (assessment); target length is a {_LOCAL}",
    ),
    Rule(
        code="panel_papers",
        title="Send papers to panel members",
        starts_at="panel date",
        amount=5,
        unit=Unit.WORKING_DAYS,
        before=True,
        regulation="local panel standard",
    ),
    Rule(
        code="adm_decision",
        title="Agency decision maker's decision",
        starts_at="panel",
        amount=7,
        unit=Unit.WORKING_DAYS,
        regulation=f"{_FSR}, reg 27 (approval); Fostering Services National Minimum Standards 2011",
        due_soon=2,
    ),
    Rule(
        code="panel_appraisal",
        title="Panel member's annual appraisal",
        starts_at="joining the panel, or the last appraisal",
        amount=12,
        unit=Unit.MONTHS,
        regulation="Fostering Services National Minimum Standards 2011, standard 14 (annual appraisal)",
    ),
    Rule(
        code="reg24_approval",
        title="Regulation 24 temporary approval ends",
        starts_at="placement start",
        amount=16,
        unit=Unit.WEEKS,
        regulation=f"{_CPR}, reg 24",
        due_soon=10,
    ),
    Rule(
        code="reg25_extension",
        title="Regulation 25 extension ends",
        starts_at="end of temporary approval",
        amount=8,
        unit=Unit.WEEKS,
        regulation=f"{_CPR}, reg 25",
        due_soon=10,
    ),
    Rule(
        code="supervision",
        title="Supervision visit",
        starts_at="last supervision (or approval)",
        amount=6,
        unit=Unit.WEEKS,
        regulation=_LOCAL,
    ),
    Rule(
        code="unannounced_visit",
        title="Unannounced visit",
        starts_at="last unannounced visit (or approval)",
        amount=12,
        unit=Unit.MONTHS,
        regulation=(
            "Fostering Services National Minimum Standards 2011 (at least one unannounced visit a year)"
        ),
        due_soon=20,
    ),
    Rule(
        code="annual_review",
        title="Household review",
        starts_at="approval, then last review",
        amount=12,
        unit=Unit.MONTHS,
        regulation=f"{_FSR}, reg 28",
        due_soon=20,
    ),
    Rule(
        code="tsd_standards",
        title="Complete the TSD standards",
        starts_at="approval",
        amount=12,
        unit=Unit.MONTHS,
        variants={"kinship": 18, "short_breaks": 18},
        regulation="Training, Support and Development Standards for Foster Care",
        due_soon=20,
    ),
    Rule(
        code="support_plan_review",
        title="Revisit the training and support plan",
        starts_at="last plan",
        amount=4,
        unit=Unit.MONTHS,
        regulation=_LOCAL,
        due_soon=10,
    ),
    Rule(
        code="iv_safeguarding_course",
        title="Independent visitor's one-day safeguarding course",
        starts_at="independent visitor approved",
        amount=6,
        unit=Unit.MONTHS,
        regulation=_LOCAL,
        due_soon=10,
    ),
    Rule(
        code="child_first_review",
        title="Child's first review",
        starts_at="entering care",
        amount=20,
        unit=Unit.WORKING_DAYS,
        regulation=f"{_CPR}, reg 33",
    ),
    Rule(
        code="child_second_review",
        title="Child's second review",
        starts_at="first review",
        amount=3,
        unit=Unit.MONTHS,
        regulation=f"{_CPR}, reg 33",
        due_soon=10,
    ),
    Rule(
        code="child_review",
        title="Child's review",
        starts_at="last review",
        amount=6,
        unit=Unit.MONTHS,
        regulation=f"{_CPR}, reg 33",
        due_soon=10,
    ),
    Rule(
        code="adopter_assessment",
        title="Complete the adopter assessment (Stage 1 and Stage 2)",
        starts_at="Stage 1 start",
        amount=6,
        unit=Unit.MONTHS,
        regulation="Adoption Agencies Regulations 2005 (as amended in 2013)",
        due_soon=20,
    ),
    Rule(
        code="dbs_renewal",
        title="Renew the DBS check",
        starts_at="DBS certificate date",
        amount=3,
        unit=Unit.YEARS,
        regulation="local policy",
        due_soon=40,
    ),
    Rule(
        code="medical_renewal",
        title="Renew the carer's medical",
        starts_at="last medical",
        amount=2,
        unit=Unit.YEARS,
        regulation="local policy",
        due_soon=40,
    ),
    Rule(
        code="adult_member_checks",
        title="DBS and local authority checks for a new adult in the household",
        starts_at="18th birthday or joining the household",
        amount=1,
        unit=Unit.MONTHS,
        regulation=f"{_FSR}, Schedule 3 (checks on adult members of the household); {_LOCAL}",
        due_soon=10,
    ),
    Rule(
        code="complaint_stage1",
        title="Respond to the complaint (stage 1, local resolution)",
        starts_at="complaint received",
        amount=10,
        unit=Unit.WORKING_DAYS,
        regulation="Children Act 1989 Representations Procedure (England) Regulations 2006, reg 14",
        due_soon=3,
    ),
    Rule(
        code="complaint_stage2",
        title="Complete the complaint investigation (stage 2)",
        starts_at="stage 2 requested",
        amount=25,
        unit=Unit.WORKING_DAYS,
        regulation="Children Act 1989 Representations Procedure (England) Regulations 2006, reg 17",
    ),
    Rule(
        code="complaint_stage2_extended",
        title="Complete the extended complaint investigation (stage 2)",
        starts_at="stage 2 requested",
        amount=65,
        unit=Unit.WORKING_DAYS,
        regulation="Children Act 1989 Representations Procedure (England) Regulations 2006, reg 17(3)",
    ),
    Rule(
        code="complaint_stage3",
        title="Hold the complaint review panel (stage 3)",
        starts_at="stage 3 requested",
        amount=30,
        unit=Unit.WORKING_DAYS,
        regulation="Children Act 1989 Representations Procedure (England) Regulations 2006, reg 19",
    ),
    Rule(
        code="payment_query_answer",
        title="Answer the carer's payment query",
        starts_at="payment query raised",
        amount=10,
        unit=Unit.WORKING_DAYS,
        regulation="Local standard (payments to carers): a query about a payment is answered in 10 working days",
        due_soon=3,
    ),
    Rule(
        code="erasure_response",
        title="Answer the request to erase personal data",
        starts_at="erasure request received",
        amount=1,
        unit=Unit.MONTHS,
        regulation="UK GDPR Article 12(3): without undue delay and within one month of receipt",
        due_soon=5,
    ),
    Rule(
        code="referral_latest_start",
        title="Place the child by the referral's latest start date",
        starts_at="the day before the referral's latest start date (so it falls due on that date)",
        amount=1,
        unit=Unit.DAYS,
        regulation="Placements Data Standard v2 (the referral's own date)",
        due_soon=3,
    ),
    Rule(
        code="significant_event_read",
        title="Read the carer's report of a significant event",
        starts_at="carer recorded a significant event about a child placed with them",
        amount=1,
        unit=Unit.WORKING_DAYS,
        regulation="Fostering Services NMS 2011, standard 5.9 and 21.8: significant events are notified without delay",
        due_soon=1,
    ),
    Rule(
        code="break_request_answer",
        title="Answer the carers' request for a break",
        starts_at="carers asked for a break (respite)",
        amount=5,
        unit=Unit.WORKING_DAYS,
        regulation="Local standard (support to carers): a request for a break is answered in 5 working days",
        due_soon=2,
    ),
    # Children's reviews and the IRO service (fostering/reviews)
    Rule(
        code="review_record_distributed",
        title="Distribute the IRO's record of the review",
        starts_at="review held",
        amount=20,
        unit=Unit.WORKING_DAYS,
        regulation="IRO Handbook 2010, 3.70: the record of the review is distributed within 20 working days",
    ),
    Rule(
        code="review_midway_check",
        title="IRO's midway check between reviews",
        starts_at="review held (due halfway to the next review; 3 months from the second review on)",
        amount=3,
        unit=Unit.MONTHS,
        regulation="IRO Handbook 2010, 3.74-3.76: the IRO monitors the case between reviews",
        due_soon=10,
    ),
    Rule(
        code="review_requested",
        title="Extra review asked for",
        starts_at="review asked for (the IRO, an unplanned placement change, leaving care); due on the date set",
        amount=20,
        unit=Unit.WORKING_DAYS,
        regulation=f"{_CPR}, reg 33(3)",
    ),
    Rule(
        code="review_recommendation",
        title="Recommendation of the review",
        starts_at="review held; due on the date the IRO set",
        amount=3,
        unit=Unit.MONTHS,
        regulation="IRO Handbook 2010, 3.71: each recommendation has a person responsible and a timescale",
    ),
    # Care leavers (leaving care part)
    Rule(
        code="pathway_plan_review",
        title="Review the care leaver's pathway plan",
        starts_at="pathway plan agreed or last reviewed",
        amount=6,
        unit=Unit.MONTHS,
        regulation="Care Leavers (England) Regulations 2010, reg 7: pathway plan reviewed at least every 6 months",
    ),
    Rule(
        code="care_leaver_birthday_contact",
        title="Record the care leaver's birthday contact (in touch, activity, accommodation)",
        starts_at="the young person's 17th, 18th, 19th, 20th or 21st birthday",
        amount=1,
        unit=Unit.MONTHS,
        regulation="SSDA903 guidance (OC3): contact around the birthday, from a month before to a month after it",
        due_soon=10,
    ),
    # Social worker visits to the child in care (the visits part)
    Rule(
        code="child_visit_first",
        title="Social worker's visit in the new placement",
        starts_at="a new placement",
        amount=1,
        unit=Unit.WEEKS,
        regulation=f"{_CPR}, reg 28(2)(a)",
        due_soon=2,
    ),
    Rule(
        code="child_visit",
        title="Social worker's visit to the child",
        starts_at="last visit, in the first year of the placement (or the council's stricter setting)",
        amount=6,
        unit=Unit.WEEKS,
        regulation=f"{_CPR}, reg 28(2)(b)",
    ),
    Rule(
        code="child_visit_long_term",
        title="Social worker's visit to the child",
        starts_at="last visit, after the first year of a long-term placement",
        amount=3,
        unit=Unit.MONTHS,
        regulation=f"{_CPR}, reg 28(3)",
        due_soon=10,
    ),
    # Children in care part: practice alerts and the dispute resolution process (fostering.alerts). The
    # council may set another length per stage (alerts.models.AlertResponseClock); this is the default.
    Rule(
        code="practice_alert_response",
        title="Respond to the IRO's practice alert at this stage",
        starts_at="IRO raised a concern, or escalated it to the next stage",
        amount=5,
        unit=Unit.WORKING_DAYS,
        regulation="IRO Handbook 2010, chapter 6 (dispute resolution): each stage answers in the time the council sets",
        due_soon=2,
    ),
)

RULES: dict[str, Rule] = {rule.code: rule for rule in _RULES}


def get_rule(code: str) -> Rule:
    """The rule called ``code``; KeyError naming the known codes if there is none."""
    try:
        return RULES[code]
    except KeyError:
        raise KeyError(f"Unknown timescale rule {code!r}; known rules: {', '.join(sorted(RULES))}") from None


def due_date(
    rule_code: str,
    start: date | datetime,
    *,
    variant: str | None = None,
    office: OfficeHours | None = None,
) -> date | datetime:
    """When the clock called ``rule_code``, started at ``start``, falls due.

    Working-hour rules take a datetime (naive is Europe/London) and return an aware Europe/London
    datetime. Every other rule returns a date; a datetime ``start`` counts from its Europe/London date.
    Weeks are 7 calendar days; months and years are calendar months, clamped to the end of a shorter
    month (31 January + 1 month = 28 or 29 February). A ``before`` rule counts back from ``start``.
    """
    rule = get_rule(rule_code)
    amount = rule.amount_for(variant)
    if rule.unit is Unit.WORKING_HOURS:
        if not isinstance(start, datetime):
            raise TypeError(
                f"Rule {rule.code} counts working hours: its start must be a datetime, got {start!r}"
            )
        return add_working_hours(to_london(start), amount, office)

    day = to_london_date(start)
    sign = -1 if rule.before else 1
    if rule.unit is Unit.WORKING_DAYS:
        return add_working_days(day, sign * amount)
    if rule.unit is Unit.DAYS:
        return day + timedelta(days=sign * amount)
    if rule.unit is Unit.WEEKS:
        return day + timedelta(weeks=sign * amount)
    if rule.unit is Unit.MONTHS:
        return add_months(day, sign * amount)
    if rule.unit is Unit.YEARS:
        return add_months(day, sign * 12 * amount)
    raise AssertionError(f"Unhandled unit {rule.unit}")  # pragma: no cover
