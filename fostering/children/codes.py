"""SSDA903 code lists a child's care record is kept in (see docs/glossary.md and ../returns.md's tables).

These are the codes as the service records them. Which codes a given collection year accepts (Z1 split into
Z11-Z14 from 2025-26, K3 from 2024-25...) is data for the return, in ``fostering.returns903``.
"""

from django.db import models


class LegalStatusCode(models.TextChoices):
    C1 = "C1", "C1 Interim care order"
    C2 = "C2", "C2 Full care order"
    D1 = "D1", "D1 Freeing order"
    E1 = "E1", "E1 Placement order"
    V2 = "V2", "V2 Accommodated under section 20 (single period)"
    V3 = "V3", "V3 Short breaks: single occasion"
    V4 = "V4", "V4 Short breaks: series of pre-planned short breaks"
    L1 = "L1", "L1 Police protection"
    L2 = "L2", "L2 Emergency protection order"
    L3 = "L3", "L3 Child assessment order"
    J1 = "J1", "J1 Remanded to local authority accommodation"
    J2 = "J2", "J2 Placed under PACE"
    J3 = "J3", "J3 Youth rehabilitation order with residence requirement"


SHORT_BREAK_STATUSES = frozenset({LegalStatusCode.V3, LegalStatusCode.V4})


class CategoryOfNeed(models.TextChoices):
    N1 = "N1", "N1 Abuse or neglect"
    N2 = "N2", "N2 Child's disability"
    N3 = "N3", "N3 Parental illness or disability"
    N4 = "N4", "N4 Family in acute stress"
    N5 = "N5", "N5 Family dysfunction"
    N6 = "N6", "N6 Socially unacceptable behaviour"
    N7 = "N7", "N7 Low income"
    N8 = "N8", "N8 Absent parenting"
    N9 = "N9", "N9 Cases other than children in need"


class ReasonCareEnded(models.TextChoices):
    """REC: why an episode, and so a period of care, ended (X1 is 'continues with a change' and is derived)."""

    E11 = "E11", "E11 Adopted: application unopposed"
    E12 = "E12", "E12 Adopted: consent dispensed with"
    E13 = "E13", "E13 Left care to live with parents, relatives or others (no parental responsibility)"
    E2 = "E2", "E2 Died"
    E3 = "E3", "E3 Care taken over by another local authority"
    E4A = "E4A", "E4A Returned home to parents or relatives (planned)"
    E4B = "E4B", "E4B Returned home to parents or relatives (not planned)"
    E41 = "E41", "E41 Residence or child arrangements order granted"
    E45 = "E45", "E45 Special guardianship order: former foster carer who is a relative or friend"
    E46 = "E46", "E46 Special guardianship order: former foster carer, not a relative or friend"
    E47 = "E47", "E47 Special guardianship order: not a former foster carer, relative or friend"
    E48 = "E48", "E48 Special guardianship order: not a former foster carer, not a relative or friend"
    E5 = "E5", "E5 Moved into independent living (supportive accommodation)"
    E6 = "E6", "E6 Moved into independent living (no formalised support)"
    E7 = "E7", "E7 Transferred to residential care funded by adult social care"
    E9 = "E9", "E9 Sentenced to custody"
    E14 = "E14", "E14 Accommodation on remand ended"
    E15 = "E15", "E15 Age assessment determined child is 18 or over"
    E16 = "E16", "E16 Child moved abroad"
    E17 = "E17", "E17 Aged 18 or over and stayed with current carers (Staying Put)"
    E8 = "E8", "E8 Period of care ceased for any other reason"


class ReviewParticipation(models.TextChoices):
    """REVIEW_CODE: how the child took part in their review."""

    PN0 = "PN0", "PN0 Child under 4 at the time of the review"
    PN1 = "PN1", "PN1 Attends and speaks for themselves"
    PN2 = "PN2", "PN2 Attends and an advocate speaks for them"
    PN3 = "PN3", "PN3 Attends and conveys their views non-verbally"
    PN4 = "PN4", "PN4 Attends but does not contribute"
    PN5 = "PN5", "PN5 Does not attend but briefs someone to speak for them"
    PN6 = "PN6", "PN6 Does not attend but conveys their views another way"
    PN7 = "PN7", "PN7 Does not attend or convey their views"


class RiskItem(models.TextChoices):
    """The ten risk items of a placement referral (Placements Data Standard v2): each is present or not known."""

    SELF_HARM = "self_harm", "Self-harm or suicidal thoughts"
    SEXUAL_EXPLOITATION = "sexual_exploitation", "Child sexual exploitation"
    CRIMINAL_EXPLOITATION = "criminal_exploitation", "Child criminal exploitation (including county lines)"
    GOING_MISSING = "going_missing", "Going missing"
    FIRE_SETTING = "fire_setting", "Fire-setting"
    HARM_TO_OTHERS = "harm_to_others", "Violence or aggression towards others"
    HARMFUL_SEXUAL_BEHAVIOUR = "harmful_sexual_behaviour", "Harmful sexual behaviour"
    SUBSTANCE_MISUSE = "substance_misuse", "Drug or alcohol misuse"
    OFFENDING = "offending", "Offending behaviour"
    RADICALISATION = "radicalisation", "Radicalisation"
