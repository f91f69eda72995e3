from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "fostering.api"
    label = "api"
    verbose_name = "API"
