"""The DfE's OC3 codes for a care leaver's birthday contact (SSDA903 guidance, as the DfE rules read them)."""

from __future__ import annotations

from django.db import models


class InTouch(models.TextChoices):
    YES = "YES", "Yes, in touch"
    NO = "NO", "No, not in touch"
    DIED = "DIED", "Died"
    REFU = "REFU", "Young person refuses contact"
    NREQ = "NREQ", "No longer requires services"
    RHOM = "RHOM", "Returned home to parents for 6 months or more"


class Activity(models.TextChoices):
    F1 = "F1", "F1 Full-time higher education"
    P1 = "P1", "P1 Part-time higher education"
    F2 = "F2", "F2 Full-time education other than higher education"
    P2 = "P2", "P2 Part-time education other than higher education"
    F4 = "F4", "F4 Full-time employment"
    P4 = "P4", "P4 Part-time employment"
    F5 = "F5", "F5 Full-time training or apprenticeship"
    P5 = "P5", "P5 Part-time training or apprenticeship"
    G4 = "G4", "G4 Not in education, employment or training: illness or disability"
    G5 = "G5", "G5 Not in education, employment or training: other reasons"
    G6 = "G6", "G6 Not in education, employment or training: pregnancy or parenting"
    NONE = "0", "0 Not known (not in touch, died or returned home)"


NEET = {Activity.G4, Activity.G5, Activity.G6}
IN_EET = {a for a in Activity if a not in NEET and a != Activity.NONE}

ACCOMMODATION_KINDS = {
    "B": "With parents or relatives",
    "C": "Community home or other residential care",
    "D": "Semi-independent, transitional accommodation",
    "E": "Supported lodgings",
    "G": "Gone abroad",
    "H": "Deported",
    "K": "Ordinary lodgings, without formal support",
    "R": "Residence not known",
    "S": "No fixed abode or homeless",
    "T": "Foyer or similar supported accommodation",
    "U": "Independent living",
    "V": "Emergency accommodation",
    "W": "Bed and breakfast",
    "X": "In custody",
    "Y": "Other accommodation",
    "Z": "With former foster carers (Staying Put)",
}
# S (homeless) and X (custody) are never suitable: the DfE lists only S2 and X2.
ONLY_UNSUITABLE = {"S", "X"}


def _accommodation_choices() -> list[tuple[str, str]]:
    choices = []
    for letter, label in ACCOMMODATION_KINDS.items():
        if letter not in ONLY_UNSUITABLE:
            choices.append((f"{letter}1", f"{letter}1 {label}: suitable"))
        choices.append((f"{letter}2", f"{letter}2 {label}: not suitable"))
    return [*choices, ("0", "0 Not known (not in touch, died or returned home)")]


ACCOMMODATION_CHOICES = _accommodation_choices()
ACCOMMODATION_CODES = [code for code, _ in ACCOMMODATION_CHOICES]


def suitable(accommodation: str) -> bool | None:
    """Suitable (1), not suitable (2), or not known (0)."""
    if accommodation == "0":
        return None
    return accommodation.endswith("1")


class ContactMethod(models.TextChoices):
    VISIT = "visit", "Visit in person"
    PHONE = "phone", "Phone or video call"
    MESSAGE = "message", "Message, text or email"
    OTHER = "other", "Other"


class Category(models.TextChoices):
    """Children (Leaving Care) Act 2000 categories."""

    ELIGIBLE = "eligible", "Eligible (16 or 17, still looked after)"
    RELEVANT = "relevant", "Relevant (16 or 17, left care)"
    FORMER_RELEVANT = "former_relevant", "Former relevant (18 to 25)"
