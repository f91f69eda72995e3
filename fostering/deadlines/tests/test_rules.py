from datetime import date, datetime, time

import pytest
from hypothesis import given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from fostering.deadlines.calendar import LONDON, OfficeHours, is_working_day
from fostering.deadlines.rules import RULES, Unit, due_date, get_rule

OFFICE = OfficeHours(opens=time(9, 0), closes=time(17, 0))

# domain.md section 4, in order.
DOMAIN_CODES = [
    "enquiry_response",
    "initial_visit_offer",
    "initial_visit_record",
    "progress_decision",
    "stage1_complete",
    "assessment_complete",
    "panel_papers",
    "adm_decision",
    "reg24_approval",
    "reg25_extension",
    "supervision",
    "unannounced_visit",
    "annual_review",
    "tsd_standards",
    "support_plan_review",
    "iv_safeguarding_course",
    "child_first_review",
    "child_second_review",
    "child_review",
    "adopter_assessment",
]


def test_every_domain_timescale_is_a_rule():
    assert len(DOMAIN_CODES) == 20
    missing = [code for code in DOMAIN_CODES if code not in RULES]
    assert missing == []


def test_the_rules_are_the_domain_timescales_plus_household_check_renewals():
    # in the domain's order; the parts of the service add their own rules (complaints, payments...) after
    assert [code for code in RULES if code in DOMAIN_CODES] == DOMAIN_CODES
    assert {"dbs_renewal", "medical_renewal"} <= set(RULES)


@pytest.mark.parametrize(
    ("code", "amount", "unit"),
    [
        ("enquiry_response", 2, Unit.WORKING_HOURS),
        ("initial_visit_offer", 5, Unit.WORKING_DAYS),
        ("initial_visit_record", 2, Unit.WORKING_DAYS),
        ("progress_decision", 3, Unit.WORKING_DAYS),
        ("stage1_complete", 8, Unit.WEEKS),
        ("assessment_complete", 16, Unit.WEEKS),
        ("panel_papers", 5, Unit.WORKING_DAYS),
        ("adm_decision", 7, Unit.WORKING_DAYS),
        ("reg24_approval", 16, Unit.WEEKS),
        ("reg25_extension", 8, Unit.WEEKS),
        ("supervision", 6, Unit.WEEKS),
        ("unannounced_visit", 12, Unit.MONTHS),
        ("annual_review", 12, Unit.MONTHS),
        ("tsd_standards", 12, Unit.MONTHS),
        ("support_plan_review", 4, Unit.MONTHS),
        ("iv_safeguarding_course", 6, Unit.MONTHS),
        ("child_first_review", 20, Unit.WORKING_DAYS),
        ("child_second_review", 3, Unit.MONTHS),
        ("child_review", 6, Unit.MONTHS),
        ("adopter_assessment", 6, Unit.MONTHS),
        ("dbs_renewal", 3, Unit.YEARS),
        ("medical_renewal", 2, Unit.YEARS),
    ],
)
def test_rule_lengths_match_the_domain_table(code, amount, unit):
    rule = get_rule(code)
    assert (rule.amount, rule.unit) == (amount, unit)
    assert rule.before is (code == "panel_papers")
    assert rule.title and rule.starts_at and rule.regulation


def test_only_tsd_standards_has_variants():
    assert dict(get_rule("tsd_standards").variants) == {"kinship": 18, "short_breaks": 18}
    assert [code for code, rule in RULES.items() if rule.variants] == ["tsd_standards"]


def test_rule_lengths_in_words():
    assert get_rule("enquiry_response").length == "2 working hours"
    assert get_rule("assessment_complete").length == "16 weeks"
    assert get_rule("tsd_standards").length == "12 months (18 months for kinship, short_breaks)"


def test_unknown_rule_code_is_a_clear_key_error():
    with pytest.raises(KeyError, match="Unknown timescale rule 'annual_reveiw'"):
        get_rule("annual_reveiw")


def test_unknown_variant_is_an_error():
    with pytest.raises(ValueError, match="Unknown variant 'kinsihp'"):
        due_date("tsd_standards", date(2025, 1, 31), variant="kinsihp")


# --- due dates -------------------------------------------------------------------------------------


def test_enquiry_response_due_in_working_hours():
    received = datetime(2022, 9, 16, 16, 30, tzinfo=LONDON)
    assert due_date("enquiry_response", received, office=OFFICE) == datetime(
        2022, 9, 20, 10, 30, tzinfo=LONDON
    )


def test_enquiry_response_needs_a_datetime():
    with pytest.raises(TypeError):
        due_date("enquiry_response", date(2022, 9, 16))


@pytest.mark.parametrize(
    ("code", "start", "expected"),
    [
        ("initial_visit_offer", date(2022, 9, 13), date(2022, 9, 21)),  # over the funeral bank holiday
        ("initial_visit_record", date(2025, 12, 24), date(2025, 12, 30)),
        ("progress_decision", date(2023, 5, 4), date(2023, 5, 10)),  # over the coronation bank holiday
        ("stage1_complete", date(2025, 1, 6), date(2025, 3, 3)),
        ("assessment_complete", date(2025, 1, 6), date(2025, 4, 28)),
        ("panel_papers", date(2025, 12, 31), date(2025, 12, 22)),  # 5 working days before, over Christmas
        ("panel_papers", date(2025, 3, 12), date(2025, 3, 5)),
        ("adm_decision", date(2025, 12, 18), date(2025, 12, 31)),
        ("reg24_approval", date(2025, 1, 1), date(2025, 4, 23)),
        ("reg25_extension", date(2025, 4, 23), date(2025, 6, 18)),
        ("supervision", date(2025, 3, 10), date(2025, 4, 21)),  # a calendar date, even Easter Monday
        ("unannounced_visit", date(2024, 2, 29), date(2025, 2, 28)),
        ("annual_review", date(2025, 3, 10), date(2026, 3, 10)),
        ("tsd_standards", date(2025, 1, 31), date(2026, 1, 31)),
        ("support_plan_review", date(2025, 10, 31), date(2026, 2, 28)),
        ("iv_safeguarding_course", date(2025, 8, 31), date(2026, 2, 28)),
        ("child_first_review", date(2025, 2, 1), date(2025, 2, 28)),
        ("child_second_review", date(2025, 11, 30), date(2026, 2, 28)),
        ("child_review", date(2025, 3, 31), date(2025, 9, 30)),
        ("adopter_assessment", date(2025, 1, 15), date(2025, 7, 15)),
        ("dbs_renewal", date(2024, 2, 29), date(2027, 2, 28)),
        ("medical_renewal", date(2025, 6, 1), date(2027, 6, 1)),
    ],
)
def test_due_dates(code, start, expected):
    assert due_date(code, start) == expected


def test_tsd_standards_variants():
    approved = date(2025, 1, 31)
    assert due_date("tsd_standards", approved) == date(2026, 1, 31)
    assert due_date("tsd_standards", approved, variant="kinship") == date(2026, 7, 31)
    assert due_date("tsd_standards", approved, variant="short_breaks") == date(2026, 7, 31)
    # A variant the rule does not treat differently uses the usual length.
    assert due_date("annual_review", approved, variant="kinship") == date(2026, 1, 31)


def test_datetime_start_counts_from_its_london_date():
    # 23:30 UTC on 31 March 2025 is 00:30 on 1 April in London.
    start = datetime(2025, 3, 31, 23, 30, tzinfo=LONDON)
    late_utc = datetime.fromisoformat("2025-03-31T23:30:00+00:00")
    assert due_date("child_first_review", late_utc) == date(2025, 5, 1)
    assert due_date("child_first_review", start) == date(2025, 4, 30)


@hyp_settings(max_examples=200, deadline=None)
@given(
    code=st.sampled_from(sorted(RULES)),
    start=st.datetimes(
        min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(LONDON)
    ),
    as_date=st.booleans(),
)
def test_due_date_returns_the_right_type(code, start, as_date):
    rule = RULES[code]
    if rule.unit is Unit.WORKING_HOURS:
        result = due_date(code, start, office=OFFICE)
        assert isinstance(result, datetime)
        assert result.tzinfo is LONDON
        assert result > start
        return
    result = due_date(code, start.date() if as_date else start)
    assert type(result) is date
    if rule.amount == 0:  # due on the day it starts from (a document's expiry date)
        assert result == start.date()
    elif rule.before:
        assert result < start.date()
    else:
        assert result > start.date()
    if rule.unit is Unit.WORKING_DAYS:
        assert is_working_day(result)


def test_a_rule_counted_backwards_in_working_hours_is_refused_when_declared():
    import pytest

    from fostering.deadlines.rules import Rule, Unit

    with pytest.raises(ValueError, match="cannot run backwards"):
        Rule(
            code="x", title="X", starts_at="y", amount=2, unit=Unit.WORKING_HOURS, regulation="z", before=True
        )
