from __future__ import annotations

from django.db import models

from fostering.core.models import OrganisationRecord

from .choices import DisposalAction, ErasureDecision, ErasureGrounds, RecordKind


class RetentionRule(OrganisationRecord):
    """How long the council keeps one kind of record, and what disposal then does to it."""

    kind = models.CharField(max_length=20, choices=RecordKind.choices)
    years = models.PositiveSmallIntegerField()
    action = models.CharField(max_length=20, choices=DisposalAction.choices)

    class Meta:
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kind"], name="retention_rule_one_per_kind"),
            models.CheckConstraint(condition=models.Q(years__gte=1), name="retention_rule_at_least_a_year"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.years} years"


class ErasureRequest(OrganisationRecord):
    """A person's request to have their data erased (UK GDPR Article 17), and the council's decision.

    The person is kept by reference until an agreed erasure deletes them; the request stays as the record
    that it was received and answered.
    """

    person = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    received_on = models.DateField()
    grounds = models.CharField(max_length=30, choices=ErasureGrounds.choices)
    details = models.TextField(blank=True)
    decision = models.CharField(max_length=10, choices=ErasureDecision.choices, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    outcome = models.TextField(
        blank=True, help_text="What was erased or anonymised, and what was kept and why"
    )

    class Meta:
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decision="", decided_on__isnull=True)
                | (~models.Q(decision="") & models.Q(decided_on__gte=models.F("received_on"))),
                name="erasure_request_decided_on_or_after_received",
            )
        ]

    def __str__(self) -> str:
        return f"Erasure request {self.pk} received {self.received_on:%d/%m/%Y}"


class Disposal(OrganisationRecord):
    """The tombstone of a disposed record: which kind and id, the rule, the dates. No personal data."""

    kind = models.CharField(max_length=20, choices=RecordKind.choices)
    record_id = models.PositiveIntegerField()
    action = models.CharField(max_length=20, choices=DisposalAction.choices)
    rule = models.CharField(max_length=200, help_text="The retention rule or the erasure request it followed")
    due_on = models.DateField()
    disposed_on = models.DateField()
    erasure_request = models.ForeignKey(
        ErasureRequest, on_delete=models.PROTECT, null=True, blank=True, related_name="disposals"
    )

    class Meta:
        ordering = ["-disposed_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "record_id"], name="disposal_once_per_record"
            )
        ]

    def __str__(self) -> str:
        return f"{RecordKind(self.kind).label} {self.record_id}: {self.get_action_display().split(' (')[0]}"
