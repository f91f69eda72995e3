"""The roles people hold in the service (domain brief, section 1)."""

from django.db import models


class Role(models.TextChoices):
    RECRUITMENT_COORDINATOR = "recruitment_coordinator", "Recruitment enquiry co-ordinator"
    INITIAL_VISIT_WORKER = "initial_visit_worker", "Initial visit worker"
    ASSESSMENT_MANAGER = "assessment_manager", "Assessment team manager"
    ASSESSING_SOCIAL_WORKER = "assessing_social_worker", "Assessing social worker"
    KINSHIP_WORKER = "kinship_worker", "Kinship (connected persons) social worker"
    SUPERVISING_SOCIAL_WORKER = "supervising_social_worker", "Supervising social worker"
    DUTY_WORKER = "duty_worker", "Duty team worker"
    REVIEWING_OFFICER = "reviewing_officer", "Fostering reviewing officer"
    PANEL_CHAIR = "panel_chair", "Panel chair"
    PANEL_MEMBER = "panel_member", "Panel member"
    PANEL_ADVISER = "panel_adviser", "Panel adviser"
    PANEL_ADMINISTRATOR = "panel_administrator", "Panel administrator"
    AGENCY_DECISION_MAKER = "agency_decision_maker", "Agency decision maker"
    DPST_WORKER = "dpst_worker", "Dedicated Placement Support Team worker"
    IV_COORDINATOR = "iv_coordinator", "Independent visitor co-ordinator"
    TRAINING_COORDINATOR = "training_coordinator", "Training co-ordinator"
    PAYMENTS_OFFICER = "payments_officer", "Payments officer"
    SERVICE_MANAGER = "service_manager", "Service manager"
    CHILDS_SOCIAL_WORKER = "childs_social_worker", "Child's social worker"
    IRO = "iro", "Independent reviewing officer"
    IRO_MANAGER = "iro_manager", "IRO service manager"
    PERSONAL_ADVISER = "personal_adviser", "Personal adviser (care leavers)"
    CARER = "carer", "Foster carer"
    APPLICANT = "applicant", "Applicant to foster"
    INDEPENDENT_VISITOR = "independent_visitor", "Independent visitor"


# Carers and applicants sign in to the portal (/my/) and nowhere else (fostering.portal).
PORTAL_ROLES = frozenset({Role.CARER, Role.APPLICANT})
STAFF_ROLES = frozenset(Role) - PORTAL_ROLES - {Role.INDEPENDENT_VISITOR}
