from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "fostering.reporting"
    label = "reporting"
    verbose_name = "Reports"
