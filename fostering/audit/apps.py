from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "fostering.audit"
    label = "audit"
    verbose_name = "Audit"
