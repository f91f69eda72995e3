from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "fostering.alerts"
    label = "alerts"
    verbose_name = "Practice alerts and dispute resolution"
