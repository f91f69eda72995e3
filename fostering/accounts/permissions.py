"""Permissions are named after actions and mapped to roles here, and nowhere else.

A permission is held within an organisation: a member of staff of two councils may supervise
households in one and sit on the panel of the other. Caseload scope (which of an organisation's
records a permission reaches) is decided by the selectors, which ask ``scope_of``.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from .roles import PORTAL_ROLES, Role

if TYPE_CHECKING:
    from .models import User


class Perm(StrEnum):
    # People and households
    VIEW_PERSON = "view_person"
    CHANGE_PERSON = "change_person"
    VIEW_HOUSEHOLD = "view_household"
    VIEW_CASELOAD_HOUSEHOLD = "view_caseload_household"
    CHANGE_HOUSEHOLD = "change_household"
    RECORD_SUPERVISION = "record_supervision"
    RECORD_HOUSEHOLD_REVIEW = "record_household_review"
    CHANGE_TERMS_OF_APPROVAL = "change_terms_of_approval"
    CHANGE_HOUSEHOLD_STATUS = "change_household_status"
    RECORD_CHECK = "record_check"
    # Children
    VIEW_CHILD = "view_child"
    VIEW_CASELOAD_CHILD = "view_caseload_child"
    CHANGE_CHILD = "change_child"
    # Oversight
    VIEW_HISTORY = "view_history"
    MANAGE_STAFF = "manage_staff"
    USE_API = "use_api"
    VIEW_RECRUITMENT_REPORTS = "view_recruitment_reports"
    VIEW_FORECASTS = "view_forecasts"
    VIEW_INDICATORS = "view_indicators"
    MANAGE_INDICATORS = "manage_indicators"
    WRITE_ANNUAL_REPORT = "write_annual_report"
    SIGN_OFF_ANNUAL_REPORT = "sign_off_annual_report"
    # Recruitment (fostering.recruitment): add its permissions here.
    VIEW_ENQUIRY = "view_enquiry"
    CHANGE_ENQUIRY = "change_enquiry"
    RECORD_INITIAL_VISIT = "record_initial_visit"
    DECIDE_PROGRESS = "decide_progress"
    # Assessments (fostering.assessments): add its permissions here.
    VIEW_ASSESSMENT = "view_assessment"
    VIEW_CASELOAD_ASSESSMENT = "view_caseload_assessment"
    VIEW_IV_ASSESSMENT = "view_iv_assessment"
    START_ASSESSMENT = "start_assessment"
    RECORD_ASSESSMENT = "record_assessment"
    RECORD_SKILLS_TO_FOSTER = "record_skills_to_foster"
    CHANGE_ASSESSMENT_STAGE = "change_assessment_stage"
    # Kinship (fostering.kinship): add its permissions here.
    VIEW_KINSHIP_ASSESSMENT = "view_kinship_assessment"
    VIEW_CASELOAD_KINSHIP_ASSESSMENT = "view_caseload_kinship_assessment"
    START_KINSHIP_ASSESSMENT = "start_kinship_assessment"
    RECORD_KINSHIP_ASSESSMENT = "record_kinship_assessment"
    APPROVE_REG25_EXTENSION = "approve_reg25_extension"
    # Panel and agency decision maker (fostering.panel): add its permissions here.
    VIEW_PANEL = "view_panel"
    VIEW_OWN_PANEL_MEETINGS = "view_own_panel_meetings"
    MANAGE_PANEL = "manage_panel"
    VIEW_PANEL_MEMBERS = "view_panel_members"
    MANAGE_PANEL_MEMBERS = "manage_panel_members"
    RECORD_PANEL_APPRAISAL = "record_panel_appraisal"
    RECORD_PANEL_RECOMMENDATION = "record_panel_recommendation"
    DECIDE_ON_RECOMMENDATION = "decide_on_recommendation"
    VIEW_PANEL_REPORTS = "view_panel_reports"
    # Life of a household, allegations and complaints (fostering.households, fostering.concerns): here.
    VIEW_TEAM_CASELOADS = "view_team_caseloads"
    RECORD_SUPPORT_PLAN = "record_support_plan"
    RECORD_TRAINING = "record_training"
    RECORD_EXIT_INTERVIEW = "record_exit_interview"
    VIEW_ALLEGATION = "view_allegation"
    RECORD_ALLEGATION = "record_allegation"
    VIEW_COMPLAINT = "view_complaint"
    RECORD_COMPLAINT = "record_complaint"
    VIEW_RETENTION = "view_retention"
    VIEW_HOUSEHOLD_REPORTS = "view_household_reports"
    MANAGE_COURSES = "manage_courses"
    BOOK_COURSE = "book_course"
    GIVE_REVIEW_VIEWS = "give_review_views"
    # Children in care, referrals, matching and placements (fostering.children, fostering.placements): here.
    RECORD_CARE = "record_care"
    VIEW_REFERRAL = "view_referral"
    VIEW_CASELOAD_REFERRAL = "view_caseload_referral"
    MAKE_REFERRAL = "make_referral"
    MATCH_PLACEMENT = "match_placement"
    PLACE_CHILD = "place_child"
    VIEW_VACANCIES = "view_vacancies"
    MANAGE_HOLDS = "manage_holds"
    RECORD_STABILITY = "record_stability"
    VIEW_PLACEMENT_MEASURES = "view_placement_measures"
    # The SSDA903 return (fostering.returns903): here.
    VIEW_RETURN_903 = "view_return_903"
    CHECK_RETURN_903 = "check_return_903"
    # Payments to carers (fostering.payments): here.
    VIEW_PAYMENTS = "view_payments"
    MANAGE_PAYMENTS = "manage_payments"
    APPROVE_PAYMENT_RUN = "approve_payment_run"
    VIEW_CASELOAD_STATEMENTS = "view_caseload_statements"
    VIEW_OWN_STATEMENTS = "view_own_statements"
    # The carers' and applicants' portal (fostering.portal)
    INVITE_TO_PORTAL = "invite_to_portal"
    USE_CARER_PORTAL = "use_carer_portal"
    USE_APPLICANT_PORTAL = "use_applicant_portal"
    RAISE_PAYMENT_QUERY = "raise_payment_query"
    OVERRIDE_PAYMENT_LIMITS = "override_payment_limits"
    # Children's reviews and the IRO service (fostering.reviews, fostering.alerts)
    VIEW_CHILD_REVIEWS = "view_child_reviews"
    CHAIR_REVIEW = "chair_review"
    ALLOCATE_IRO = "allocate_iro"
    RAISE_PRACTICE_ALERT = "raise_practice_alert"
    ANSWER_PRACTICE_ALERT = "answer_practice_alert"
    VIEW_IRO_REPORTS = "view_iro_reports"
    # Health, missing episodes, visits to the child and care leavers (fostering.health, fostering.missing,
    # fostering.visits, fostering.leaving_care)
    RECORD_HEALTH = "record_health"
    RECORD_MISSING = "record_missing"
    RECORD_CHILD_VISIT = "record_child_visit"
    RECORD_LEAVING_CARE = "record_leaving_care"
    # Data protection (fostering.dataprotection): here.
    MANAGE_DATA_PROTECTION = "manage_data_protection"
    EXPORT_SUBJECT_ACCESS = "export_subject_access"
    # Documents and letters (fostering.documents): here.
    ADD_DOCUMENT = "add_document"
    WRITE_LETTER = "write_letter"
    MANAGE_LETTER_TEMPLATES = "manage_letter_templates"


P = Perm

_READ_PEOPLE = {P.VIEW_PERSON, P.VIEW_HOUSEHOLD, P.VIEW_HISTORY}
_FOSTERING_STAFF = _READ_PEOPLE | {P.CHANGE_PERSON, P.RECORD_CHECK, P.USE_API}

_FOUNDATION: dict[Role, frozenset[Perm]] = {
    Role.RECRUITMENT_COORDINATOR: frozenset({P.VIEW_PERSON, P.CHANGE_PERSON, P.USE_API}),
    Role.INITIAL_VISIT_WORKER: frozenset({P.VIEW_PERSON, P.CHANGE_PERSON, P.USE_API}),
    Role.ASSESSMENT_MANAGER: frozenset(_FOSTERING_STAFF | {P.CHANGE_HOUSEHOLD}),
    Role.ASSESSING_SOCIAL_WORKER: frozenset(_FOSTERING_STAFF),
    Role.KINSHIP_WORKER: frozenset(_FOSTERING_STAFF | {P.VIEW_CHILD, P.CHANGE_HOUSEHOLD}),
    # Their caseload of children is the children placed (now or before) in the households they supervise.
    Role.SUPERVISING_SOCIAL_WORKER: frozenset(
        {P.VIEW_PERSON, P.CHANGE_PERSON, P.VIEW_CASELOAD_HOUSEHOLD, P.RECORD_SUPERVISION, P.RECORD_CHECK}
        | {P.CHANGE_HOUSEHOLD, P.VIEW_HISTORY, P.USE_API, P.VIEW_CASELOAD_CHILD}
    ),
    Role.DUTY_WORKER: frozenset(_READ_PEOPLE | {P.VIEW_CHILD, P.USE_API}),
    Role.REVIEWING_OFFICER: frozenset(_READ_PEOPLE | {P.RECORD_HOUSEHOLD_REVIEW, P.USE_API}),
    Role.PANEL_CHAIR: frozenset(),
    Role.PANEL_MEMBER: frozenset(),
    Role.PANEL_ADVISER: frozenset(),
    Role.PANEL_ADMINISTRATOR: frozenset(),
    Role.AGENCY_DECISION_MAKER: frozenset(
        _READ_PEOPLE | {P.CHANGE_TERMS_OF_APPROVAL, P.CHANGE_HOUSEHOLD_STATUS, P.USE_API}
    ),
    Role.DPST_WORKER: frozenset({P.VIEW_CASELOAD_CHILD, P.VIEW_PERSON, P.USE_API}),
    Role.IV_COORDINATOR: frozenset({P.VIEW_PERSON, P.CHANGE_PERSON, P.USE_API}),
    Role.TRAINING_COORDINATOR: frozenset({P.VIEW_PERSON, P.VIEW_HOUSEHOLD, P.USE_API}),
    Role.PAYMENTS_OFFICER: frozenset({P.VIEW_PERSON, P.VIEW_HOUSEHOLD, P.USE_API}),
    Role.SERVICE_MANAGER: frozenset(
        _FOSTERING_STAFF
        | {P.VIEW_CHILD, P.CHANGE_CHILD, P.CHANGE_HOUSEHOLD, P.CHANGE_HOUSEHOLD_STATUS}
        | {P.CHANGE_TERMS_OF_APPROVAL, P.RECORD_SUPERVISION, P.RECORD_HOUSEHOLD_REVIEW, P.MANAGE_STAFF}
    ),
    Role.CHILDS_SOCIAL_WORKER: frozenset(
        {P.VIEW_CASELOAD_CHILD, P.CHANGE_CHILD, P.VIEW_PERSON, P.VIEW_HISTORY, P.USE_API}
    ),
    Role.CARER: frozenset(),
    Role.APPLICANT: frozenset(),
    Role.INDEPENDENT_VISITOR: frozenset(),
}


# Each part of the service grants its own permissions to roles in its own block; a role missing from a
# block gets nothing from it.
_RECRUITMENT: dict[Role, frozenset[Perm]] = {
    Role.RECRUITMENT_COORDINATOR: frozenset({P.VIEW_ENQUIRY, P.CHANGE_ENQUIRY}),
    Role.INITIAL_VISIT_WORKER: frozenset({P.VIEW_ENQUIRY, P.RECORD_INITIAL_VISIT}),
    Role.ASSESSMENT_MANAGER: frozenset({P.VIEW_ENQUIRY, P.DECIDE_PROGRESS}),
    Role.SERVICE_MANAGER: frozenset(
        {P.VIEW_ENQUIRY, P.CHANGE_ENQUIRY, P.RECORD_INITIAL_VISIT, P.DECIDE_PROGRESS}
    ),
}
_ASSESSMENT_WORK = {P.RECORD_ASSESSMENT, P.RECORD_SKILLS_TO_FOSTER, P.CHANGE_ASSESSMENT_STAGE}
_ASSESSMENTS: dict[Role, frozenset[Perm]] = {
    # caseload: the assessments allocated to them
    Role.ASSESSING_SOCIAL_WORKER: frozenset({P.VIEW_CASELOAD_ASSESSMENT} | _ASSESSMENT_WORK),
    Role.ASSESSMENT_MANAGER: frozenset({P.VIEW_ASSESSMENT, P.START_ASSESSMENT} | _ASSESSMENT_WORK),
    Role.SERVICE_MANAGER: frozenset({P.VIEW_ASSESSMENT, P.START_ASSESSMENT} | _ASSESSMENT_WORK),
    # Skills to Foster attendance, for every assessment of the organisation
    Role.TRAINING_COORDINATOR: frozenset({P.VIEW_ASSESSMENT, P.RECORD_SKILLS_TO_FOSTER}),
    # independent visitor assessments only (their checks too)
    Role.IV_COORDINATOR: frozenset(
        {P.VIEW_IV_ASSESSMENT, P.START_ASSESSMENT, P.RECORD_CHECK} | _ASSESSMENT_WORK
    ),
}

_KINSHIP_WORK = {P.VIEW_KINSHIP_ASSESSMENT, P.START_KINSHIP_ASSESSMENT, P.RECORD_KINSHIP_ASSESSMENT}
_KINSHIP: dict[Role, frozenset[Perm]] = {
    # The whole council's kinship assessments, not a caseload: the team is small (about five workers), covers
    # each other's Regulation 24 placements when one lapses, and its working list is the team's clocks.
    Role.KINSHIP_WORKER: frozenset(_KINSHIP_WORK),
    Role.SERVICE_MANAGER: frozenset(_KINSHIP_WORK | {P.APPROVE_REG25_EXTENSION}),
    # The agency decision maker acts as the nominated officer who approves a Regulation 25 extension.
    Role.AGENCY_DECISION_MAKER: frozenset({P.VIEW_KINSHIP_ASSESSMENT, P.APPROVE_REG25_EXTENSION}),
    # The child's social worker reads the assessments for the children allocated to them.
    Role.CHILDS_SOCIAL_WORKER: frozenset({P.VIEW_CASELOAD_KINSHIP_ASSESSMENT}),
}

_REPORTING: dict[Role, frozenset[Perm]] = {
    role: frozenset({P.VIEW_RECRUITMENT_REPORTS})
    for role in (Role.SERVICE_MANAGER, Role.ASSESSMENT_MANAGER, Role.RECRUITMENT_COORDINATOR)
}

# Forecasts (fostering.forecasts): the service's managers plan recruitment and sufficiency with them.
_FORECASTS: dict[Role, frozenset[Perm]] = {
    role: frozenset({P.VIEW_FORECASTS}) for role in (Role.SERVICE_MANAGER, Role.ASSESSMENT_MANAGER)
}

# Indicators (fostering.indicators): managers follow how the service is doing; the service manager sets
# the targets and comparators and closes the periods.
_INDICATORS: dict[Role, frozenset[Perm]] = {
    Role.SERVICE_MANAGER: frozenset({P.VIEW_INDICATORS, P.MANAGE_INDICATORS}),
    Role.ASSESSMENT_MANAGER: frozenset({P.VIEW_INDICATORS}),
    Role.RECRUITMENT_COORDINATOR: frozenset({P.VIEW_INDICATORS}),
    Role.AGENCY_DECISION_MAKER: frozenset({P.VIEW_INDICATORS}),
}

# The annual report (fostering.reporting): managers write its sections, the service manager signs them off;
# the panel chair writes the panel chair's report.
_ANNUAL_REPORT: dict[Role, frozenset[Perm]] = {
    Role.SERVICE_MANAGER: frozenset({P.WRITE_ANNUAL_REPORT, P.SIGN_OFF_ANNUAL_REPORT}),
    Role.ASSESSMENT_MANAGER: frozenset({P.WRITE_ANNUAL_REPORT}),
    Role.PANEL_CHAIR: frozenset({P.WRITE_ANNUAL_REPORT}),
}

# Each block below belongs to one part of the service; edit only your own.
_PANEL_SITTING = {P.VIEW_OWN_PANEL_MEETINGS, P.VIEW_PANEL_MEMBERS}
_PANEL: dict[Role, frozenset[Perm]] = {
    # Panel members, the chair and the adviser see only the meetings they are invited to, and their papers
    # (on the pages: members, often independent people, have no use of the API).
    Role.PANEL_MEMBER: frozenset(_PANEL_SITTING - {P.VIEW_PANEL_MEMBERS}),
    Role.PANEL_CHAIR: frozenset(
        _PANEL_SITTING | {P.RECORD_PANEL_RECOMMENDATION, P.RECORD_PANEL_APPRAISAL, P.VIEW_PANEL_REPORTS}
    ),
    Role.PANEL_ADVISER: frozenset(_PANEL_SITTING | {P.RECORD_PANEL_RECOMMENDATION}),
    # The assessment team manager follows the panel's year (the cases the team takes to panel).
    Role.ASSESSMENT_MANAGER: frozenset({P.VIEW_PANEL_REPORTS}),
    # The administrator runs the whole council's panel: members, meetings, agendas, papers and minutes.
    Role.PANEL_ADMINISTRATOR: frozenset(
        {P.VIEW_PANEL, P.MANAGE_PANEL, P.VIEW_PANEL_MEMBERS, P.MANAGE_PANEL_MEMBERS}
        | {P.RECORD_PANEL_RECOMMENDATION, P.VIEW_PANEL_REPORTS, P.USE_API}
    ),
    # The agency decision maker decides on recommendations; an approval registers the household (and a
    # kinship approval records the connected person assessment's outcome), so they change both.
    Role.AGENCY_DECISION_MAKER: frozenset(
        {P.VIEW_PANEL, P.VIEW_PANEL_MEMBERS, P.DECIDE_ON_RECOMMENDATION, P.VIEW_PANEL_REPORTS}
        | {P.RECORD_PANEL_APPRAISAL, P.CHANGE_HOUSEHOLD, P.RECORD_KINSHIP_ASSESSMENT}
    ),
    # The service manager runs the panel with the administrator and deputises for the decision maker.
    Role.SERVICE_MANAGER: frozenset(
        {P.VIEW_PANEL, P.MANAGE_PANEL, P.VIEW_PANEL_MEMBERS, P.MANAGE_PANEL_MEMBERS}
        | {P.RECORD_PANEL_APPRAISAL, P.RECORD_PANEL_RECOMMENDATION, P.DECIDE_ON_RECOMMENDATION}
        | {P.VIEW_PANEL_REPORTS}
    ),
}
_HOUSEHOLD_LIFE: dict[Role, frozenset[Perm]] = {
    # Allegations are read within the household's reach (the SSW's caseload, or the whole council).
    Role.SUPERVISING_SOCIAL_WORKER: frozenset(
        {P.RECORD_SUPPORT_PLAN, P.RECORD_TRAINING, P.RECORD_EXIT_INTERVIEW, P.VIEW_ALLEGATION}
        | {P.RECORD_ALLEGATION, P.VIEW_RETENTION}
    ),
    Role.REVIEWING_OFFICER: frozenset({P.RECORD_SUPPORT_PLAN, P.VIEW_ALLEGATION}),
    # The training co-ordinator publishes the council's courses, keeps their bookings and records attendance.
    Role.TRAINING_COORDINATOR: frozenset({P.RECORD_TRAINING, P.MANAGE_COURSES}),
    # Carers book places on courses and give their views ahead of their household review (in the portal).
    Role.CARER: frozenset({P.BOOK_COURSE, P.GIVE_REVIEW_VIEWS}),
    Role.AGENCY_DECISION_MAKER: frozenset({P.VIEW_ALLEGATION, P.VIEW_HOUSEHOLD_REPORTS}),
    # The service manager is the complaints lead of the fostering service.
    Role.SERVICE_MANAGER: frozenset(
        {P.VIEW_TEAM_CASELOADS, P.RECORD_SUPPORT_PLAN, P.RECORD_TRAINING, P.RECORD_EXIT_INTERVIEW}
        | {P.VIEW_ALLEGATION, P.RECORD_ALLEGATION, P.VIEW_COMPLAINT, P.RECORD_COMPLAINT}
        | {P.VIEW_RETENTION, P.VIEW_HOUSEHOLD_REPORTS, P.MANAGE_COURSES}
    ),
}
_DUTY_TEAM_WORK = {P.VIEW_REFERRAL, P.MAKE_REFERRAL, P.MATCH_PLACEMENT, P.PLACE_CHILD, P.VIEW_VACANCIES}
_PLACEMENTS: dict[Role, frozenset[Perm]] = {
    # The duty team works every open referral of the council and keeps the vacancy register.
    Role.DUTY_WORKER: frozenset(_DUTY_TEAM_WORK | {P.MANAGE_HOLDS, P.VIEW_PLACEMENT_MEASURES}),
    Role.SERVICE_MANAGER: frozenset(
        _DUTY_TEAM_WORK | {P.MANAGE_HOLDS, P.VIEW_PLACEMENT_MEASURES, P.RECORD_CARE, P.RECORD_STABILITY}
    ),
    # The child's social worker keeps the care record of the children allocated to them, refers them
    # for a placement, records moves and calls stability meetings.
    Role.CHILDS_SOCIAL_WORKER: frozenset(
        {P.RECORD_CARE, P.VIEW_CASELOAD_REFERRAL, P.MAKE_REFERRAL, P.PLACE_CHILD, P.RECORD_STABILITY}
    ),
    # The Dedicated Placement Support Team supports placements across the council.
    Role.DPST_WORKER: frozenset({P.VIEW_CHILD, P.RECORD_STABILITY, P.VIEW_PLACEMENT_MEASURES}),
}
_RETURNS: dict[Role, frozenset[Perm]] = {
    # The service manager prepares the SSDA903 return: checks it against the DfE rules and downloads it.
    Role.SERVICE_MANAGER: frozenset({P.VIEW_RETURN_903, P.CHECK_RETURN_903}),
}
_PAYMENTS: dict[Role, frozenset[Perm]] = {
    # Rates, runs, the export and answering queries, for the whole organisation.
    Role.PAYMENTS_OFFICER: frozenset({P.VIEW_PAYMENTS, P.MANAGE_PAYMENTS}),
    # A manager approves a run before it is committed (never one they drafted themselves), and can stand in
    # for the payments officer. Only a manager confirms an amount outside its usual range (payments.limits).
    Role.SERVICE_MANAGER: frozenset(
        {
            P.VIEW_PAYMENTS,
            P.APPROVE_PAYMENT_RUN,
            P.MANAGE_PAYMENTS,
            P.RAISE_PAYMENT_QUERY,
            P.OVERRIDE_PAYMENT_LIMITS,
        }
    ),
    # The statements of the households they supervise, and queries about them.
    Role.SUPERVISING_SOCIAL_WORKER: frozenset({P.VIEW_CASELOAD_STATEMENTS, P.RAISE_PAYMENT_QUERY}),
    # Their own household's statements.
    Role.CARER: frozenset({P.VIEW_OWN_STATEMENTS, P.RAISE_PAYMENT_QUERY}),
}
_PORTAL: dict[Role, frozenset[Perm]] = {
    # Whoever works with a household or an application invites its carers or applicants to the portal.
    Role.SUPERVISING_SOCIAL_WORKER: frozenset({P.INVITE_TO_PORTAL}),
    Role.ASSESSING_SOCIAL_WORKER: frozenset({P.INVITE_TO_PORTAL}),
    Role.ASSESSMENT_MANAGER: frozenset({P.INVITE_TO_PORTAL}),
    Role.KINSHIP_WORKER: frozenset({P.INVITE_TO_PORTAL}),
    Role.SERVICE_MANAGER: frozenset({P.INVITE_TO_PORTAL}),
    Role.CARER: frozenset({P.USE_CARER_PORTAL}),
    Role.APPLICANT: frozenset({P.USE_APPLICANT_PORTAL}),
}
_CHILDREN_IN_CARE: dict[Role, frozenset[Perm]] = {
    # IROs chair reviews and monitor every child's case between them: they read, challenge, never own it.
    Role.IRO: frozenset(
        {
            P.VIEW_CHILD,
            P.VIEW_PERSON,
            P.VIEW_HISTORY,
            P.USE_API,
            P.VIEW_CHILD_REVIEWS,
            P.CHAIR_REVIEW,
            P.RAISE_PRACTICE_ALERT,
            P.VIEW_IRO_REPORTS,
        }
    ),
    # The IRO service's manager allocates IROs, watches caseloads and reads the service's figures.
    Role.IRO_MANAGER: frozenset(
        {
            P.VIEW_CHILD,
            P.VIEW_PERSON,
            P.VIEW_HISTORY,
            P.USE_API,
            P.VIEW_CHILD_REVIEWS,
            P.CHAIR_REVIEW,
            P.ALLOCATE_IRO,
            P.RAISE_PRACTICE_ALERT,
            P.VIEW_IRO_REPORTS,
        }
    ),
    # The child's social worker records visits, health, missing episodes and the pathway plan, and
    # answers the alerts the IRO raises on their children.
    Role.CHILDS_SOCIAL_WORKER: frozenset(
        {
            P.VIEW_CHILD_REVIEWS,
            P.RECORD_HEALTH,
            P.RECORD_MISSING,
            P.RECORD_CHILD_VISIT,
            P.RECORD_LEAVING_CARE,
            P.ANSWER_PRACTICE_ALERT,
        }
    ),
    # A care leaver's personal adviser keeps in touch and records the pathway plan and birthdays' contacts.
    Role.PERSONAL_ADVISER: frozenset(
        {P.VIEW_CASELOAD_CHILD, P.VIEW_PERSON, P.USE_API, P.RECORD_LEAVING_CARE}
    ),
    # Managers answer escalated alerts, allocate IROs in the IRO manager's absence and read the figures; as
    # everywhere in the service, the service manager can stand in for each of these workers.
    Role.SERVICE_MANAGER: frozenset(
        {
            P.VIEW_CHILD_REVIEWS,
            P.CHAIR_REVIEW,
            P.RAISE_PRACTICE_ALERT,
            P.RECORD_CHILD_VISIT,
            P.ALLOCATE_IRO,
            P.ANSWER_PRACTICE_ALERT,
            P.VIEW_IRO_REPORTS,
            P.RECORD_HEALTH,
            P.RECORD_MISSING,
            P.RECORD_LEAVING_CARE,
        }
    ),
}
_DATA_PROTECTION: dict[Role, frozenset[Perm]] = {
    # The service manager keeps the retention schedule, disposes of records, answers erasure requests and
    # exports what the service holds about a person.
    Role.SERVICE_MANAGER: frozenset({P.MANAGE_DATA_PROTECTION, P.EXPORT_SUBJECT_ACCESS}),
}

# Documents are read by whoever may open their record; these add them, write letters and keep the wording.
_CASEWORK = {P.ADD_DOCUMENT, P.WRITE_LETTER}
_DOCUMENTS: dict[Role, frozenset[Perm]] = {
    Role.SERVICE_MANAGER: frozenset(_CASEWORK | {P.MANAGE_LETTER_TEMPLATES}),
    Role.ASSESSMENT_MANAGER: frozenset(_CASEWORK | {P.MANAGE_LETTER_TEMPLATES}),
    Role.ASSESSING_SOCIAL_WORKER: frozenset(_CASEWORK),
    Role.SUPERVISING_SOCIAL_WORKER: frozenset(_CASEWORK),
    Role.KINSHIP_WORKER: frozenset({P.ADD_DOCUMENT}),
    Role.CHILDS_SOCIAL_WORKER: frozenset({P.ADD_DOCUMENT}),
    Role.RECRUITMENT_COORDINATOR: frozenset(_CASEWORK),
    Role.PANEL_ADMINISTRATOR: frozenset(_CASEWORK),
    Role.AGENCY_DECISION_MAKER: frozenset({P.WRITE_LETTER}),
}


def _merge(*blocks: dict[Role, frozenset[Perm]]) -> dict[Role, frozenset[Perm]]:
    return {role: frozenset().union(*(block.get(role, frozenset()) for block in blocks)) for role in Role}


ROLE_PERMISSIONS: dict[Role, frozenset[Perm]] = _merge(
    _FOUNDATION,
    _RECRUITMENT,
    _ASSESSMENTS,
    _KINSHIP,
    _REPORTING,
    _FORECASTS,
    _INDICATORS,
    _ANNUAL_REPORT,
    _PANEL,
    _HOUSEHOLD_LIFE,
    _PLACEMENTS,
    _RETURNS,
    _PAYMENTS,
    _PORTAL,
    _CHILDREN_IN_CARE,
    _DATA_PROTECTION,
    _DOCUMENTS,
)


def memberships_of(user: User) -> list[tuple[int, Role]]:
    """(organisation id, role) pairs of an active user, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_fostering_memberships", None)
    if cached is None:
        cached = [
            (org_id, Role(role))
            for org_id, role in user.memberships.filter(ended_on__isnull=True).values_list(
                "organisation_id", "role"
            )
        ]
        user._fostering_memberships = cached  # type: ignore[attr-defined]
    return cached


def organisations_with(user: User, *perms: Perm) -> set[int]:
    """Organisations in which the user holds any of the permissions."""
    wanted = set(perms)
    return {org_id for org_id, role in memberships_of(user) if ROLE_PERMISSIONS[role] & wanted}


def has_perm(user: User, perm: Perm, organisation_id: int | None = None) -> bool:
    orgs = organisations_with(user, perm)
    return bool(orgs) if organisation_id is None else organisation_id in orgs


def roles_of(user: User) -> set[Role]:
    return {role for _, role in memberships_of(user)}


def is_portal_user(user: Any) -> bool:
    """A carer or applicant, and nothing else: they use the portal (/my/) and no staff page."""
    roles = roles_of(user)
    return bool(roles) and roles <= PORTAL_ROLES


def permissions_of(user: User) -> set[Perm]:
    perms: set[Perm] = set()
    for _, role in memberships_of(user):
        perms |= ROLE_PERMISSIONS[role]
    return perms


def roles_with(perm: Perm) -> Iterable[Role]:
    return [role for role, perms in ROLE_PERMISSIONS.items() if perm in perms]


def require(user: User | None, perm: Perm, organisation_id: int) -> None:
    """Service functions refuse an acting user without the permission; None is the system itself
    (the demo generator, imports and scheduled jobs), whose own audit events name no actor."""
    from fostering.core.errors import NotAllowed

    if user is not None and not has_perm(user, perm, organisation_id):
        raise NotAllowed(f"You do not have permission to {perm.value.replace('_', ' ')}.")
