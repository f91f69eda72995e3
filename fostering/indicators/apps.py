from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "fostering.indicators"
    label = "indicators"
    verbose_name = "How the service is doing"

    def ready(self) -> None:
        from .jobs import register

        register()
