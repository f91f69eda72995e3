"""Code lists for people. Sex and ethnicity use the SSDA903 codes so returns need no mapping."""

from django.db import models


class Sex(models.TextChoices):
    MALE = "M", "Male"
    FEMALE = "F", "Female"
    UNKNOWN = "U", "Not known"


class Ethnicity(models.TextChoices):
    WBRI = "WBRI", "White British"
    WIRI = "WIRI", "White Irish"
    WOTH = "WOTH", "Any other White background"
    WIRT = "WIRT", "Traveller of Irish heritage"
    WROM = "WROM", "Gypsy/Roma"
    MWBC = "MWBC", "White and Black Caribbean"
    MWBA = "MWBA", "White and Black African"
    MWAS = "MWAS", "White and Asian"
    MOTH = "MOTH", "Any other mixed background"
    AIND = "AIND", "Indian"
    APKN = "APKN", "Pakistani"
    ABAN = "ABAN", "Bangladeshi"
    AOTH = "AOTH", "Any other Asian background"
    BCRB = "BCRB", "Caribbean"
    BAFR = "BAFR", "African"
    BOTH = "BOTH", "Any other Black background"
    CHNE = "CHNE", "Chinese"
    OOTH = "OOTH", "Any other ethnic group"
    REFU = "REFU", "Refused"
    NOBT = "NOBT", "Information not yet obtained"


class Religion(models.TextChoices):
    NONE = "none", "No religion"
    CHRISTIAN = "christian", "Christian"
    MUSLIM = "muslim", "Muslim"
    HINDU = "hindu", "Hindu"
    SIKH = "sikh", "Sikh"
    JEWISH = "jewish", "Jewish"
    BUDDHIST = "buddhist", "Buddhist"
    OTHER = "other", "Other religion"
    NOT_KNOWN = "not_known", "Not known"
    DECLINED = "declined", "Prefers not to say"


class Disability(models.TextChoices):
    NO = "no", "No"
    YES = "yes", "Yes"
    NOT_KNOWN = "not_known", "Not known"


class MemberRole(models.TextChoices):
    """How a person belongs to a household."""

    CARER = "carer", "Carer or applicant"
    ADULT = "adult", "Other adult in the household"
    CHILD = "child", "Child of the household"
    REGULAR_VISITOR = "regular_visitor", "Adult who visits regularly"


class CheckKind(models.TextChoices):
    DBS = "dbs", "Enhanced DBS check"
    LOCAL_AUTHORITY = "local_authority", "Local authority check"
    MEDICAL = "medical", "Medical (GP)"
    REFERENCE = "reference", "Personal references"
    EMPLOYER = "employer", "Employer reference"
    EX_PARTNER = "ex_partner", "Ex-partner check"
    HEALTH_VISITOR = "health_visitor", "Health visitor check"
    SCHOOL = "school", "School check"


class CheckOutcome(models.TextChoices):
    PENDING = "pending", "Awaiting outcome"
    CLEAR = "clear", "Clear"
    INFORMATION_DISCLOSED = "disclosed", "Information disclosed: to be considered"
    NOT_SATISFACTORY = "not_satisfactory", "Not satisfactory"


# Equality monitoring of carers, asked by Ofsted's fostering data collection from 2024-25 (with consent).
class SexualOrientation(models.TextChoices):
    HETEROSEXUAL = "heterosexual", "Heterosexual or straight"
    GAY_LESBIAN = "gay_lesbian", "Gay or lesbian"
    BISEXUAL = "bisexual", "Bisexual"
    OTHER = "other", "Another sexual orientation"
    PREFER_NOT = "prefer_not", "Prefer not to say"


class GenderIdentity(models.TextChoices):
    SAME = "same", "The same as the sex registered at birth"
    DIFFERENT = "different", "Different from the sex registered at birth"
    PREFER_NOT = "prefer_not", "Prefer not to say"


class RelationshipStatus(models.TextChoices):
    MARRIED = "married", "Married or in a civil partnership"
    COHABITING = "cohabiting", "Living with a partner"
    SINGLE = "single", "Single"
    SEPARATED = "separated", "Separated or divorced"
    WIDOWED = "widowed", "Widowed"
    PREFER_NOT = "prefer_not", "Prefer not to say"
