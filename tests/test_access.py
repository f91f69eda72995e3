"""Nobody sees a record their organisation, role or caseload does not reach: every page, every role.

Two councils are built with a member of staff in every role. Every page of the service is requested by
every role, for a record of their own council and one of the other council. The other council's records
must never be shown (404 or 403) and never appear in a list; for their own council's records a role gets
the page exactly when its permissions and caseload reach it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from fostering.accounts.models import Organisation, User
from fostering.accounts.permissions import ROLE_PERMISSIONS, Perm
from fostering.accounts.roles import PORTAL_ROLES, STAFF_ROLES, Role
from fostering.accounts.services import api_token_issue
from fostering.alerts import services as alert_services
from fostering.assessments.tests import factories as assessment_factories
from fostering.dataprotection import services as dataprotection_services
from fostering.dataprotection.choices import RecordKind
from fostering.documents import services as documents_services
from fostering.documents.letters import templates_ensure
from fostering.households.models import FosteringHousehold
from fostering.households.tests import factories as household_factories
from fostering.jobs.models import Job
from fostering.kinship.tests import factories as kinship_factories
from fostering.leaving_care.tests import factories as leaving_care_factories
from fostering.payments.tests import factories as payment_factories
from fostering.portal import services as portal_services
from fostering.portal.middleware import PORTAL_PATHS
from fostering.recruitment.tests import factories as recruitment_factories
from fostering.reviews.tests import factories as review_factories
from tests import builders

# Every page that shows one record: url name -> (kind of record, permission the page needs beyond seeing it).
RECORD_PAGES: dict[str, tuple[str, Perm | None]] = {
    "people:detail": ("person", None),
    "people:equality": ("person", Perm.CHANGE_PERSON),
    "people:edit": ("person", Perm.CHANGE_PERSON),
    "people:history": ("person", Perm.VIEW_HISTORY),
    "people:address_add": ("person", Perm.CHANGE_PERSON),
    "households:member_add": ("household", Perm.CHANGE_PERSON),
    "households:check_add": ("household", Perm.RECORD_CHECK),
    "children:detail": ("child", None),
    "children:edit": ("child", Perm.CHANGE_CHILD),
    "children:history": ("child", Perm.VIEW_HISTORY),
    "households:detail": ("household", None),
    "households:history": ("household", Perm.VIEW_HISTORY),
    "households:supervision_visit_add": ("household", Perm.RECORD_SUPERVISION),
    "households:review_add": ("household", Perm.RECORD_HOUSEHOLD_REVIEW),
    "households:status_change": ("household", Perm.CHANGE_HOUSEHOLD_STATUS),
    "households:terms_change": ("household", Perm.CHANGE_TERMS_OF_APPROVAL),
    "assessments:detail": ("assessment", None),
    "assessments:history": ("assessment", Perm.VIEW_HISTORY),
    "assessments:member_add": ("assessment", Perm.RECORD_ASSESSMENT),
    "assessments:check_add": ("assessment", Perm.RECORD_ASSESSMENT),
    "assessments:skills_to_foster": ("assessment", Perm.RECORD_SKILLS_TO_FOSTER),
    "assessments:mentor": ("assessment", Perm.RECORD_ASSESSMENT),
    "assessments:session_add": ("assessment", Perm.RECORD_ASSESSMENT),
    "assessments:agreement": ("assessment", Perm.RECORD_ASSESSMENT),
    "assessments:previous_agency_reference": ("assessment", Perm.RECORD_ASSESSMENT),
    "assessments:safeguarding_course": ("assessment", Perm.RECORD_SKILLS_TO_FOSTER),
    "assessments:allocate": ("assessment", Perm.START_ASSESSMENT),
    "assessments:stage_change": ("assessment", Perm.CHANGE_ASSESSMENT_STAGE),
    "assessments:hold": ("assessment", Perm.CHANGE_ASSESSMENT_STAGE),
    "assessments:withdraw": ("assessment", Perm.CHANGE_ASSESSMENT_STAGE),
    "recruitment:enquiry_detail": ("enquiry", None),
    "recruitment:enquiry_history": ("enquiry", Perm.VIEW_HISTORY),
    "recruitment:enquiry_respond": ("enquiry", Perm.CHANGE_ENQUIRY),
    "recruitment:screening_call": ("enquiry", Perm.CHANGE_ENQUIRY),
    "recruitment:visit_offer": ("enquiry", Perm.RECORD_INITIAL_VISIT),
    "recruitment:initial_visit": ("enquiry", Perm.RECORD_INITIAL_VISIT),
    "recruitment:decision": ("enquiry", Perm.DECIDE_PROGRESS),
    "recruitment:enquiry_close": ("enquiry", Perm.CHANGE_ENQUIRY),
    "recruitment:event_detail": ("event", None),
    "recruitment:booking_add": ("event", Perm.CHANGE_ENQUIRY),
    "recruitment:booking_update": ("event", Perm.CHANGE_ENQUIRY),
    "kinship:detail": ("kinship", None),
    "kinship:history": ("kinship", Perm.VIEW_HISTORY),
    "kinship:placement": ("kinship", Perm.RECORD_KINSHIP_ASSESSMENT),
    "kinship:panel_views": ("kinship", Perm.RECORD_KINSHIP_ASSESSMENT),
    "kinship:iro_informed": ("kinship", Perm.RECORD_KINSHIP_ASSESSMENT),
    "kinship:nominated_officer": ("kinship", Perm.APPROVE_REG25_EXTENSION),
    "kinship:extension": ("kinship", Perm.RECORD_KINSHIP_ASSESSMENT),
    "kinship:stage": ("kinship", Perm.RECORD_KINSHIP_ASSESSMENT),
    "kinship:outcome": ("kinship", Perm.RECORD_KINSHIP_ASSESSMENT),
    "kinship:withdraw": ("kinship", Perm.RECORD_KINSHIP_ASSESSMENT),
    "children:needs": ("child", Perm.CHANGE_CHILD),
    "children:siblings": ("child", Perm.CHANGE_CHILD),
    "children:care": ("child", None),
    "children:care_start": ("child", Perm.RECORD_CARE),
    "children:care_end": ("child", Perm.RECORD_CARE),
    "children:legal_status": ("child", Perm.RECORD_CARE),
    "children:review_add": ("child", Perm.RECORD_CARE),
    "placements:referral_add": ("child", Perm.MAKE_REFERRAL),
    "placements:start": ("child", Perm.PLACE_CHILD),
    "placements:referral_detail": ("referral", None),
    "placements:referral_status": ("referral", Perm.MATCH_PLACEMENT),
    "placements:match": ("referral", Perm.MATCH_PLACEMENT),
    "placements:place": ("referral", Perm.PLACE_CHILD),
    "placements:external_search": ("referral", Perm.MATCH_PLACEMENT),
    "placements:detail": ("placement", None),
    "placements:end": ("placement", Perm.PLACE_CHILD),
    "placements:move": ("placement", Perm.PLACE_CHILD),
    "placements:stability_meeting_add": ("placement", Perm.RECORD_STABILITY),
    "placements:dpst_add": ("placement", Perm.RECORD_STABILITY),
    "placements:dpst_outcome": ("placement", Perm.RECORD_STABILITY),
    "placements:holds": ("household", Perm.VIEW_VACANCIES),
    "placements:hold_add": ("household", Perm.MANAGE_HOLDS),
    "placements:hold_release": ("hold", Perm.MANAGE_HOLDS),
    # The fostering panel and the agency decision maker
    "panel:meeting_detail": ("meeting", None),
    "panel:meeting_invite": ("meeting", Perm.MANAGE_PANEL),
    "panel:papers_sent": ("meeting", Perm.MANAGE_PANEL),
    "panel:meeting_held": ("meeting", Perm.MANAGE_PANEL),
    "panel:meeting_cancel": ("meeting", Perm.MANAGE_PANEL),
    "panel:item_add": ("meeting", Perm.MANAGE_PANEL),
    "panel:item_detail": ("item", None),
    "panel:item_papers": ("item", None),
    "panel:conflict_add": ("item", Perm.RECORD_PANEL_RECOMMENDATION),
    "panel:sitting": ("item", Perm.RECORD_PANEL_RECOMMENDATION),
    "panel:recommendation": ("item", Perm.RECORD_PANEL_RECOMMENDATION),
    "panel:feedback_add": ("item", Perm.MANAGE_PANEL),
    "panel:decision": ("item", Perm.DECIDE_ON_RECOMMENDATION),
    "panel:determination": ("item", Perm.DECIDE_ON_RECOMMENDATION),
    "panel:member_detail": ("panel_member", None),
    "panel:member_leave": ("panel_member", Perm.MANAGE_PANEL_MEMBERS),
    "panel:appraisal_add": ("panel_member", Perm.RECORD_PANEL_APPRAISAL),
    "panel:training_add": ("panel_member", Perm.MANAGE_PANEL_MEMBERS),
    # The life of a household, allegations and complaints
    "households:allocate": ("household", Perm.CHANGE_HOUSEHOLD),
    "households:support_plan_add": ("household", Perm.RECORD_SUPPORT_PLAN),
    "households:training_add": ("household", Perm.RECORD_TRAINING),
    "households:tsd_add": ("household", Perm.RECORD_TRAINING),
    "households:member_leave": ("household", Perm.CHANGE_PERSON),
    "households:exit_interview": ("household", Perm.RECORD_EXIT_INTERVIEW),
    "households:review_detail": ("review", None),
    "households:supervision_visit_detail": ("visit", None),
    "households:review_view_add": ("review", Perm.RECORD_HOUSEHOLD_REVIEW),
    "households:caseload": ("ssw", None),
    "concerns:allegation_add": ("household", Perm.RECORD_ALLEGATION),
    "concerns:allegation_detail": ("allegation", None),
    "concerns:allegation_progress": ("allegation", Perm.RECORD_ALLEGATION),
    "concerns:allegation_conclude": ("allegation", Perm.RECORD_ALLEGATION),
    "concerns:complaint_detail": ("complaint", None),
    "concerns:complaint_respond": ("complaint", Perm.RECORD_COMPLAINT),
    "concerns:complaint_escalate": ("complaint", Perm.RECORD_COMPLAINT),
    # Payments to carers
    "payments:run_detail": ("payment_run", None),
    "payments:run_approve": ("payment_run", Perm.APPROVE_PAYMENT_RUN),
    "payments:run_commit": ("payment_run", Perm.MANAGE_PAYMENTS),
    "payments:run_discard": ("payment_run", Perm.MANAGE_PAYMENTS),
    "payments:run_reconciliation": ("payment_run", None),
    "payments:statement": ("remittance", None),
    "payments:annual": ("payee", None),
    "payments:fee_level": ("payee", Perm.MANAGE_PAYMENTS),
    "payments:carer_access": ("payee", Perm.MANAGE_PAYMENTS),
    "payments:line_query": ("payment_line", Perm.RAISE_PAYMENT_QUERY),
    "payments:query_detail": ("payment_query", None),
    "payments:query_answer": ("payment_query", Perm.MANAGE_PAYMENTS),
    # Staff accounts: a manager resets two-factor and revokes tokens; a user revokes their own tokens
    "accounts:staff_detail": ("staff_user", None),
    "accounts:staff_two_factor_reset": ("staff_user", None),
    "accounts:staff_token_revoke": ("api_token", None),
    "accounts:token_revoke": ("own_api_token", None),
    # Background jobs: a 903 check waiting for a worker
    "jobs:detail": ("job", None),
    "jobs:download": ("job", None),
    "jobs:status": ("job", None),
    # Data protection
    "dataprotection:rule_edit": ("retention_rule", Perm.MANAGE_DATA_PROTECTION),
    "dataprotection:dispose_child": ("child", Perm.MANAGE_DATA_PROTECTION),
    "dataprotection:dispose_household": ("household", Perm.MANAGE_DATA_PROTECTION),
    "dataprotection:dispose_assessment": ("assessment", Perm.MANAGE_DATA_PROTECTION),
    "dataprotection:dispose_enquiry": ("enquiry", Perm.MANAGE_DATA_PROTECTION),
    "dataprotection:subject_access": ("person", Perm.EXPORT_SUBJECT_ACCESS),
    "dataprotection:erasure_add": ("person", Perm.MANAGE_DATA_PROTECTION),
    "dataprotection:erasure_detail": ("erasure_request", None),
    "dataprotection:erasure_decide": ("erasure_request", Perm.MANAGE_DATA_PROTECTION),
    # Documents and letters: opened by whoever opens their record
    "documents:upload_household": ("household", Perm.ADD_DOCUMENT),
    "documents:upload_person": ("person", Perm.ADD_DOCUMENT),
    "documents:upload_child": ("child", Perm.ADD_DOCUMENT),
    "documents:upload_assessment": ("assessment", Perm.ADD_DOCUMENT),
    "documents:upload_item": ("item", Perm.ADD_DOCUMENT),
    "documents:download": ("document", None),
    "documents:letter_item": ("item", Perm.WRITE_LETTER),
    "documents:letter_enquiry": ("enquiry", Perm.WRITE_LETTER),
    "documents:letter_household": ("household", Perm.WRITE_LETTER),
    "documents:letter_edit": ("letter", Perm.WRITE_LETTER),
    "documents:letter_issue": ("letter", Perm.WRITE_LETTER),
    "documents:template_edit": ("letter_template", Perm.MANAGE_LETTER_TEMPLATES),
}
# Record pages that answer with a file to download or JSON, not a page (the accessibility test skips them).
FILE_PAGES = {"documents:download", "jobs:status", "jobs:download", "payments:claim_receipt"}
# Every list page: url name -> (kind of record listed, permissions any of which opens it).
LIST_PAGES: dict[str, tuple[str, set[Perm]]] = {
    "people:list": ("person", {Perm.VIEW_PERSON}),
    "children:list": ("child", {Perm.VIEW_CHILD, Perm.VIEW_CASELOAD_CHILD}),
    "households:list": ("household", {Perm.VIEW_HOUSEHOLD, Perm.VIEW_CASELOAD_HOUSEHOLD}),
    "assessments:list": (
        "assessment",
        {Perm.VIEW_ASSESSMENT, Perm.VIEW_CASELOAD_ASSESSMENT, Perm.VIEW_IV_ASSESSMENT},
    ),
    "recruitment:enquiry_list": ("enquiry", {Perm.VIEW_ENQUIRY}),
    "recruitment:decisions": ("enquiry", {Perm.DECIDE_PROGRESS}),
    "recruitment:event_list": ("event", {Perm.VIEW_ENQUIRY}),
    "kinship:list": ("kinship", {Perm.VIEW_KINSHIP_ASSESSMENT, Perm.VIEW_CASELOAD_KINSHIP_ASSESSMENT}),
    "placements:referral_list": ("referral", {Perm.VIEW_REFERRAL, Perm.VIEW_CASELOAD_REFERRAL}),
    "placements:vacancies": ("household", {Perm.VIEW_VACANCIES}),
    "panel:meeting_list": ("meeting", {Perm.VIEW_PANEL, Perm.VIEW_OWN_PANEL_MEETINGS}),
    "panel:member_list": ("panel_member", {Perm.VIEW_PANEL_MEMBERS}),
    "panel:adm_queue": ("item", {Perm.DECIDE_ON_RECOMMENDATION}),
    "concerns:allegation_list": ("allegation", {Perm.VIEW_ALLEGATION}),
    "concerns:complaint_list": ("complaint", {Perm.VIEW_COMPLAINT}),
    "payments:runs": ("payment_run", {Perm.VIEW_PAYMENTS}),
    "payments:rates": ("rate", {Perm.VIEW_PAYMENTS}),
    "payments:statements": (
        "remittance",
        {Perm.VIEW_PAYMENTS, Perm.VIEW_CASELOAD_STATEMENTS, Perm.VIEW_OWN_STATEMENTS},
    ),
    "payments:queries": (
        "payment_query",
        {Perm.VIEW_PAYMENTS, Perm.VIEW_CASELOAD_STATEMENTS, Perm.VIEW_OWN_STATEMENTS},
    ),
    "accounts:staff_list": ("staff_user", {Perm.MANAGE_STAFF}),
    "dataprotection:erasure_list": ("erasure_request", {Perm.MANAGE_DATA_PROTECTION}),
}
# Lists that open on a narrower default than "everything the role reaches": the query that widens them.
LIST_QUERIES = {"placements:vacancies": "?show=all"}
# Pages every signed-in user may open, and forms that create a record (checked by permission alone).
OPEN_PAGES = {
    "mywork:home",
    "sections",
    "reporting:index",
    "accounts:account",
    "accounts:password_change",
    "accounts:password_change_done",
}
ADD_PAGES = {"people:add": Perm.CHANGE_PERSON, "children:add": Perm.CHANGE_CHILD}
# The staff side of the portal: who of a household or an application may sign in, and writing to them.
RECORD_PAGES |= {
    "portal_staff:household": ("household", None),
    "portal_staff:household_message": ("household", Perm.INVITE_TO_PORTAL),
    "portal_staff:assessment": ("assessment", None),
    "portal_staff:assessment_message": ("assessment", Perm.INVITE_TO_PORTAL),
    "portal_staff:resend": ("portal_access", Perm.INVITE_TO_PORTAL),
    "portal_staff:withdraw": ("portal_access", Perm.INVITE_TO_PORTAL),
    "portal_staff:end": ("portal_access", Perm.INVITE_TO_PORTAL),
}
# Staff pages of the portal's parts (each part adds its own line below).
# portal part: money
RECORD_PAGES |= {
    "payments:claim_decide": ("expense_claim", None),
    "payments:claim_receipt": ("expense_claim", None),
}
LIST_PAGES |= {
    "payments:claims": ("expense_claim", {Perm.APPROVE_PAYMENT_RUN, Perm.VIEW_CASELOAD_STATEMENTS})
}
ADD_PAGES |= {"payments:mileage_rate_add": Perm.MANAGE_PAYMENTS}
# portal part: children
RECORD_PAGES |= {"placements:child_recordings": ("child", None), "placements:breaks": ("household", None)}
# portal part: household
RECORD_PAGES |= {"households:course_detail": ("course", None)}
ADD_PAGES |= {"households:courses": Perm.MANAGE_COURSES, "households:course_add": Perm.MANAGE_COURSES}
# portal part: application
RECORD_PAGES |= {
    "assessments:application": ("assessment", None),
    "assessments:application_section": ("application_section", None),
    "assessments:application_change": ("application_section", Perm.RECORD_ASSESSMENT),
}
ADD_PAGES |= {"assessments:add": Perm.START_ASSESSMENT}
ADD_PAGES |= {"kinship:start": Perm.START_KINSHIP_ASSESSMENT}
ADD_PAGES |= {"recruitment:enquiry_add": Perm.CHANGE_ENQUIRY, "recruitment:event_add": Perm.CHANGE_ENQUIRY}
# Reports: opened by permission alone, and scoped inside to the user's organisations.
ADD_PAGES |= {"reporting:recruitment_funnel": Perm.VIEW_RECRUITMENT_REPORTS}
ADD_PAGES |= {"forecasts:forecast": Perm.VIEW_FORECASTS}
ADD_PAGES |= {f"indicators:{name}": Perm.VIEW_INDICATORS for name in ("dashboard", "figure", "pack")}
ADD_PAGES |= {f"indicators:{name}": Perm.MANAGE_INDICATORS for name in ("close", "targets", "comparators")}
ADD_PAGES |= {
    f"reporting:{name}": Perm.WRITE_ANNUAL_REPORT for name in ("annual_report", "annual_report_section")
}
ADD_PAGES |= {"panel:meeting_add": Perm.MANAGE_PANEL, "panel:member_add": Perm.MANAGE_PANEL_MEMBERS}
ADD_PAGES |= {"panel:feedback_summary": Perm.VIEW_PANEL, "reporting:panel_activity": Perm.VIEW_PANEL_REPORTS}
ADD_PAGES |= {
    "households:team": Perm.VIEW_TEAM_CASELOADS,
    "households:retention": Perm.VIEW_RETENTION,
    "concerns:complaint_add": Perm.RECORD_COMPLAINT,
}
ADD_PAGES |= {
    f"reporting:{name}": Perm.VIEW_HOUSEHOLD_REPORTS
    for name in (
        "household_reports",
        "approvals",
        "terms_of_approval",
        "reviews",
        "resignations",
        "allegations",
        "complaints",
        "ofsted_dataset",
        "ofsted_records",
    )
}
ADD_PAGES |= {
    f"payments:{name}": Perm.MANAGE_PAYMENTS
    for name in ("run_draft", "rate_add", "uprating", "additional_add")
}
ADD_PAGES |= {"placements:measures": Perm.VIEW_PLACEMENT_MEASURES}
ADD_PAGES |= {"documents:template_list": Perm.MANAGE_LETTER_TEMPLATES}
ADD_PAGES |= {
    "returns903:home": Perm.VIEW_RETURN_903,
    "returns903:check": Perm.CHECK_RETURN_903,
    "returns903:authority": Perm.CHECK_RETURN_903,
}
ADD_PAGES |= {
    f"dataprotection:{name}": Perm.MANAGE_DATA_PROTECTION
    for name in ("due", "schedule", "disposals", "people")
}
# children in care part: reviews (the IRO service)
RECORD_PAGES |= {
    "reviews:child": ("child", Perm.VIEW_CHILD_REVIEWS),
    "reviews:allocate": ("child", Perm.ALLOCATE_IRO),
    "reviews:request_add": ("child", Perm.CHAIR_REVIEW),
    "reviews:review_add": ("child", Perm.CHAIR_REVIEW),
    "reviews:record": ("review_record", None),
    **{
        f"reviews:{n}": ("review_record", Perm.CHAIR_REVIEW)
        for n in ("record_write", "booklet_add", "midway")
    },
    "reviews:recommendation_add": ("review_record", Perm.CHAIR_REVIEW),
    "reviews:recommendation_done": ("recommendation", Perm.CHAIR_REVIEW),
}
ADD_PAGES |= {"reviews:home": Perm.CHAIR_REVIEW, "reviews:report": Perm.VIEW_IRO_REPORTS}
ADD_PAGES |= {"reviews:caseloads": Perm.ALLOCATE_IRO, "reviews:settings": Perm.ALLOCATE_IRO}
# children in care: leaving care
RECORD_PAGES |= {
    "leaving_care:child": ("child", None),
    "leaving_care:add": ("child", Perm.RECORD_LEAVING_CARE),
    "leaving_care:detail": ("care_leaver", None),
    **{
        f"leaving_care:{name}": ("care_leaver", Perm.RECORD_LEAVING_CARE)
        for name in ("adviser", "pathway_plan", "contact", "birthday_contact")
    },
}
LIST_PAGES |= {"leaving_care:list": ("care_leaver", {Perm.VIEW_CHILD, Perm.VIEW_CASELOAD_CHILD})}
ADD_PAGES |= {
    "leaving_care:birthdays": Perm.RECORD_LEAVING_CARE,
    "leaving_care:figures": Perm.RECORD_LEAVING_CARE,
}
# children in care part: visits
RECORD_PAGES |= {
    "visits:child": ("child", None),
    "visits:allocate": ("child", Perm.CHANGE_CHILD),
    "visits:add": ("child", Perm.RECORD_CHILD_VISIT),
}
ADD_PAGES |= {"visits:overdue": Perm.CHANGE_CHILD, "visits:in_time": Perm.VIEW_CHILD}
# children in care part: alerts (practice alerts and the dispute resolution process)
RECORD_PAGES |= {
    "alerts:detail": ("alert", None),
    "alerts:respond": ("alert", Perm.ANSWER_PRACTICE_ALERT),
    "alerts:escalate": ("alert", Perm.RAISE_PRACTICE_ALERT),
    "alerts:resolve": ("alert", Perm.RAISE_PRACTICE_ALERT),
    "alerts:child": ("alert_child", None),
    "alerts:raise": ("child", Perm.RAISE_PRACTICE_ALERT),
}
LIST_PAGES |= {
    "alerts:list": (
        "alert",
        {Perm.RAISE_PRACTICE_ALERT, Perm.ANSWER_PRACTICE_ALERT, Perm.VIEW_IRO_REPORTS},
    )
}
ADD_PAGES |= {"alerts:figures": Perm.VIEW_IRO_REPORTS, "alerts:clocks": Perm.ALLOCATE_IRO}
# The header search: open to staff whose roles open any kind of record searched (checked below).
SEARCH_PAGES = {"search:results"}
SEARCHED = {
    "child": "children:detail",
    "person": "people:detail",
    "household": "households:detail",
    "enquiry": "recruitment:enquiry_detail",
    "assessment": "assessments:detail",
}
# Pages anyone may open without signing in; each takes the organisation's code.
PUBLIC_PAGES = {"recruitment:enquire", "recruitment:enquire_thanks"}
# Outside this test: signing in and out, the second factor, resetting a forgotten password, the API
# (tests/test_api_access.py), the admin site and the carers' and applicants' portal (tests/test_portal_access.py).
NOT_HERE = (
    "portal:",
    "accounts:login",
    "accounts:logout",
    "accounts:two_factor",
    "accounts:password_reset",
    "api",
    "admin:",
)


def page_names() -> set[str]:
    return {name for name in page_names_all() if not name.startswith(NOT_HERE) and name != "bare"}


def page_names_all() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list, prefix: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(prefix + pattern.name)

    walk(get_resolver().url_patterns, "")
    return names


def test_every_page_of_the_service_is_in_this_matrix():
    covered = set(RECORD_PAGES) | set(LIST_PAGES) | OPEN_PAGES | set(ADD_PAGES) | PUBLIC_PAGES | SEARCH_PAGES
    assert page_names() == covered, "add new pages to the access matrix in tests/test_access.py"


@dataclass
class Council:
    organisation: Organisation
    staff: dict[Role, User]
    records: dict[str, object]


def application_sent(assessment):
    """The applicant's GP section, sent (what the assessing social worker reads)."""
    from fostering.assessments.application_services import section_submit

    person = assessment.household.members.get(role="carer").person
    answers = {"practice": "Riverside Surgery", "address": "1 River Lane", "phone": "0113 000 0000"}
    return section_submit(assessment=assessment, person=person, code="gp", answers=answers, by=None)


def build_council(org: Organisation) -> Council:
    staff = {role: builders.staff(org, role) for role in Role}
    household = builders.approved_household(
        org, name=f"Caseload{org.code} household", ssw=staff[Role.SUPERVISING_SOCIAL_WORKER]
    )
    child = builders.child(org, social_worker=staff[Role.CHILDS_SOCIAL_WORKER], first_name=f"Child{org.code}")
    person = household.household.members.get().person
    enquiry = recruitment_factories.visited_enquiry(
        org, worker=staff[Role.INITIAL_VISIT_WORKER], last_name=f"Enquirer{org.code}"
    )
    event = recruitment_factories.event(org, title=f"Event{org.code} information evening")
    assessment = assessment_factories.application(
        org, worker=staff[Role.ASSESSING_SOCIAL_WORKER], name=f"Applicant{org.code} household"
    )
    kinship = kinship_factories.assessment(
        org, child=child, worker=staff[Role.KINSHIP_WORKER], name=f"Kin{org.code} household"
    )
    # a held panel meeting that the chair and a panel member (not the adviser) sat on, with a
    # recommendation on the household's terms waiting for the agency decision maker
    panel_members = builders.panel_members(
        org, chair=staff[Role.PANEL_CHAIR], independent=staff[Role.PANEL_MEMBER]
    )
    panel_item = builders.panel_item(
        org, kind="terms_change", subject=household, members=panel_members, venue=f"Venue{org.code} room"
    )
    # the child in care, placed with the household, and referred for a move with a place held for it
    builders.in_care(child)
    placement = builders.placement(child, household)
    referral = builders.referral(child)
    hold = builders.hold(household, referral=referral)
    review = builders.household_review(household, reviewing_officer=staff[Role.REVIEWING_OFFICER])
    visit = builders.supervision_visit(household, visited_by=staff[Role.SUPERVISING_SOCIAL_WORKER])
    allegation = builders.allegation(household)
    complaint = builders.complaint(
        org, complainant_name=f"Complainant{org.code}", fostering_household=household
    )
    api_token_issue(user=staff[Role.SERVICE_MANAGER], by=None, name=f"Token{org.code}")
    api_token = staff[Role.SERVICE_MANAGER].api_tokens.get()
    # the retention schedule (saved on first use) and an erasure request from the household's carer
    retention_rule = dataprotection_services.schedule_ensure(organisation_id=org.pk)[RecordKind.ENQUIRY]
    erasure_request = dataprotection_services.erasure_request_record(
        person=person, received_on=date(2026, 1, 5), grounds="objection", by=None
    )
    # a check of the 903 return started by the service manager, still waiting for a worker
    job = Job.objects.create(
        organisation=org,
        kind="return_903_check",
        description=f"Checking the 2026 return (job{org.code})",
        params={"year": 2026},
        created_by=staff[Role.SERVICE_MANAGER],
        result_file=ContentFile(b"child,error\n", name=f"check-{org.code}.csv"),
    )
    # a DBS certificate and a draft letter kept on the household, and the council's letter templates
    document = documents_services.document_upload(
        record=household,
        record_kind="household",
        kind="dbs",
        title=f"Document{org.code} DBS",
        received_on=date(2026, 1, 5),
        expires_on=date(2029, 1, 5),
        upload=SimpleUploadedFile("dbs.pdf", b"%PDF-1.4\n%%EOF\n"),
        by=None,
    )
    letter = documents_services.letter_draft(
        record=household, record_kind="household", kind="review_invitation", by=None
    )
    letter_template = templates_ensure(organisation_id=org.pk)["adm_approval"]
    # a young person who left care at 18, a care leaver with the personal adviser (and the same social worker)
    care_leaver = leaving_care_factories.care_leaver(
        org,
        adviser=staff[Role.PERSONAL_ADVISER],
        social_worker=staff[Role.CHILDS_SOCIAL_WORKER],
        first_name=f"Leaver{org.code}",
    )
    # an IRO's concern about the child in care, open at the team manager
    alert = alert_services.alert_raise(
        child=child,
        kind="concern",
        theme="drift",
        text="Your plan has not moved on since your last review.",
        raised_on=date(2026, 1, 5),
        by=staff[Role.IRO],
    )
    return Council(
        org,
        staff,
        {
            "job": job,
            "alert": alert,
            "alert_child": child,
            "document": document,
            "letter": letter,
            "letter_template": letter_template,
            "retention_rule": retention_rule,
            "erasure_request": erasure_request,
            "referral": referral,
            "placement": placement,
            "hold": hold,
            "review": review,
            "visit": visit,
            "allegation": allegation,
            "complaint": complaint,
            "ssw": staff[Role.SUPERVISING_SOCIAL_WORKER],
            "kinship": kinship,
            "meeting": panel_item.meeting,
            "item": panel_item,
            "panel_member": panel_members[3],
            "household": household,
            "child": child,
            "care_leaver": care_leaver,
            "person": person,
            "enquiry": enquiry,
            "event": event,
            "assessment": assessment,
            "application_section": application_sent(assessment),
            # a member of staff's account, and an API token of the service manager (who opens every page)
            "staff_user": staff[Role.DUTY_WORKER],
            "portal_access": portal_services.invite(
                record=household,
                person=person,
                email=f"carer{org.code}@example.org",
                site="",
                by=None,
                send=False,
            ),
            "api_token": api_token,
            "own_api_token": api_token,
            "course": household_factories.course(org),
            # a committed payment run with the household's statement, a line, a query and a rate
            **payment_factories.access_records(org, household, child, staff[Role.CARER]),
            **review_factories.access_records(child, staff[Role.IRO]),
        },
    )


@pytest.fixture
def councils(db):
    return build_council(builders.organisation("Own Council", "801")), build_council(
        builders.organisation("Other Council", "802")
    )


def reaches(role: Role, user: User, kind: str, record) -> bool:
    perms = ROLE_PERMISSIONS[role]
    if kind in ("meeting", "item"):
        meeting = record if kind == "meeting" else record.meeting
        return Perm.VIEW_PANEL in perms or (
            Perm.VIEW_OWN_PANEL_MEETINGS in perms and meeting.attendance.filter(member__user=user).exists()
        )
    if kind in ("staff_user", "api_token"):
        return Perm.MANAGE_STAFF in perms
    if kind == "own_api_token":
        return record.user_id == user.pk
    if kind == "job":
        return Perm.CHECK_RETURN_903 in perms
    if kind in ("document", "letter"):
        return reaches(role, user, "household", FosteringHousehold.objects.get(pk=record.record_id))
    if kind == "letter_template":
        return Perm.MANAGE_LETTER_TEMPLATES in perms
    if kind in ("retention_rule", "erasure_request"):
        return Perm.MANAGE_DATA_PROTECTION in perms
    if kind == "panel_member":
        return Perm.VIEW_PANEL_MEMBERS in perms
    if kind == "person":
        return Perm.VIEW_PERSON in perms
    if kind in ("enquiry", "event"):
        return Perm.VIEW_ENQUIRY in perms
    if kind == "assessment":
        return (
            Perm.VIEW_ASSESSMENT in perms
            or (Perm.VIEW_CASELOAD_ASSESSMENT in perms and record.assessing_social_worker_id == user.pk)
            or (Perm.VIEW_IV_ASSESSMENT in perms and record.kind == "independent_visitor")
        )
    if kind == "application_section":
        return reaches(role, user, "assessment", record.assessment)
    if kind == "kinship":
        return Perm.VIEW_KINSHIP_ASSESSMENT in perms or (
            Perm.VIEW_CASELOAD_KINSHIP_ASSESSMENT in perms and record.child.social_worker_id == user.pk
        )
    if kind == "course":
        return Perm.MANAGE_COURSES in perms
    if kind == "portal_access":
        return reaches(role, user, "household", record.fostering_household)
    if kind in ("review", "visit"):
        return reaches(role, user, "household", record.fostering_household)
    if kind == "allegation":
        return Perm.VIEW_ALLEGATION in perms and reaches(role, user, "household", record.fostering_household)
    if kind == "complaint":
        return Perm.VIEW_COMPLAINT in perms
    if kind in (
        "alert",
        "alert_child",
    ):  # the IRO, the managers who answer and read the figures, the child's SW
        child = record if kind == "alert_child" else record.child
        alert_perms = {Perm.RAISE_PRACTICE_ALERT, Perm.ANSWER_PRACTICE_ALERT, Perm.VIEW_IRO_REPORTS}
        return bool(perms & alert_perms) and reaches(role, user, "child", child)
    if kind == "ssw":
        return Perm.VIEW_TEAM_CASELOADS in perms or (
            Perm.VIEW_CASELOAD_HOUSEHOLD in perms and record.pk == user.pk
        )
    if kind == "referral":
        return Perm.VIEW_REFERRAL in perms or (
            Perm.VIEW_CASELOAD_REFERRAL in perms and record.child.social_worker_id == user.pk
        )
    if kind == "placement":
        return reaches(role, user, "child", record.child)
    if kind == "hold":
        return reaches(role, user, "household", record.fostering_household)
    if kind in ("payment_run", "rate"):
        return Perm.VIEW_PAYMENTS in perms
    if kind == "expense_claim":  # decided by the household's supervising social worker or a manager
        return Perm.APPROVE_PAYMENT_RUN in perms or (
            Perm.VIEW_CASELOAD_STATEMENTS in perms
            and record.fostering_household.supervising_social_worker_id == user.pk
        )
    if kind in ("remittance", "payment_line", "payment_query", "payee"):
        payee = {
            "remittance": lambda r: r.fostering_household,
            "payment_line": lambda r: r.fostering_household,
            "payment_query": lambda r: r.line.fostering_household,
            "payee": lambda r: r,
        }[kind](record)
        return (
            Perm.VIEW_PAYMENTS in perms
            or (Perm.VIEW_CASELOAD_STATEMENTS in perms and payee.supervising_social_worker_id == user.pk)
            or (Perm.VIEW_OWN_STATEMENTS in perms and payee.carer_access.filter(user=user).exists())
        )
    if kind in ("review_record", "recommendation"):
        review = record.review if kind == "review_record" else record.record.review
        return Perm.VIEW_CHILD_REVIEWS in perms and reaches(role, user, "child", review.child)
    if kind == "care_leaver":  # the council's children, the personal adviser's caseload, the child's caseload
        return reaches(role, user, "child", record.child) or (
            Perm.VIEW_CASELOAD_CHILD in perms and record.personal_adviser_id == user.pk
        )
    if kind == "child":
        # a caseload of children: allocated to the user, or placed (now or before) in a household they supervise
        return Perm.VIEW_CHILD in perms or (
            Perm.VIEW_CASELOAD_CHILD in perms
            and (
                record.social_worker_id == user.pk
                or record.placements.filter(fostering_household__supervising_social_worker=user).exists()
            )
        )
    return Perm.VIEW_HOUSEHOLD in perms or (
        Perm.VIEW_CASELOAD_HOUSEHOLD in perms and record.supervising_social_worker_id == user.pk
    )


def label_of(kind: str, record) -> str:
    return {
        "person": lambda r: r.full_name,
        "child": lambda r: r.person.full_name,
        "care_leaver": lambda r: r.child.person.full_name,
        "household": lambda r: r.household.name,
        "assessment": lambda r: r.household.name,
        "enquiry": lambda r: r.person.full_name,
        "event": lambda r: r.title,
        "kinship": lambda r: r.connected_household.name,
        "meeting": lambda r: r.venue,
        "item": lambda r: r.household.name,
        "panel_member": lambda r: r.user.get_full_name(),
        "staff_user": lambda r: r.get_full_name(),
        "allegation": lambda r: r.fostering_household.household.name,
        "complaint": lambda r: r.complainant_name,
        "alert": lambda r: r.child.person.full_name,
        "referral": lambda r: r.child.person.full_name,
        "payment_run": lambda r: f"{r.period:%B %Y}",
        "rate": lambda r: f"£{r.amount:,.2f}",
        "remittance": lambda r: r.fostering_household.household.name,
        "payment_query": lambda r: r.question,
        "expense_claim": lambda r: r.description,
        "erasure_request": lambda r: r.person.full_name,
    }[kind](record)


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_each_role_sees_exactly_what_its_permissions_and_caseload_reach(councils, role):
    own, other = councils
    user = own.staff[role]
    client = Client()
    client.force_login(user)
    if role in PORTAL_ROLES:
        # a carer's or applicant's sign-in reaches no staff page at all, whatever its permissions (only
        # their own password pages, which the portal shares)
        for url in signed_in_urls(own.records) + signed_in_urls(other.records):
            if url != reverse("mywork:home") and not url.startswith(PORTAL_PATHS):
                assert client.get(url).status_code == 404, f"{role} opened {url}"
        assert client.get(reverse("mywork:home"))["Location"] == reverse("portal:home")
        return
    for name, (kind, needs) in RECORD_PAGES.items():
        theirs = other.records[kind]
        response = client.get(reverse(name, args=[theirs.pk]))
        assert response.status_code in (403, 404), f"{role} opened {name} of another council"
        mine = own.records[kind]
        response = client.get(reverse(name, args=[mine.pk]))
        allowed = reaches(role, user, kind, mine) and (needs is None or needs in ROLE_PERMISSIONS[role])
        if allowed:
            assert response.status_code == 200, f"{role} should open {name}"
        else:
            assert response.status_code in (403, 404), f"{role} should not open {name}"
    for name, (kind, any_of) in LIST_PAGES.items():
        response = client.get(reverse(name) + LIST_QUERIES.get(name, ""))
        if ROLE_PERMISSIONS[role] & any_of:
            assert response.status_code == 200
            body = response.content.decode()
            assert label_of(kind, other.records[kind]) not in body, f"{role} saw another council's {kind}"
            shown = label_of(kind, own.records[kind]) in body
            assert shown == reaches(role, user, kind, own.records[kind]), f"{role} list of {kind}"
        else:
            assert response.status_code == 403
    for name, perm in ADD_PAGES.items():
        response = client.get(reverse(name))
        assert response.status_code == (200 if perm in ROLE_PERMISSIONS[role] else 403)
    # the search finds a record of their own council exactly when the role reaches it, never another's;
    # it opens to staff who may open the list of any kind of record searched
    searched_lists = {"children:list", "people:list", "households:list", "assessments:list"}
    searched_lists.add("recruitment:enquiry_list")
    searches = role in STAFF_ROLES and any(ROLE_PERMISSIONS[role] & LIST_PAGES[n][1] for n in searched_lists)
    for kind, detail in SEARCHED.items():
        for council in (own, other):
            record = council.records[kind]
            response = client.get(reverse("search:results"), {"q": label_of(kind, record)})
            assert response.status_code == (200 if searches else 403), f"{role} opening the search"
            if searches:
                shown = reverse(detail, args=[record.pk]) in response.content.decode()
                wanted = council is own and reaches(role, user, kind, record)
                assert shown == wanted, f"{role} searching for a {kind} of {council.organisation.code}"
    home = client.get(reverse("mywork:home"))
    assert home.status_code == 200
    assert label_of("household", other.records["household"]) not in home.content.decode()


def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(councils):
    own, _ = councils
    client = Client()
    for name, (kind, _) in RECORD_PAGES.items():
        response = client.get(reverse(name, args=[own.records[kind].pk]))
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    for name in [*LIST_PAGES, *OPEN_PAGES, *ADD_PAGES, *SEARCH_PAGES]:
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    for name in PUBLIC_PAGES:
        assert client.get(reverse(name, args=[own.organisation.code])).status_code == 200, name


def test_panel_members_open_only_the_meetings_and_papers_they_are_invited_to(councils):
    """The chair and a member sat on the meeting; the adviser was not invited; nobody reaches the other
    council's meeting, even with the same role."""
    own, other = councils
    item, meeting = own.records["item"], own.records["meeting"]
    pages = [
        reverse("panel:meeting_detail", args=[meeting.pk]),
        reverse("panel:item_detail", args=[item.pk]),
        reverse("panel:item_papers", args=[item.pk]),
        reverse("panel:item_papers", args=[item.pk]) + "?format=pdf",
    ]
    theirs = reverse("panel:item_papers", args=[other.records["item"].pk])
    for role, status in [(Role.PANEL_CHAIR, 200), (Role.PANEL_MEMBER, 200), (Role.PANEL_ADVISER, 404)]:
        client = Client()
        client.force_login(own.staff[role])
        assert [client.get(url).status_code for url in pages] == [status] * 4, role
        assert client.get(theirs).status_code == 404, role
        listed = client.get(reverse("panel:meeting_list")).content.decode()
        assert (meeting.venue in listed) == (status == 200), role


def signed_in_urls(records: dict[str, Any]) -> list[str]:
    """The address of every page a signed-in user opens, for the records of one council: the service manager
    opens them all. Downloads (FILE_PAGES) answer with a file, not a page, and are left out."""
    urls = [reverse(name) for name in [*LIST_PAGES, *OPEN_PAGES, *ADD_PAGES]]
    urls += [reverse(name) + "?q=household" for name in SEARCH_PAGES]
    return urls + [
        reverse(name, args=[records[kind].pk])
        for name, (kind, _) in RECORD_PAGES.items()
        if name not in FILE_PAGES
    ]
