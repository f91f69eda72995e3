from django.apps import AppConfig


class HealthConfig(AppConfig):
    name = "fostering.health"
    label = "health"
    verbose_name = "Children's health"
