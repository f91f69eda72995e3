"""Documents kept on a record, the council's letter templates, and letters (a draft, then an issued PDF).

A document names its record by kind and id (``records.RECORDS`` says how each kind is found for a
user); the council is on the document itself and must be the record's council.
"""

from django.db import models

from fostering.core.models import OrganisationRecord

from .choices import DocumentKind, LetterKind, LetterStatus, RecordKind


class Document(OrganisationRecord):
    record_kind = models.CharField(max_length=20, choices=RecordKind.choices)
    record_id = models.PositiveBigIntegerField()
    kind = models.CharField("Kind of document", max_length=20, choices=DocumentKind.choices)
    title = models.CharField(max_length=200)
    received_on = models.DateField("Date received")
    expires_on = models.DateField("Expiry date", null=True, blank=True)
    file = models.FileField(max_length=300)
    original_name = models.CharField(max_length=255)
    media_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["organisation", "record_kind", "record_id"]),
            models.Index(fields=["organisation", "expires_on"]),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(size__gt=0), name="document_not_empty"),
            models.CheckConstraint(
                condition=models.Q(expires_on__isnull=True)
                | models.Q(expires_on__gte=models.F("received_on")),
                name="document_expires_after_received",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"

    @property
    def type_label(self) -> str:
        """PDF, JPG, PNG, DOCX or ODT: the type read from the content when it was uploaded."""
        from .validation import ALLOWED

        return ALLOWED.get(self.media_type, ("", "File"))[1]


class LetterTemplate(OrganisationRecord):
    """The council's wording of one kind of letter; ``{{ name }}`` places are filled from the record."""

    kind = models.CharField(max_length=40, choices=LetterKind.choices)
    subject = models.CharField(max_length=200)
    body = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kind"], name="one_letter_template_per_kind")
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class Letter(OrganisationRecord):
    record_kind = models.CharField(max_length=20, choices=RecordKind.choices)
    record_id = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=40, choices=LetterKind.choices)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    status = models.CharField(max_length=10, choices=LetterStatus.choices, default=LetterStatus.DRAFT)
    issued_on = models.DateField(null=True, blank=True)
    document = models.OneToOneField(
        Document, on_delete=models.PROTECT, null=True, blank=True, related_name="letter"
    )

    class Meta:
        indexes = [models.Index(fields=["organisation", "record_kind", "record_id"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="draft", issued_on__isnull=True, document__isnull=True)
                | models.Q(status="issued", issued_on__isnull=False, document__isnull=False),
                name="letter_issued_has_its_document",
            )
        ]

    def __str__(self) -> str:
        return self.subject
