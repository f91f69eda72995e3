"""Kinds of document and letter, the records they are kept on, and a letter's life (draft, then issued)."""

from django.db import models


class RecordKind(models.TextChoices):
    HOUSEHOLD = "household", "Fostering household"
    PERSON = "person", "Person"
    CHILD = "child", "Child"
    ASSESSMENT = "assessment", "Assessment"
    PANEL_ITEM = "item", "Panel item"
    ENQUIRY = "enquiry", "Enquiry"


class DocumentKind(models.TextChoices):
    REFERENCE = "reference", "Reference"
    DBS = "dbs", "DBS certificate"
    MEDICAL = "medical", "Medical"
    FORM_F = "form_f", "Form F"
    MINUTES = "minutes", "Minutes"
    IDENTITY = "identity", "Proof of identity"
    DRIVING_LICENCE = "driving_licence", "Driving licence"
    INSURANCE = "insurance", "Car or home insurance"
    LETTER = "letter", "Letter"
    OTHER = "other", "Other"


# A person uploads every kind but "letter": letters are made by issuing a draft.
UPLOAD_KINDS = [(value, label) for value, label in DocumentKind.choices if value != DocumentKind.LETTER]

# What an applicant uploads themselves, on the portal, to their assessment.
APPLICANT_KINDS = [DocumentKind.IDENTITY, DocumentKind.DRIVING_LICENCE, DocumentKind.INSURANCE]


class LetterKind(models.TextChoices):
    ADM_APPROVAL = "adm_approval", "Agency decision maker's approval"
    QUALIFYING_DETERMINATION = "qualifying_determination", "Qualifying determination"
    ENQUIRY_ACKNOWLEDGEMENT = "enquiry_acknowledgement", "Enquiry acknowledgement"
    PANEL_INVITATION = "panel_invitation", "Invitation to panel"
    REVIEW_INVITATION = "review_invitation", "Invitation to a review"


# Which letters are written on which kind of record.
LETTERS_FOR: dict[str, list[str]] = {
    RecordKind.PANEL_ITEM: [
        LetterKind.ADM_APPROVAL,
        LetterKind.QUALIFYING_DETERMINATION,
        LetterKind.PANEL_INVITATION,
    ],
    RecordKind.ENQUIRY: [LetterKind.ENQUIRY_ACKNOWLEDGEMENT],
    RecordKind.HOUSEHOLD: [LetterKind.REVIEW_INVITATION],
}


class LetterStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ISSUED = "issued", "Issued"
