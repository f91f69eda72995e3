"""SSDA903 placement codes (PLACE, PLACE_PROVIDER, REASON_PLACE_CHANGE) as the service records them."""

from django.db import models


class PlaceCode(models.TextChoices):
    U1 = "U1", "U1 Foster placement with relative or friend: long-term fostering"
    U2 = "U2", "U2 Foster placement with relative or friend who is also an approved adopter (FFA)"
    U3 = "U3", "U3 Foster placement with relative or friend: not long-term or FFA"
    U4 = "U4", "U4 Foster placement with other foster carer: long-term fostering"
    U5 = "U5", "U5 Foster placement with other foster carer who is also an approved adopter (FFA)"
    U6 = "U6", "U6 Foster placement with other foster carer: not long-term or FFA"
    A3 = "A3", "A3 Placed for adoption with consent with current foster carer"
    A4 = "A4", "A4 Placed for adoption with consent, not with current foster carer"
    A5 = "A5", "A5 Placed for adoption with placement order with current foster carer"
    A6 = "A6", "A6 Placed for adoption with placement order, not with current foster carer"
    K1 = "K1", "K1 Secure children's home"
    K2 = "K2", "K2 Children's home"
    K3 = "K3", "K3 Supported accommodation (16 and over)"
    P1 = "P1", "P1 Placed with own parent or other person with parental responsibility"
    R1 = "R1", "R1 Residential care home"
    R2 = "R2", "R2 NHS or health trust establishment"
    R3 = "R3", "R3 Family centre or mother and baby unit"
    R5 = "R5", "R5 Young offender institution or prison"
    S1 = "S1", "S1 Residential school"
    T0 = "T0", "T0 Temporary: all types of temporary move"
    T1 = "T1", "T1 Temporary: periods in hospital"
    T2 = "T2", "T2 Temporary: absence on holiday, trip or other"
    T3 = "T3", "T3 Temporary: while the usual foster carer is on holiday"
    T4 = "T4", "T4 Temporary: accommodation of seven days or less"
    Z1 = "Z1", "Z1 Other placements"
    Z11 = "Z11", "Z11 Other: living independently"
    Z12 = "Z12", "Z12 Other: in a hospital or medical setting"
    Z13 = "Z13", "Z13 Other: missing or absent"
    Z14 = "Z14", "Z14 Other: any other placement"


FOSTER_PLACES = frozenset(
    {PlaceCode.U1, PlaceCode.U2, PlaceCode.U3, PlaceCode.U4, PlaceCode.U5, PlaceCode.U6}
)
KINSHIP_PLACES = frozenset({PlaceCode.U1, PlaceCode.U2, PlaceCode.U3})


class ProviderCode(models.TextChoices):
    PR0 = "PR0", "PR0 Parent or other person with parental responsibility"
    PR1 = "PR1", "PR1 Own provision (by the local authority)"
    PR2 = "PR2", "PR2 Other local authority provision"
    PR3 = "PR3", "PR3 Other public provision (e.g. a PCT)"
    PR4 = "PR4", "PR4 Private provision"
    PR5 = "PR5", "PR5 Voluntary or third sector provision"


class ReasonPlaceChange(models.TextChoices):
    CARPL = "CARPL", "Change to the care plan"
    CLOSE = "CLOSE", "Carer resigned or the provision closed"
    ALLEG = "ALLEG", "Allegation (section 47 enquiry)"
    STAND = "STAND", "Standards of care concern"
    APPRR = "APPRR", "Carer's approval removed"
    CREQB = "CREQB", "Carer requested the end because of the child's behaviour"
    CREQO = "CREQO", "Carer requested the end for other reasons"
    CHILD = "CHILD", "Child requested the end"
    LAREQ = "LAREQ", "Responsible authority requested the end"
    PLACE = "PLACE", "Change of placement status only"
    CUSTOD = "CUSTOD", "Custody"
    OTHER = "OTHER", "Other"


class StartKind(models.TextChoices):
    PLANNED = "planned", "Planned"
    EMERGENCY = "emergency", "Emergency"
