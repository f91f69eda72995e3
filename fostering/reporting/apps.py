from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "fostering.reporting"
    label = "reporting"
    verbose_name = "Reports"

    def ready(self) -> None:
        from .jobs import register

        register()
